"""Which events the kiosk view swallows, and the start-up refusal of remote debugging."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent

from kiosk.web.view import refuse_remote_debugging, swallowed


def _mouse(button: Qt.MouseButton) -> QMouseEvent:
    return QMouseEvent(
        QEvent.Type.MouseButtonPress, QPointF(1, 1), QPointF(1, 1), button, button,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip


def test_history_buttons_and_keys_are_swallowed() -> None:
    assert swallowed(_mouse(Qt.MouseButton.BackButton))
    assert swallowed(_mouse(Qt.MouseButton.ForwardButton))
    assert not swallowed(_mouse(Qt.MouseButton.LeftButton))
    alt = Qt.KeyboardModifier.AltModifier
    none = Qt.KeyboardModifier.NoModifier
    assert swallowed(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Left, alt))
    assert swallowed(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Back, none))
    assert not swallowed(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Left, none))
    assert not swallowed(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, none))
    assert swallowed(QEvent(QEvent.Type.Drop))
    assert swallowed(QEvent(QEvent.Type.DragEnter))


def test_remote_debugging_is_removed_from_argv_and_environment() -> None:
    argv = ["kiosk", "--remote-debugging-port=9222", "--windowed", "--auto-open-devtools-for-tabs"]
    environ = {
        "QTWEBENGINE_REMOTE_DEBUGGING": "0.0.0.0:9222",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--remote-debugging-port=9223 --lang=fr",
        "HOME": "/home/kiosk",
    }
    assert refuse_remote_debugging(argv, environ) == 4
    assert argv == ["kiosk", "--windowed"]
    assert environ == {"QTWEBENGINE_CHROMIUM_FLAGS": "--lang=fr", "HOME": "/home/kiosk"}
    assert refuse_remote_debugging(argv, environ) == 0
