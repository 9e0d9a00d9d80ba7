"""Qt's own messages go to the kiosk's log (never to a resident's screen)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("kiosk.qt")

# Harmless on platforms without a window manager (offscreen, cage): logged at debug only.
BENIGN = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
    "PulseAudioService: pa_context_connect() failed",
    # Qt Virtual Keyboard's own QML, harmless (once per load, and at a text field's focus).
    "Member contentWidth of the object PopupList",
    "QQmlExpression: Expression qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/",
)

# QtMultimedia probes optional libraries (PipeWire, VA-API) and audio servers at start;
# their absence is normal on a kiosk without them and is reported by `ctl status`.
OPTIONAL_LIBRARIES = (
    "qt.multimedia.symbolsresolver",
    "qt.multimedia.ffmpeg",
    "qt.multimedia.pulseaudio",
)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _LEVELS.get(kind, logging.WARNING)
    category = context.category or ""
    if message.startswith(BENIGN) or category.startswith(OPTIONAL_LIBRARIES):
        level = logging.DEBUG
    log.log(level, "%s", message)


def install() -> None:
    qInstallMessageHandler(_handler)
