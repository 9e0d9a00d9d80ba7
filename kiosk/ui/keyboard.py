"""The on-screen keyboard, inside the kiosk's own window (Qt Virtual Keyboard).

Qt Virtual Keyboard's default for widget applications is a separate top-level window
("desktop mode"). Under a kiosk compositor, or on X11 with no window manager, nothing
places, raises or activates that window: it can stay hidden or never appear. Here the
keyboard's QML `InputPanel` lives in a `QQuickWidget` that is a child of the shell,
docked at the bottom of the window and raised above the content, so it is always where
the resident touches, whatever manages (or does not manage) the windows.

How it fits together:

* `prepare_environment()` runs before the QApplication exists. It sets
  `QT_IM_MODULE=qtvirtualkeyboard` (Qt loads the keyboard's input method: key presses
  on the panel become input-method events for the focused widget) and
  `QT_VIRTUALKEYBOARD_DESKTOP_DISABLE=1` (Qt never opens its own keyboard window, even
  if a field gets focus before our panel exists).
* `install_keyboard(shell)` runs once the attract screen is painted. It adds the empty
  QQuickWidget (about 50 ms: Qt re-creates the window's native window for OpenGL, see
  `OnScreenKeyboard._make_view`) and loads the QML 2 s later (about 150 ms), or at the
  first text field if that comes first. Nothing of it delays the first paint.
* The panel follows Qt's input method: a text field gets focus (tap or `setFocus`) →
  the panel shows; focus leaves text input, or the resident taps the keyboard's
  "hide" key → it hides.
* It never covers the field: while it is shown, the shell's layout gets a bottom margin
  as tall as the panel, so the screens are laid out in the space above it; a field
  inside a scroll area is scrolled into view. If the field is still under the panel
  (a field in an overlay that covers the whole window, say), the panel docks at the
  top of the window instead.
* Pop-ups: the keyboard draws the accents of a long-pressed key (é è ê ë), the enlarged
  pressed key and its language list above its top row. The view keeps a transparent
  strip there (drawn over the content: WA_AlwaysStackOnTop), which lets touches through
  to the content except while a pop-up is shown.
* Layout language: the session's language (`kiosk.i18n.current_language()`) is read
  each time the panel opens, and `set_language()` changes it at once. French AZERTY
  stays a second layout (the language key) for non-Latin languages: e-mail addresses
  and passwords are typed in Latin letters. `reset()` (session wipe) forgets it all.
* Hidden text (password fields): no full-screen preview of the text, no word
  candidates, and no enlarged bubble showing each pressed key.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QSizeF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QRegion, QWindow
from PySide6.QtWidgets import QApplication, QBoxLayout, QScrollArea, QWidget
from shiboken6 import isValid

from kiosk.ui.keyboard_setup import (
    _QML,
    DEFAULT_MAX_HEIGHT,
    HEADLESS_PLATFORMS,
    IM_MODULE,
    KEYBOARD_LOCALES,
    keyboard_locale,
    keyboard_locales,
    prepare_environment,
)

if TYPE_CHECKING:
    from PySide6.QtQuickWidgets import QQuickWidget

log = logging.getLogger(__name__)


def is_text_input(widget: QWidget | None) -> bool:
    """True for a widget that takes typed text now (read-only fields are not)."""
    if widget is None or not widget.isEnabled() or not widget.isVisible():
        return False
    if not widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
        return False
    return bool(widget.inputMethodQuery(Qt.InputMethodQuery.ImEnabled))


@dataclass(frozen=True)
class VisibleKey:
    """A key as drawn now: its label and its centre on the screen (for tests and probes)."""

    text: str
    key: int
    center: QPoint


class OnScreenKeyboard(QObject):
    """Qt Virtual Keyboard docked inside `shell`; see the module's documentation."""

    shown = Signal(bool)
    """True when the panel appears, False when it goes away."""

    def __init__(self, shell: QWidget, *, max_height: float = DEFAULT_MAX_HEIGHT) -> None:
        super().__init__(shell)
        self._shell = shell
        self._max_height = max_height
        self._view: QQuickWidget | None = None
        self._root: QObject | None = None
        self._component: QObject | None = None
        self._code: str | None = None
        self._explicit_code = False
        self._dock = "bottom"
        self._headroom = 0
        self._reserved = 0
        self._layout_margins: tuple[int, int, int, int] | None = None
        self._field: QWidget | None = None
        self._watched_window: QWindow | None = None
        self.available = _input_method_ready()
        if not self.available:
            return
        self._make_view()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)
        QGuiApplication.inputMethod().visibleChanged.connect(self._sync)
        shell.installEventFilter(self)
        self._watch_window()

    # Public

    def preload(self) -> bool:
        """Loads the keyboard now (QML, layouts), hidden; True if it is ready."""
        if not self.available:
            return False
        if self._root is None:
            self._create()
        return self._root is not None

    def set_language(self, code: str) -> None:
        """Uses the layout of kiosk language `code` from now on (the session's language)."""
        self._code = code
        self._explicit_code = True
        self._apply_language()

    def reset(self) -> None:
        """For the session wipe: hides the panel, forgets the language and the layout."""
        self._explicit_code = False
        self._code = None
        method = QGuiApplication.inputMethod()
        if method.isVisible():
            method.hide()
        method.reset()
        self._hide_view()
        if self._root is not None:
            self._root.setProperty("resets", int(self._root.property("resets")) + 1)

    def is_shown(self) -> bool:
        return self._view is not None and self._view.isVisible()

    def is_loaded(self) -> bool:
        return self._root is not None

    def panel_geometry(self) -> QRect:
        """The keyboard's rectangle in the shell's coordinates (empty when hidden).

        The view is taller by its headroom, see-through and letting touches through.
        """
        view = self._view
        if view is None or not self.is_shown():
            return QRect()
        return QRect(0, view.y() + self._headroom, view.width(), view.height() - self._headroom)

    def dock(self) -> str:
        """Where the panel is: "bottom" (usual) or "top" (the field would be covered)."""
        return self._dock

    def current_locale(self) -> str:
        """The layout shown now, e.g. "fr_FR" ("" before the keyboard is loaded)."""
        return str(self._root.property("currentLocale") or "") if self._root else ""

    def view(self) -> QQuickWidget | None:
        """The QQuickWidget holding the panel (None if there is no keyboard)."""
        return self._view

    def visible_keys(self) -> list[VisibleKey]:
        """The keys of the current layout with their centres in screen coordinates."""
        if self._view is None or self._root is None:
            return []
        from PySide6.QtQuick import QQuickItem

        panel = self._root.findChild(QQuickItem, "inputPanel")
        keys: list[VisibleKey] = []
        stack = [panel] if panel is not None else []
        while stack:
            item = stack.pop()
            stack.extend(reversed(item.childItems()))
            if not item.isVisible():
                continue
            meta = item.metaObject()
            if meta.indexOfProperty("displayText") < 0 or meta.indexOfProperty("keyType") < 0:
                continue
            if item.width() <= 0 or not item.property("enabled"):
                continue
            center = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
            keys.append(
                VisibleKey(
                    str(item.property("displayText") or ""),
                    int(item.property("key") or 0),
                    self._view.mapToGlobal(center.toPoint()),
                )
            )
        return keys

    # Creation

    def _make_view(self) -> None:
        """The QQuickWidget, empty and hidden (the QML comes with `preload()`).

        The first render-to-texture child of a window makes Qt re-create the window's
        native window (for its OpenGL surface): a new X window, which nobody activates
        when there is no window manager, so the kiosk would stop getting keys and focus.
        It is done here, once, and the window is activated again at once.
        """
        from PySide6.QtQuickWidgets import QQuickWidget

        shell = self._shell
        reactivate = shell.isActiveWindow() or shell.isFullScreen()
        view = QQuickWidget(shell)
        view.setObjectName("OnScreenKeyboard")
        # The keyboard must never take the focus from the field it types into.
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        # Drawn over the content, see-through in its headroom (above the keyboard).
        view.setAttribute(Qt.WidgetAttribute.WA_AlwaysStackOnTop)
        view.setClearColor(QColor(Qt.GlobalColor.transparent))
        view.hide()
        self._view = view
        if reactivate and shell.isVisible():
            shell.activateWindow()

    def _create(self) -> None:
        from PySide6.QtQml import QQmlComponent

        view = self._view
        assert view is not None
        component = QQmlComponent(view.engine())
        url = QUrl("qrc:/kiosk/OnScreenKeyboard.qml")
        component.setData(QByteArray(_QML), url)
        root = component.create() if component.isReady() else None
        if root is None:
            for error in component.errors():
                log.error("on-screen keyboard QML: %s", error.toString())
            self.available = False
            return
        view.setContent(url, component, root)
        self._root, self._component = root, component
        root.panelHeightChanged.connect(self._place)  # type: ignore[attr-defined]
        root.headroomChanged.connect(self._place)  # type: ignore[attr-defined]
        root.popupVisibleChanged.connect(self._update_mask)  # type: ignore[attr-defined]
        root.setProperty("maxKeyboardHeight", self._shell.height() * self._max_height)
        self._apply_language()
        log.info("on-screen keyboard loaded")

    # Following focus and Qt's input method

    def _alive(self) -> bool:
        """False once Qt has deleted the shell (and so this keyboard): at shut-down."""
        return isValid(self) and isValid(self._shell)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self._alive():
            return
        if is_text_input(new) and new is not None and new.window() is self._shell:
            if self.preload():
                # After Qt has told its input method about the new focus object.
                QTimer.singleShot(0, self, self._show_for_focus)
        else:
            # The input method hides itself when focus leaves text input; this covers a
            # focus that leaves the window or the application.
            QTimer.singleShot(0, self, self._sync)

    def _show_for_focus(self) -> None:
        if is_text_input(QApplication.focusWidget()):
            QGuiApplication.inputMethod().show()
        self._sync()

    def _sync(self) -> None:
        if not self._alive():
            return
        field = QApplication.focusWidget()
        wanted = (
            self._root is not None
            and QGuiApplication.inputMethod().isVisible()
            and is_text_input(field)
            and field is not None
            and field.window() is self._shell
        )
        if not wanted:
            self._field = None
            self._hide_view()
            return
        if not self._explicit_code:
            from kiosk.i18n import current_language

            self._code = current_language()
            self._apply_language()
        was_shown = self.is_shown()
        self._field = field
        self._dock = "bottom"
        self._place()
        if not was_shown:
            assert self._view is not None
            self._view.show()
            self._view.raise_()
            self.shown.emit(True)
        QTimer.singleShot(0, self, self._keep_field_visible)

    def _hide_view(self) -> None:
        self._release_space()
        if self._view is not None and self._view.isVisible():
            self._view.hide()
            self.shown.emit(False)

    def _apply_language(self) -> None:
        if self._root is None or self._code is None:
            return
        self._root.setProperty("keyboardLocales", keyboard_locales(self._code))
        self._root.setProperty("primaryLocale", keyboard_locale(self._code))

    # Placement and the field's visibility

    def _panel_height(self) -> int:
        return int(self._root.property("panelHeight") or 0) if self._root is not None else 0

    def _place(self) -> None:
        view, root = self._view, self._root
        if view is None or root is None:
            return
        shell = self._shell
        root.setProperty("maxKeyboardHeight", shell.height() * self._max_height)
        height = self._panel_height()
        if self._dock == "bottom":
            headroom = min(int(root.property("headroom") or 0), shell.height() - height)
            top = shell.height() - height - headroom
        else:
            headroom, top = 0, 0
        self._headroom = headroom
        view.setGeometry(0, top, shell.width(), headroom + height)
        # SizeRootObjectToView misses resizes made while the view is hidden.
        from PySide6.QtQuick import QQuickItem

        if isinstance(root, QQuickItem):
            root.setSize(QSizeF(shell.width(), headroom + height))
        self._update_mask()
        if self._field is not None:
            self._reserve_space(height if self._dock == "bottom" else 0)

    def _update_mask(self) -> None:
        """Touches in the headroom reach the content, except while a pop-up is there."""
        view, root = self._view, self._root
        if view is None or root is None:
            return
        if root.property("popupVisible"):
            view.clearMask()
        else:
            view.setMask(QRegion(0, self._headroom, view.width(), view.height() - self._headroom))

    def _reserve_space(self, height: int) -> None:
        """Lays the shell's content out above the panel (a bottom margin on its layout)."""
        layout = self._shell.layout()
        if not isinstance(layout, QBoxLayout) or height == self._reserved:
            return
        if self._layout_margins is None:
            margins = layout.contentsMargins()
            self._layout_margins = (
                margins.left(),
                margins.top(),
                margins.right(),
                margins.bottom(),
            )
        left, top, right, bottom = self._layout_margins
        layout.setContentsMargins(left, top, right, bottom + height)
        layout.activate()
        self._reserved = height

    def _release_space(self) -> None:
        layout = self._shell.layout()
        if self._layout_margins is not None and isinstance(layout, QBoxLayout):
            layout.setContentsMargins(*self._layout_margins)
            layout.activate()
        self._layout_margins = None
        self._reserved = 0

    def _keep_field_visible(self) -> None:
        field = self._field
        if field is None or not self.is_shown() or self._view is None:
            return
        for area in _scroll_areas(field):
            area.ensureWidgetVisible(field, 0, 24)
        if not self._covered(field):
            return
        if self._dock == "bottom":
            # Still under the panel (e.g. an overlay covering the whole window): the top
            # of the window, with the content laid out as without a keyboard.
            self._release_space()
            self._dock = "top"
            self._place()
            if self._covered(field):
                log.warning("on-screen keyboard covers the focused field in every position")
                self._dock = "bottom"
                self._place()

    def _covered(self, field: QWidget) -> bool:
        """True if part of `field` is hidden: under the panel, or clipped by a parent."""
        assert self._view is not None
        shown = _visible_rect(field, self._shell)
        full = QRect(field.mapTo(self._shell, QPoint(0, 0)), field.size())
        return shown != full or shown.intersects(self.panel_geometry())

    def _watch_window(self) -> None:
        """Watches presses on the shell's native window (a new one after a re-creation)."""
        window = self._shell.windowHandle()
        if window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            self._watched_window = window
            if window is not None:
                window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        shell = self._shell
        if kind in _PRESSES:
            # With no window manager, a press does not activate a window; an inactive
            # window has no focus object, so the keyboard would type into nothing.
            if watched is self._watched_window and not shell.isActiveWindow():
                log.info("window not active at a press: activating it")
                shell.activateWindow()
        elif watched is shell:
            if kind in (QEvent.Type.WinIdChange, QEvent.Type.Show):
                self._watch_window()
            elif kind == QEvent.Type.Resize and self.is_shown():
                QTimer.singleShot(0, self, self._place)
                QTimer.singleShot(0, self, self._keep_field_visible)
        return False


_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


def _input_method_ready() -> bool:
    """True if Qt loaded Qt Virtual Keyboard as its input method (logged when not)."""
    module = os.environ.get("QT_IM_MODULE")
    if module != IM_MODULE:
        log.warning(
            "no on-screen keyboard: QT_IM_MODULE is %r, not %r (call "
            "keyboard.prepare_environment() before the QApplication is made)",
            module,
            IM_MODULE,
        )
        return False
    platform = QGuiApplication.platformName()
    if platform in HEADLESS_PLATFORMS:
        # These platforms load no input method: there is nothing to type with.
        log.info("no on-screen keyboard on the %s platform", platform)
        return False
    return True


def _scroll_areas(widget: QWidget) -> list[QScrollArea]:
    areas = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            areas.append(parent)
        parent = parent.parentWidget()
    return areas


def _visible_rect(widget: QWidget, top: QWidget) -> QRect:
    """`widget`'s rectangle in `top`'s coordinates, clipped by every parent up to `top`."""
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        rect = rect.intersected(QRect(parent.mapTo(top, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(top.rect())


_installed: OnScreenKeyboard | None = None


def install_keyboard(shell: QWidget, *, preload_after_ms: int | None = 2000) -> OnScreenKeyboard:
    """Docks the on-screen keyboard in `shell`; one per application.

    Call it once the shell has painted (it re-creates the shell's native window, see
    `OnScreenKeyboard._make_view`). The QML is loaded `preload_after_ms` later, in the
    event loop, or at the first text field if that comes first (None: only then).
    """
    global _installed  # noqa: PLW0603 - one input method per process, like Qt's
    if _installed is None or _installed.parent() is not shell:
        _installed = OnScreenKeyboard(shell)
        if preload_after_ms is not None and _installed.available:
            QTimer.singleShot(preload_after_ms, _installed, _installed.preload)
    return _installed


def set_language(code: str) -> None:
    """Switches the installed keyboard to kiosk language `code` (no-op if none)."""
    if _installed is not None:
        _installed.set_language(code)


def reset() -> None:
    """For the session wipe: the installed keyboard hides and forgets (no-op if none)."""
    if _installed is not None:
        _installed.reset()


__all__ = [
    "KEYBOARD_LOCALES",
    "OnScreenKeyboard",
    "install_keyboard",
    "keyboard_locale",
    "keyboard_locales",
    "prepare_environment",
    "reset",
    "set_language",
]
