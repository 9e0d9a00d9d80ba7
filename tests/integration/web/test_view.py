"""The view: no context menu, no drops, no history buttons, on the widget that gets events."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QDropEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from tests.integration.web.conftest import Session, pump


def _two_pages(session: Session) -> None:
    assert session.load("https://kiosk.test/pages.html")
    assert session.load("https://kiosk.test/second.html")
    assert session.page.can_go_back()


def _target(session: Session):  # type: ignore[no-untyped-def]
    target = session.view.focusProxy()
    assert target is not None
    return target


def test_the_mouse_back_and_forward_buttons_do_nothing(fresh: Session) -> None:
    _two_pages(fresh)
    for button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
        for kind in (QMouseEvent.Type.MouseButtonPress, QMouseEvent.Type.MouseButtonRelease):
            event = QMouseEvent(
                kind, QPointF(50, 50), QPointF(50, 50), button, button,
                Qt.KeyboardModifier.NoModifier,
            )  # fmt: skip
            QApplication.sendEvent(_target(fresh), event)
        pump(0.3)
        assert fresh.where() == "second"


def test_history_keys_do_nothing(fresh: Session) -> None:
    _two_pages(fresh)
    QTest.keyClick(_target(fresh), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(_target(fresh), Qt.Key.Key_Back)
    pump(0.3)
    assert fresh.where() == "second"


def test_the_kiosks_own_back_still_works(fresh: Session) -> None:
    _two_pages(fresh)
    fresh.rec.loads.clear()
    fresh.page.go_back()
    pump(0.3)
    assert fresh.where() == "pages"


def test_no_context_menu(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/pages.html")
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(50, 50), QPoint(50, 50))
    QApplication.sendEvent(_target(fresh), event)
    QTest.mouseClick(_target(fresh), Qt.MouseButton.RightButton, pos=QPoint(50, 50))
    pump(0.3)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert menus == []


def test_dropping_a_link_does_not_navigate(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/pages.html")
    data = QMimeData()
    data.setUrls([QUrl("https://evil.example/dropped")])
    data.setText("https://evil.example/dropped")
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    for widget in (_target(fresh), fresh.view):
        QApplication.sendEvent(widget, event)
    pump(0.3)
    assert fresh.where() == "pages"
    assert fresh.rec.of("blocked") == []
