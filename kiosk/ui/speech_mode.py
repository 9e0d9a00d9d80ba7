"""Speech on the screen: Écouter, the speech mode, and "first tap speaks, second tap acts".

The speech service (kiosk/speech) synthesises and plays; this module decides *when* to
speak, from what the shell shows:
- Écouter reads the screen once; a long press on it turns the speech mode on or off.
- In speech mode every new screen or panel is read by itself, and a first tap on a button
  speaks its name while a second tap on the same button acts, so that a person who cannot
  read uses the kiosk alone.
- Any action or new screen stops what is being said at once.
"""

from __future__ import annotations

import logging
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.widgets import BigButton

log = logging.getLogger(__name__)

LONG_PRESS_MS = 800


class Speaker(Protocol):
    """What the shell needs of the speech service."""

    def speak(self, text: str, language: str) -> object: ...

    def stop(self) -> None: ...

    def available(self, language: str) -> bool: ...


@runtime_checkable
class Adjustable(Protocol):
    """A speaker whose volume and speed the resident can change (the real service)."""

    def volume(self) -> float: ...

    def set_volume(self, volume: float) -> None: ...

    def speed(self) -> float: ...

    def set_speed(self, factor: float) -> None: ...


class SpeechMode(QObject):
    """The speech mode's state and its tap guard (an application-wide event filter)."""

    changed = Signal(bool)

    def __init__(self, speaker: Speaker | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self.on = False
        self.used = False  # Écouter was used in this session: speak warnings too
        self._armed: BigButton | None = None
        self._filtering = False
        self._long = QTimer(self)
        self._long.setSingleShot(True)
        self._long.setInterval(LONG_PRESS_MS)
        self._long_fired = False

    # Écouter

    def watch_listen_button(self, button: BigButton, on_listen: object) -> None:
        """A short press reads the screen; a long press turns the speech mode on or off."""
        self._long.timeout.connect(self._on_long_press)
        button.pressed.connect(self._on_listen_pressed)
        button.released.connect(self._long.stop)
        self._listen = button
        self._on_listen = on_listen

    def _on_listen_pressed(self) -> None:
        self._long_fired = False
        self._long.start()

    def _on_long_press(self) -> None:
        self._long_fired = True
        self.set_on(not self.on)

    def long_press_consumed(self) -> bool:
        """True when the click that follows a long press must not also read the screen."""
        fired, self._long_fired = self._long_fired, False
        return fired

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        self._armed = None
        # On the kiosk's window, where every real tap arrives before a widget gets it (an
        # application-wide Python filter crashed PySide6 6.12 next to QtWebEngine).
        shell = self.parent()
        if isinstance(shell, QWidget):
            from kiosk.ui.runtime import window_of

            window = window_of(shell)
            if on and not self._filtering:
                window.installEventFilter(self)
                self._filtering = True
            elif not on and self._filtering:
                window.removeEventFilter(self)
                self._filtering = False
        log.info("speech mode %s", "on" if on else "off")
        self.changed.emit(on)

    def reset(self) -> None:
        """The session's end: speech mode off, nothing armed, silence."""
        self.set_on(False)
        self.used = False
        self.stop()

    # Speaking

    def say(self, text: str, language: str) -> bool:
        if self.speaker is None or not text or not self.speaker.available(language):
            return False
        self.speaker.stop()
        self.speaker.speak(text, language)
        return True

    def stop(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()

    def screen_changed(self, text: str, language: str) -> None:
        """Called on every new screen or panel: silence, then read it in speech mode."""
        self._armed = None
        self.stop()
        if self.on:
            self.say(text, language)

    # First tap speaks, second tap acts

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.MouseButtonPress or not isinstance(event, QMouseEvent):
            return False
        shell = self.parent()
        if not isinstance(shell, QWidget):
            return False
        touched = shell.childAt(event.position().toPoint())
        button = _button_of(touched) if touched is not None else None
        if button is None or button is getattr(self, "_listen", None):
            return False
        if button is self._armed:
            self._armed = None
            return False  # second tap: let the button act
        self._armed = button
        from kiosk.i18n import current_language

        self.say(button.accessibleName(), current_language())
        return True  # first tap: spoken, not acted on


def _button_of(widget: QWidget) -> BigButton | None:
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, BigButton):
            return current
        current = current.parentWidget()
    return None
