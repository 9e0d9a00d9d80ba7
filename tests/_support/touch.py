"""A tap as a finger makes it: through the kiosk's window, as the window system delivers it.

QTest's clicks on a widget skip the window; the kiosk watches activity and the speech
mode's first tap on the window (kiosk.ui.runtime.watch_activity), so tests that depend on
either tap through the window with these helpers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.ui.runtime import window_of


def tap(widget: QWidget, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    top = widget.window()
    point = widget.mapTo(top, widget.rect().center())
    QTest.mouseClick(window_of(top), button, Qt.KeyboardModifier.NoModifier, point)


def touch(_qtbot: Any, widget: QWidget) -> None:
    """The signature of the tests' former `touch(qtbot, widget)` helpers."""
    tap(widget)
