"""The speech service: every screen can be heard, in the resident's language.

`speak(text, language)` cuts the text into chunks, has the worker synthesise them (never
on the GUI thread) and hands each WAV file to the player as it comes: the resident hears
the first sentence while the rest is synthesised. `stop()` silences the player at once
and drops what is still to synthesise; a newer `speak()` does the same first. What the
resident changes (voice, speed, volume) lasts until `reset()`, which the wiper calls
after each session (EN 301 549: volume back to its default after each use).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.config.schema import SpeechSettings
from kiosk.i18n.languages import shipped_codes
from kiosk.speech.engine import Pyttsx3Backend
from kiosk.speech.player import Player
from kiosk.speech.synth import AUDIO_PREFIX, BackendFactory, Request, Synthesizer
from kiosk.speech.text import chunks
from kiosk.speech.voices import (
    DEFAULT_VOICES,
    Voice,
    default_rate,
    english_name,
    parse_overrides,
    resolve_voice,
    unknown_override_languages,
)

log = logging.getLogger(__name__)

MIN_SPEED, MAX_SPEED = 0.5, 2.0
MIN_WPM, MAX_WPM = 80, 450
"""espeak-ng's own limits for its rate, in words per minute."""

CHUNK_TIMEOUT_MS = 5000
"""A chunk takes tens of milliseconds to synthesise; waiting longer means a stuck engine."""


class SpeechService(QObject):
    """Speaks texts; stops at once; forgets the resident's settings on `reset()`.

    Signals: `started` (sound of an utterance starts), `finished` (played to the end),
    `stopped` (cut short by `stop()` or a newer `speak()`), `failed(reason)` (reason in
    English, for the log and IT staff), `availability_changed` (the engine has loaded or
    failed: ask `available()` again).
    """

    started = Signal()
    finished = Signal()
    stopped = Signal()
    failed = Signal(str)
    availability_changed = Signal()

    def __init__(
        self,
        settings: SpeechSettings,
        player: Player,
        audio_dir: Path,
        backend_factory: BackendFactory = Pyttsx3Backend,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._player = player
        self.audio_dir = audio_dir
        self._synth = Synthesizer(backend_factory, audio_dir, self)
        self._request_id = 0
        self._speaking = False
        self._all_queued = False
        self._audio_started = False
        self._speed = 1.0
        self._volume = settings.volume
        self._session_voices: dict[str, str] = {}
        self._audio_dir_error = self._prepare_audio_dir()
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(CHUNK_TIMEOUT_MS)
        self._player.set_volume(self._volume)
        for code in unknown_override_languages(settings):
            log.warning("speech.voices names %r, which is not a shipped language", code)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._synth.voices_ready.connect(self._on_voices_ready)
        self._synth.engine_failed.connect(self._on_engine_failed)
        self._synth.chunk_ready.connect(self._on_chunk_ready)
        self._synth.request_failed.connect(self._on_request_failed)
        self._player.started.connect(self._on_player_started)
        self._player.finished.connect(self._on_player_finished)
        self._player.failed.connect(self._on_player_failed)
        self._watchdog.timeout.connect(self._on_watchdog)

    def _prepare_audio_dir(self) -> str | None:
        """Creates the private audio folder and removes files a crashed run left there."""
        try:
            self.audio_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            info = self.audio_dir.lstat()
            if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
                return f"{self.audio_dir} is not a plain folder"
            if stat.S_IMODE(info.st_mode) != 0o700:
                self.audio_dir.chmod(0o700)
            removed = self.remove_audio_files()
        except OSError as error:
            return f"audio folder {self.audio_dir} unusable: {error.strerror}"
        if removed:
            log.info("startup: removed %d leftover speech file(s)", removed)
        return None

    # --- what the shell calls -------------------------------------------------------------

    def warm_up(self) -> None:
        """Loads the engine in its thread now (after the first paint), not at the first touch.

        Also asks the player once whether there is an output: the first question to the
        sound server costs the GUI thread about 15 ms, better paid here than on Écouter.
        """
        if self.settings.enabled:
            self._synth.start()
            self._player.available()

    def speak(self, text: str, language: str) -> bool:
        """Starts speaking `text` in `language`, cutting short what was being said.

        False (and `failed` emitted) when the language cannot be heard; False, silently,
        when there is nothing to say. Returns at once: synthesis runs in the worker.
        """
        reason = self.reason_unavailable(language)
        if reason is not None:
            self.stop()
            log.info("speech not available for %s: %s", language, reason)
            self.failed.emit(reason)
            return False
        pieces = chunks(text)
        self.stop()
        if not pieces:
            return False
        self._request_id += 1
        self._speaking = True
        self._all_queued = False
        self._audio_started = False
        override = self._overrides().get(language)
        wpm = self.words_per_minute(language)
        self._synth.request(Request(self._request_id, language, tuple(pieces), wpm, override))
        self._watchdog.start()
        log.debug("speak: %s, %d chunk(s), %d wpm", language, len(pieces), wpm)
        return True

    def stop(self) -> None:
        """Silence at once; nothing still to synthesise will be played."""
        self._synth.cancel()
        self._watchdog.stop()
        self._player.stop()
        if self._speaking:
            self._speaking = False
            self.stopped.emit()

    def is_speaking(self) -> bool:
        """From an accepted `speak()` until finished, stopped or failed."""
        return self._speaking

    def is_silent(self) -> bool:
        """Nothing being said and nothing playing (what the wiper checks)."""
        return not self._speaking and not self._player.is_playing()

    def available(self, language: str) -> bool:
        return self.reason_unavailable(language) is None

    def reason_unavailable(self, language: str) -> str | None:
        """Why `language` cannot be heard (in English, for IT staff), or None if it can.

        Before the engine has loaded, a language with a built-in voice counts as
        available; `availability_changed` tells when the real answer is known.
        """
        if not self.settings.enabled:
            return "speech is turned off in the configuration ([speech] enabled = false)"
        if language not in shipped_codes():
            return f"{language!r} is not a language the kiosk ships"
        reason = self._audio_dir_error or self._synth.engine_error
        if reason is None and self.voice_for(language) is None:
            reason = f"espeak-ng has no voice for {english_name(language)}"
        if reason is None and not self._player.available():
            reason = self._player.reason_unavailable() or "no audio output"
        return reason

    def health(self) -> str:
        """One word or reason for `kiosk ctl status`."""
        if not self.settings.enabled:
            return "disabled"
        reason = self._audio_dir_error or self._synth.engine_error
        if reason is None and not self._player.available():
            reason = self._player.reason_unavailable() or "no audio output"
        if reason is not None:
            return reason
        return "ok" if self._synth.voices is not None else "engine not loaded yet"

    # --- voices, speed, volume ------------------------------------------------------------

    def engine_voices(self) -> list[Voice] | None:
        """Every voice of the engine, once it has loaded (None before)."""
        return self._synth.voices

    def _overrides(self) -> dict[str, str]:
        return parse_overrides(self.settings.voices) | self._session_voices

    def voice_for(self, language: str) -> str | None:
        """The voice that speaks `language` now (session choice, config, built-in)."""
        voices = self._synth.voices
        if voices is None:
            return self._overrides().get(language, DEFAULT_VOICES.get(language))
        return resolve_voice(language, voices, self._overrides())

    def set_voice(self, language: str, voice_id: str) -> bool:
        """Chooses another voice for `language` until `reset()`; False if the engine lacks it."""
        voices = self._synth.voices
        if voices is not None and voice_id not in {voice.id for voice in voices}:
            return False
        self._session_voices[language] = voice_id
        return True

    def speed(self) -> float:
        """1.0 is each language's configured rate (slower for easy-to-read French)."""
        return self._speed

    def set_speed(self, factor: float) -> None:
        """Applies from the next `speak()`."""
        self._speed = min(max(float(factor), MIN_SPEED), MAX_SPEED)

    def words_per_minute(self, language: str) -> int:
        wpm = round(default_rate(language, self.settings) * self._speed)
        return min(max(wpm, MIN_WPM), MAX_WPM)

    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """Applies at once, also to what is being said."""
        self._volume = min(max(float(volume), 0.0), 1.0)
        self._player.set_volume(self._volume)

    def reset(self) -> None:
        """Voice, speed and volume back to the configuration's (after every session)."""
        self._session_voices.clear()
        self._speed = 1.0
        self.set_volume(self.settings.volume)

    def at_defaults(self) -> bool:
        return (
            not self._session_voices
            and self._speed == 1.0
            and self._volume == self.settings.volume
            and abs(self._player.volume() - self.settings.volume) < 1e-6
        )

    # --- files ----------------------------------------------------------------------------

    def audio_files(self) -> list[Path]:
        if not self.audio_dir.is_dir():
            return []
        return sorted(self.audio_dir.glob(f"{AUDIO_PREFIX}*"))

    def remove_audio_files(self) -> int:
        removed = 0
        for path in self.audio_files():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
        return removed

    def settle(self, timeout_s: float) -> bool:
        """Waits (briefly) for the chunk being synthesised; see `Synthesizer.settle`."""
        return self._synth.settle(timeout_s)

    def shutdown(self) -> None:
        """At exit: silence, stop the worker, remove the audio files."""
        self.stop()
        self._synth.shutdown()
        self._synth.settle(1.0)
        self.remove_audio_files()

    # --- slots ----------------------------------------------------------------------------

    @Slot(object)
    def _on_voices_ready(self, _voices: list[Voice]) -> None:
        missing = [code for code in shipped_codes() if self.voice_for(code) is None]
        if missing:
            log.info("speech: no voice for %s", ", ".join(missing))
        self.availability_changed.emit()

    @Slot(str)
    def _on_engine_failed(self, reason: str) -> None:
        if self._speaking:
            self._abort(reason)
        self.availability_changed.emit()

    @Slot(int, int, str, bool)
    def _on_chunk_ready(self, request_id: int, index: int, path: str, last: bool) -> None:
        wav = Path(path)
        if request_id != self._request_id or not self._speaking:
            wav.unlink(missing_ok=True)
            return
        try:
            if index == 0:
                self._player.play(wav)
            else:
                self._player.queue(wav)
        except (OSError, EOFError, ValueError) as error:
            self._abort(f"cannot play the synthesised audio ({type(error).__name__})")
            return
        finally:
            with contextlib.suppress(OSError):
                os.unlink(wav)  # the player has read it whole
        if last:
            self._all_queued = True
            self._watchdog.stop()
        else:
            self._watchdog.start()

    @Slot(int, str)
    def _on_request_failed(self, request_id: int, reason: str) -> None:
        if request_id == self._request_id and self._speaking:
            self._abort(reason)

    @Slot()
    def _on_player_started(self) -> None:
        if self._speaking and not self._audio_started:
            self._audio_started = True
            self.started.emit()

    @Slot()
    def _on_player_finished(self) -> None:
        if self._speaking and self._all_queued:
            self._speaking = False
            self.finished.emit()

    @Slot(str)
    def _on_player_failed(self, reason: str) -> None:
        if self._speaking:
            self._abort(reason)

    @Slot()
    def _on_watchdog(self) -> None:
        if self._speaking:
            self._abort(f"speech synthesis gave nothing for {CHUNK_TIMEOUT_MS} ms")

    def _abort(self, reason: str) -> None:
        self._synth.cancel()
        self._watchdog.stop()
        self._player.stop()
        self._speaking = False
        log.warning("speech failed: %s", reason)
        self.failed.emit(reason)
