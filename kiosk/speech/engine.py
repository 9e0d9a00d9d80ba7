"""The speech engine behind a small interface: pyttsx3 with espeak-ng, or a fake in tests.

pyttsx3 2.99 with espeak-ng, as it really behaves (see FIELD-NOTES, "Text-to-speech"):
- `say()` plays through `aplay`, which nothing can interrupt: never used here. The kiosk
  only writes WAV files (`save_to_file()` + `runAndWait()`) and plays them with Qt.
- espeak-ng runs in "retrieval" mode, which is asynchronous: the first `runAndWait()` of
  an engine returns after 10 ms whether or not the file is written, and a sentence that
  takes longer is still being synthesised. So `synthesize()` waits for the engine's
  `finished-utterance` notification, sent once the file is complete.
- The espeak driver prints "Audio saved to PATH" on standard output for every file: it
  is silenced, since the kiosk's standard output carries its own lines only.
- Setting the voice or the rate is queued inside espeak-ng, which then reports itself
  "playing" for a moment; pyttsx3's `runAndWait()` cancels whatever espeak-ng is playing
  when it starts, so an utterance started right after `setProperty()` was cancelled now
  and then ("finished-utterance" with completed=False, no file). `synthesize()` waits
  until espeak-ng is idle before starting, and tries once more if it was cancelled.
- espeak-ng can be initialised once per process: a backend is made once, in the thread
  that will use it, and kept.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from kiosk.speech.voices import Voice

SYNTHESIS_TIMEOUT_S = 20.0
"""A chunk (300 characters at most) takes about 30 ms; this only catches a stuck engine."""

IDLE_TIMEOUT_S = 1.0
ATTEMPTS = 2


class SpeechEngineError(RuntimeError):
    """The engine could not be loaded, or could not synthesise."""


class SynthBackend(Protocol):
    """What the speech service needs from an engine. Used from one thread only."""

    def voices(self) -> list[Voice]:
        """Every voice of the engine."""
        ...

    def synthesize(self, text: str, voice_id: str, words_per_minute: int, path: Path) -> None:
        """Writes `text` spoken by `voice_id` into the WAV file `path`; blocks until done."""
        ...


def _quiet(*_args: Any, **_kwargs: Any) -> None:
    """Stands for `print` in pyttsx3's espeak driver."""


class Pyttsx3Backend:
    """pyttsx3's espeak driver, driven for files only (never `say()`).

    Every backend of a process shares one espeak-ng (and pyttsx3 hands out one engine per
    driver), so they take turns: tests build many kiosks, each with its speech service.
    """

    _turn = threading.Lock()

    def __init__(self) -> None:
        try:
            import pyttsx3  # type: ignore[import-untyped]
            import pyttsx3.drivers.espeak as espeak_driver  # type: ignore[import-untyped]
            from pyttsx3.drivers import _espeak

            espeak_driver.print = _quiet  # module-level name shadows the builtin there only
            self._engine: Any = pyttsx3.init("espeak")
            self._espeak: Any = _espeak
        except Exception as error:  # ImportError, OSError (no libespeak-ng), RuntimeError
            raise SpeechEngineError(
                f"the speech engine (pyttsx3 with espeak-ng) could not be loaded: "
                f"{type(error).__name__}: {error}"
            ) from None
        self._engine.setProperty("volume", 1.0)  # the player sets the volume, not the engine
        self._done = threading.Event()
        self._completed = False
        self._engine.connect("finished-utterance", self._on_finished)

    def _on_finished(self, name: object = None, completed: bool = True, **_: Any) -> None:
        # Called from espeak-ng's own thread, once the WAV file is written.
        self._completed = bool(completed)
        self._done.set()

    def voices(self) -> list[Voice]:
        with self._turn:
            listed = self._engine.getProperty("voices")
        return [
            Voice(str(v.id), str(v.name).strip(), tuple(str(t) for t in (v.languages or ())))
            for v in listed
        ]

    def synthesize(self, text: str, voice_id: str, words_per_minute: int, path: Path) -> None:
        if not text.strip():
            raise SpeechEngineError("nothing to say")
        with self._turn:
            self._engine.setProperty("voice", voice_id)
            self._engine.setProperty("rate", int(words_per_minute))
            for _attempt in range(ATTEMPTS):
                if self._run_once(text, path):
                    return
        raise SpeechEngineError("synthesis was cancelled by the engine")

    def _wait_until_idle(self) -> None:
        deadline = time.monotonic() + IDLE_TIMEOUT_S
        while self._espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.001)

    def _run_once(self, text: str, path: Path) -> bool:
        """One synthesis into `path`; False if espeak-ng cancelled it (no file then)."""
        engine = self._engine
        self._wait_until_idle()
        self._done.clear()
        self._completed = False
        try:
            engine.save_to_file(text, str(path))
            engine.runAndWait()
        except Exception as error:
            # A failed run leaves pyttsx3 believing its loop still runs; the next call
            # would then raise "run loop already started" for ever.
            engine._inLoop = False
            raise SpeechEngineError(f"synthesis failed: {type(error).__name__}") from None
        if not self._done.wait(SYNTHESIS_TIMEOUT_S):
            raise SpeechEngineError(f"synthesis did not finish within {SYNTHESIS_TIMEOUT_S} s")
        if self._completed and path.is_file():
            return True
        with contextlib.suppress(OSError):
            path.unlink()
        return False
