"""Fakes for the speech tests: an engine that writes silent WAV files, a player that records."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path
from typing import Any

from kiosk.speech.engine import SpeechEngineError
from kiosk.speech.player import Player
from kiosk.speech.service import SpeechService
from kiosk.speech.voices import Voice

ESPEAK_LIKE_VOICES = [
    Voice("roa/fr", "French (France)", ("fr-fr",)),
    Voice("roa/fr-be", "French (Belgium)", ("fr-be",)),
    Voice("gmw/en", "English (Great Britain)", ("en-gb",)),
    Voice("gmw/en-us", "English (America)", ("en-us",)),
    Voice("sem/ar", "Arabic", ("ar",)),
    Voice("roa/es", "Spanish (Spain)", ("es",)),
    Voice("roa/pt", "Portuguese (Portugal)", ("pt",)),
    Voice("roa/pt-br", "Portuguese (Brazil)", ("pt-br",)),
    Voice("roa/ro", "Romanian", ("ro",)),
    Voice("zle/uk", "Ukrainian", ("uk",)),
    Voice("zle/ru", "Russian", ("ru",)),
    Voice("trk/tr", "Turkish", ("tr",)),
    Voice("ira/fa", "Persian", ("fa",)),
    Voice("inc/pa", "Punjabi", ("pa",)),
]
"""The voices of espeak-ng 1.51 that matter here (no Pashto, as on Debian 12)."""


def write_silence(path: Path, milliseconds: int = 100, rate: int = 22050) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"\x00\x00" * (rate * milliseconds // 1000))


class FakeBackend:
    """Writes a short silent WAV per chunk, after `delay_s`; records what it was asked."""

    def __init__(
        self,
        delay_s: float = 0.0,
        voices: list[Voice] | None = None,
        fail_on: str | None = None,
        hold_from_call: int | None = None,
    ) -> None:
        self.delay_s = delay_s
        self._voices = ESPEAK_LIKE_VOICES if voices is None else voices
        self.fail_on = fail_on
        self.calls: list[tuple[str, str, int]] = []
        self.threads: set[int] = set()
        self.release = threading.Event()
        self.release.set()
        self.hold_from_call = hold_from_call
        """From this call on (1 is the first), wait for `release` even if it was set before."""

    def voices(self) -> list[Voice]:
        self.threads.add(threading.get_ident())
        return list(self._voices)

    def synthesize(self, text: str, voice_id: str, words_per_minute: int, path: Path) -> None:
        self.threads.add(threading.get_ident())
        self.calls.append((text, voice_id, words_per_minute))
        if self.hold_from_call is not None and len(self.calls) >= self.hold_from_call:
            self.release.clear()
            self.hold_from_call = None
        self.release.wait(10)
        time.sleep(self.delay_s)
        if self.fail_on is not None and self.fail_on in text:
            raise SpeechEngineError("synthesis failed: FakeError")
        write_silence(path)


class FakePlayer(Player):
    """Records what it is given; `finish()` plays to the end, as the real one would."""

    def __init__(self, has_output: bool = True) -> None:
        super().__init__()
        self.has_output = has_output
        self.played: list[str] = []
        self.queued: list[str] = []
        self.threads: set[int] = set()
        self.stops = 0
        self._playing = False
        self._volume = 1.0

    def available(self) -> bool:
        return self.has_output

    def reason_unavailable(self) -> str | None:
        return None if self.has_output else "no audio output"

    def _read(self, wav_path: Path) -> None:
        self.threads.add(threading.get_ident())
        with wave.open(str(wav_path), "rb") as wav:  # the file must exist and be a WAV
            assert wav.getnframes() > 0

    def play(self, wav_path: Path) -> None:
        self._read(wav_path)
        self.played.append(wav_path.name)
        self._playing = True
        self.started.emit()

    def queue(self, wav_path: Path) -> None:
        self._read(wav_path)
        self.queued.append(wav_path.name)
        if not self._playing:
            self._playing = True
            self.started.emit()

    def stop(self) -> None:
        self.stops += 1
        self._playing = False

    def is_playing(self) -> bool:
        return self._playing

    def set_volume(self, volume: float) -> None:
        self._volume = volume

    def volume(self) -> float:
        return self._volume

    def finish(self) -> None:
        """Everything given has been played."""
        self._playing = False
        self.finished.emit()

    def heard(self) -> list[str]:
        return self.played + self.queued


def loaded(qtbot: Any, service: SpeechService) -> SpeechService:
    """`service` once its engine has loaded in the worker."""
    with qtbot.waitSignal(service.availability_changed, timeout=3000):
        service.warm_up()
    return service
