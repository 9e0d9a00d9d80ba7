"""The idle warning's sound, played with QtMultimedia when an audio output exists."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

log = logging.getLogger(__name__)

SOUND = Path(__file__).resolve().parent / "sounds" / "warning.wav"


class WarningSound(QObject):
    def __init__(self, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.played = 0
        self._effect: object | None = None
        self.available = False
        if enabled:
            self._setup()

    def _setup(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        if not QMediaDevices.audioOutputs():
            log.info("no audio output: the idle warning will be silent")
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(SOUND)))
        effect.setVolume(0.8)
        self._effect = effect
        self.available = True

    def play(self) -> None:
        if not self.enabled:
            return
        self.played += 1
        if self._effect is not None:
            self._effect.play()  # type: ignore[attr-defined]
