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
* `install_keyboard(shell)` is cheap: it watches focus only. The QML is loaded the first
  time it is needed (`preload()` at the start of a session, or the first text field).
* The panel follows Qt's input method: a text field gets focus (tap or `setFocus`) →
  the panel shows; focus leaves text input, or the resident taps the keyboard's
  "hide" key → it hides.
* It never covers the field: while it is shown, the shell's layout gets a bottom margin
  as tall as the panel, so the screens are laid out in the space above it; a field
  inside a scroll area is scrolled into view. If the field is still under the panel
  (a field in an overlay that covers the whole window, say), the panel docks at the
  top of the window instead.
* Layout language: the session's language (`kiosk.i18n.current_language()`) is read
  each time the panel opens, and `set_language()` changes it at once. French AZERTY
  stays a second layout (the language key) for non-Latin languages: e-mail addresses
  and passwords are typed in Latin letters.
* Hidden text (password fields): no full-screen preview of the text, no word
  candidates, and no enlarged bubble showing each pressed key.
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from dataclasses import dataclass

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QBoxLayout, QScrollArea, QWidget

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"

# Kiosk language → Qt Virtual Keyboard layout (the names are the layout folders of the
# Qt 6.12 wheel: VirtualKeyboardSettings.availableLocales).
KEYBOARD_LOCALES: dict[str, str] = {
    "fr": "fr_FR",  # AZERTY
    "fr-falc": "fr_FR",
    "en": "en_GB",
    "ar": "ar_AR",
    "es": "es_ES",
    "pt": "pt_PT",
    "ro": "ro_RO",
    "uk": "uk_UA",
    "ru": "ru_RU",
    "tr": "tr_TR",
    "fa": "fa_FA",
    # Qt Virtual Keyboard has no Pashto layout. The Persian one shares the Perso-Arabic
    # letters Pashto uses most (پ چ ژ گ ی, which the Arabic layout lacks) but not the
    # Pashto-only ones (ټ ډ ړ ږ ښ ګ ڼ ې ۍ): a stopgap until a ps_AF layout is written.
    "ps": "fa_FA",
}
LATIN_LOCALE = "fr_FR"
"""Always offered as a second layout: web addresses, e-mail and passwords are Latin."""

DEFAULT_MAX_HEIGHT = 0.42
"""The keyboard takes at most this share of the window's height (it is then narrower)."""

_QML = b"""
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Rectangle {
    id: root
    color: "#202020"

    // Set from Python.
    property string primaryLocale: "fr_FR"
    property var keyboardLocales: ["fr_FR"]
    property real maxKeyboardHeight: 450

    // Read from Python.
    readonly property bool panelActive: panel.active
    readonly property int panelHeight: Math.ceil(panel.height)
    readonly property string currentLocale: panel.keyboard.locale
    readonly property bool hiddenText: panel.keyboard.inputItemEchoMode !== TextInput.Normal

    readonly property real designRatio: panel.keyboard.style
        ? panel.keyboard.style.keyboardDesignWidth / panel.keyboard.style.keyboardDesignHeight
        : 3.2

    function applyLocales() {
        VirtualKeyboardSettings.activeLocales = root.keyboardLocales
        VirtualKeyboardSettings.locale = root.primaryLocale
    }
    onPrimaryLocaleChanged: applyLocales()
    onKeyboardLocalesChanged: applyLocales()
    Component.onCompleted: {
        VirtualKeyboardSettings.fullScreenMode = false
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = false
        applyLocales()
    }

    InputPanel {
        id: panel
        objectName: "inputPanel"
        width: Math.min(root.width, root.maxKeyboardHeight * root.designRatio)
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
    }

    // Password fields: the enlarged bubble over a pressed key would show every character
    // of the password to whoever stands behind the resident.
    Binding {
        target: panel.keyboard.characterPreview
        property: "visible"
        value: false
        when: root.hiddenText
    }
}
"""


def prepare_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Selects Qt Virtual Keyboard as the input method; call it before QApplication exists.

    Qt reads both variables once, when the application starts. A QT_IM_MODULE already set
    to something else (e.g. a developer's ibus) is left alone: the kiosk then has no
    on-screen keyboard, which `install_keyboard` reports in the log.
    """
    env = os.environ if environ is None else environ
    env.setdefault("QT_IM_MODULE", IM_MODULE)
    env["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"


def keyboard_locale(code: str) -> str:
    """The keyboard layout for a kiosk language code (French AZERTY if unknown)."""
    return KEYBOARD_LOCALES.get(code, LATIN_LOCALE)


def keyboard_locales(code: str) -> list[str]:
    """The layouts offered for a language: its own, then French AZERTY."""
    primary = keyboard_locale(code)
    return [primary] if primary == LATIN_LOCALE else [primary, LATIN_LOCALE]


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
        self._view: QWidget | None = None
        self._root: QObject | None = None
        self._component: QObject | None = None
        self._code: str | None = None
        self._explicit_code = False
        self._dock = "bottom"
        self._reserved = 0
        self._layout_margins: tuple[int, int, int, int] | None = None
        self._field: QWidget | None = None
        self.available = os.environ.get("QT_IM_MODULE") == IM_MODULE
        if not self.available:
            log.warning(
                "no on-screen keyboard: QT_IM_MODULE is %r, not %r (call "
                "keyboard.prepare_environment() before the QApplication is made)",
                os.environ.get("QT_IM_MODULE"),
                IM_MODULE,
            )
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)
        QGuiApplication.inputMethod().visibleChanged.connect(self._sync)
        shell.installEventFilter(self)

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
        """For the session wipe: hides the panel and forgets the language."""
        self._explicit_code = False
        self._code = None
        if self.is_shown():
            QGuiApplication.inputMethod().hide()
            QGuiApplication.inputMethod().reset()
        self._hide_view()

    def is_shown(self) -> bool:
        return self._view is not None and self._view.isVisible()

    def panel_geometry(self) -> QRect:
        """The panel's rectangle in the shell's coordinates (empty when hidden)."""
        return self._view.geometry() if self.is_shown() and self._view is not None else QRect()

    def dock(self) -> str:
        """Where the panel is: "bottom" (usual) or "top" (the field would be covered)."""
        return self._dock

    def current_locale(self) -> str:
        """The layout shown now, e.g. "fr_FR" ("" before the keyboard is loaded)."""
        return str(self._root.property("currentLocale") or "") if self._root else ""

    def view(self) -> QWidget | None:
        """The QQuickWidget holding the panel (None until loaded)."""
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

    def _create(self) -> None:
        from PySide6.QtQml import QQmlComponent
        from PySide6.QtQuickWidgets import QQuickWidget

        view = QQuickWidget(self._shell)
        view.setObjectName("OnScreenKeyboard")
        # The keyboard must never take the focus from the field it types into.
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        view.setClearColor(QColor("#202020"))
        view.hide()
        component = QQmlComponent(view.engine())
        url = QUrl("qrc:/kiosk/OnScreenKeyboard.qml")
        component.setData(QByteArray(_QML), url)
        root = component.create() if component.isReady() else None
        if root is None:
            for error in component.errors():
                log.error("on-screen keyboard QML: %s", error.toString())
            view.deleteLater()
            self.available = False
            return
        view.setContent(url, component, root)
        self._view, self._root, self._component = view, root, component
        root.panelHeightChanged.connect(self._place)  # type: ignore[attr-defined]
        root.setProperty("maxKeyboardHeight", self._shell.height() * self._max_height)
        self._apply_language()
        log.info("on-screen keyboard loaded (layout %s)", self.current_locale())

    # Following focus and Qt's input method

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if is_text_input(new) and new is not None and new.window() is self._shell:
            if self.preload():
                # After Qt has told its input method about the new focus object.
                QTimer.singleShot(0, self._show_for_focus)
        else:
            # The input method hides itself when focus leaves text input; this covers a
            # focus that leaves the window or the application.
            QTimer.singleShot(0, self._sync)

    def _show_for_focus(self) -> None:
        if is_text_input(QApplication.focusWidget()):
            QGuiApplication.inputMethod().show()
        self._sync()

    def _sync(self) -> None:
        field = QApplication.focusWidget()
        wanted = (
            self._view is not None
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
        QTimer.singleShot(0, self._keep_field_visible)

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
        if self._view is None or self._root is None:
            return
        shell = self._shell
        self._root.setProperty("maxKeyboardHeight", shell.height() * self._max_height)
        height = self._panel_height()
        y = 0 if self._dock == "top" else shell.height() - height
        self._view.setGeometry(0, y, shell.width(), height)
        if self._field is not None:
            self._reserve_space(height if self._dock == "bottom" else 0)

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
        return shown != full or shown.intersects(self._view.geometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._shell and event.type() == QEvent.Type.Resize and self.is_shown():
            QTimer.singleShot(0, self._place)
            QTimer.singleShot(0, self._keep_field_visible)
        return False


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


def install_keyboard(shell: QWidget) -> OnScreenKeyboard:
    """Docks the on-screen keyboard in `shell` (loaded lazily); one per application."""
    global _installed  # noqa: PLW0603 - one input method per process, like Qt's
    if _installed is None or _installed.parent() is not shell:
        _installed = OnScreenKeyboard(shell)
    return _installed


def set_language(code: str) -> None:
    """Switches the installed keyboard to kiosk language `code` (no-op if none)."""
    if _installed is not None:
        _installed.set_language(code)


__all__ = [
    "KEYBOARD_LOCALES",
    "OnScreenKeyboard",
    "install_keyboard",
    "keyboard_locale",
    "keyboard_locales",
    "prepare_environment",
    "set_language",
]
