"""The view that shows a session's page: no menu, no drops, no history buttons, no devtools.

QtWebEngine renders into a child widget (the focus proxy) that receives the mouse and keys,
so the filters sit on it as well as on the view. The mouse Back/Forward buttons and
Alt+Left/Right would walk the history without the kiosk's Retour; dropping a link or a file
would navigate outside the allow-list; the context menu offers "view source" and "inspect".
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

# PySide must know QtQuick's classes: the view renders through QQuickItems, and when an
# application-wide Python event filter (the kiosk's activity filter) sees one of them,
# PySide 6.12 otherwise guesses its type and crashed (segfault in findDerivedType).
import PySide6.QtQuick  # noqa: F401
from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from kiosk.web.devtools import refuse_remote_debugging  # noqa: F401 (public here too)
from kiosk.web.page import KioskPage

if TYPE_CHECKING:
    from kiosk.web.engine import WebEngine

log = logging.getLogger(__name__)

HISTORY_BUTTONS = (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)
HISTORY_KEYS = (Qt.Key.Key_Back, Qt.Key.Key_Forward)
ALT_HISTORY_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right)
MOUSE_EVENTS = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)
DROP_EVENTS = (
    QEvent.Type.DragEnter,
    QEvent.Type.DragMove,
    QEvent.Type.Drop,
)
GUARDED = "kioskGuarded"


def swallowed(event: QEvent) -> bool:
    """True for the events a kiosk page must never see."""
    kind = event.type()
    if kind in MOUSE_EVENTS and isinstance(event, QMouseEvent):
        return event.button() in HISTORY_BUTTONS
    if kind in DROP_EVENTS or kind == QEvent.Type.ContextMenu:
        return True
    if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
        event, QKeyEvent
    ):
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        return key in HISTORY_KEYS or (alt and key in ALT_HISTORY_KEYS)
    return False


class _Guard(QObject):
    """Event filter for the view and its render child."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if swallowed(event):
            event.accept()
            return True
        return False


class KioskWebView(QWebEngineView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kiosk_page: KioskPage | None = None
        # QWebEngineView makes a page in the default profile whenever it has none (even to
        # show itself). Its placeholder is an empty page in a profile of its own, off the
        # record, that never loads anything; the profile is the page's child so that it is
        # deleted after the page, as QtWebEngine requires.
        placeholder_profile = QWebEngineProfile()
        self._placeholder = QWebEnginePage(placeholder_profile, self)
        placeholder_profile.setParent(self._placeholder)
        self.setPage(self._placeholder)
        self._guard = _Guard(self)
        self.setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.installEventFilter(self._guard)
        self._guard_children()

    def follow(self, engine: WebEngine) -> None:
        """Shows each session's page and lets go of it before the engine deletes it."""
        engine.page_changed.connect(self.attach)
        engine.closing.connect(lambda: self.attach(None))
        if engine.session_open and engine.page is not None:
            self.attach(engine.page)

    def attach(self, page: KioskPage | None) -> None:
        if page is self._kiosk_page:
            return
        self._kiosk_page = page
        self.setPage(page if page is not None else self._placeholder)
        self._guard_children()

    def kiosk_page(self) -> KioskPage | None:
        return self._kiosk_page

    def _guard_children(self) -> None:
        for child in [self.focusProxy(), *self.findChildren(QWidget)]:
            if child is not None and not child.property(GUARDED):
                child.installEventFilter(self._guard)
                child.setAcceptDrops(False)
                child.setProperty(GUARDED, True)

    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildPolished:
            self._guard_children()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()

    def event(self, event: QEvent) -> bool:
        if swallowed(event):
            event.accept()
            return True
        return super().event(event)
