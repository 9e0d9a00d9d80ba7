"""What the on-screen keyboard needs before it exists: environment, layouts, its QML.

Kept apart from kiosk/ui/keyboard.py (the widget) so that start-up can prepare the
environment without loading the keyboard's code.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

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

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})

DEFAULT_MAX_HEIGHT = 0.42
"""The keyboard takes at most this share of the window's height (it is then narrower)."""

PANEL_COLOR = "#202020"
HEADROOM = 0.5
"""Transparent space above the keyboard for its pop-ups, as a share of its height."""

_QML = b"""
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// The view is taller than the keyboard: a transparent strip above it (the headroom)
// holds what the keyboard shows above its top row (the enlarged pressed key, the
// accents of a long-pressed key, the language list), which a widget would clip.
Item {
    id: root

    // Set from Python.
    property string primaryLocale: "fr_FR"
    property var keyboardLocales: ["fr_FR"]
    property real maxKeyboardHeight: 450

    // Read from Python.
    readonly property int panelHeight: Math.ceil(panel.height)
    readonly property int headroom: Math.ceil(panel.height * %(headroom)s)
    readonly property bool popupVisible: InputContext.priv.previewVisible
    readonly property rect popupRect: InputContext.priv.previewRectangle
    readonly property string currentLocale: panel.keyboard.locale
    // The layouts offered now: with activeLocales empty, every layout of this Qt.
    readonly property var availableLocales: VirtualKeyboardSettings.availableLocales
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
    // The resident may have switched layouts with the language key: a new session
    // starts again from its own language's layout.
    property int resets: 0
    onResetsChanged: {
        VirtualKeyboardSettings.locale = ""
        applyLocales()
    }
    Component.onCompleted: {
        VirtualKeyboardSettings.fullScreenMode = false
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = false
        applyLocales()
    }

    Rectangle {
        color: "%(color)s"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: panel.height
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
""" % {b"color": PANEL_COLOR.encode(), b"headroom": str(HEADROOM).encode()}


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
