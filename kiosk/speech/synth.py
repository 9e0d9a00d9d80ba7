"""Speech synthesis in a worker thread: requests in, WAV files out by Qt signals.

One thread owns the engine (espeak-ng through pyttsx3) for the life of the process; it
loads it on the first request or on `start()`, never on the GUI thread. Each request
carries an id; making a newer request, or calling `cancel()`, makes every older one
obsolete: the worker drops an obsolete request between two chunks, deletes a file it
finished for one, and the service ignores (and deletes) any late result that still
arrives. Results come back as signals, delivered in the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.session.wipe import describe_error
from kiosk.speech.engine import SynthBackend
from kiosk.speech.voices import Voice, english_name, resolve_voice

log = logging.getLogger(__name__)

AUDIO_PREFIX = "speech-"
"""Every file the synthesiser writes starts with this (the wiper looks for them)."""

BackendFactory = Callable[[], SynthBackend]


@dataclass(frozen=True)
class Request:
    id: int
    language: str
    chunks: tuple[str, ...]
    words_per_minute: int
    override: str | None = None
    """The voice id chosen for this session or in the config, if any."""


class _Bridge(QObject):
    """Lives in the GUI thread; the worker emits its signals, Qt queues them across."""

    voices_ready = Signal(object)  # list[Voice]
    engine_failed = Signal(str)
    chunk_ready = Signal(int, int, str, bool)  # request id, index, WAV path, last chunk
    request_failed = Signal(int, str)


class Synthesizer(QObject):
    """The GUI thread's handle on the synthesis worker."""

    voices_ready = Signal(object)  # list[Voice], once the engine has loaded
    engine_failed = Signal(str)
    chunk_ready = Signal(int, int, str, bool)
    request_failed = Signal(int, str)

    def __init__(
        self, backend_factory: BackendFactory, audio_dir: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._factory = backend_factory
        self.audio_dir = audio_dir
        self._queue: queue.SimpleQueue[Request | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._current: int | None = None
        self._busy = threading.Lock()
        """Held by the worker while it synthesises a chunk; `settle()` waits on it."""
        self._bridge = _Bridge(self)
        self._bridge.voices_ready.connect(self._on_voices_ready)
        self._bridge.engine_failed.connect(self._on_engine_failed)
        self._bridge.chunk_ready.connect(self._on_chunk_ready)
        self._bridge.request_failed.connect(self._on_request_failed)
        self.voices: list[Voice] | None = None
        self.engine_error: str | None = None

    # --- GUI thread ----------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Starts the worker, which loads the engine at once (idempotent)."""
        if self._thread is not None:
            return
        # A daemon thread: the process may end while espeak-ng works; nothing to save.
        self._thread = threading.Thread(target=self._run, name="kiosk-speech", daemon=True)
        self._thread.start()

    def request(self, request: Request) -> None:
        """Synthesise `request`; every older request becomes obsolete."""
        self._current = request.id
        self.start()
        self._queue.put(request)

    def cancel(self) -> None:
        """Makes every request obsolete (the chunk being synthesised is finished, then dropped)."""
        self._current = None

    def is_current(self, request_id: int) -> bool:
        return self._current == request_id

    def settle(self, timeout_s: float) -> bool:
        """Waits until no chunk is being synthesised; False after `timeout_s`.

        With `cancel()` called first, no file of an old request can appear afterwards.
        """
        if not self._busy.acquire(timeout=timeout_s):
            return False
        self._busy.release()
        return True

    def shutdown(self) -> None:
        self._current = None
        if self._thread is not None:
            self._queue.put(None)

    @Slot(object)
    def _on_voices_ready(self, voices: list[Voice]) -> None:
        self.voices = voices
        self.voices_ready.emit(voices)

    @Slot(str)
    def _on_engine_failed(self, reason: str) -> None:
        self.engine_error = reason
        self.engine_failed.emit(reason)

    @Slot(int, int, str, bool)
    def _on_chunk_ready(self, request_id: int, index: int, path: str, last: bool) -> None:
        if not self.is_current(request_id):
            with contextlib.suppress(OSError):
                os.unlink(path)
            return
        self.chunk_ready.emit(request_id, index, path, last)

    @Slot(int, str)
    def _on_request_failed(self, request_id: int, reason: str) -> None:
        if self.is_current(request_id):
            self.request_failed.emit(request_id, reason)

    # --- worker thread -------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._serve()
        except RuntimeError as error:
            # The service was deleted (a test's kiosk torn down) while its worker still ran:
            # emitting then raises "Internal C++ object already deleted". Nothing to tell.
            log.debug("speech worker ended: %s", describe_error(error))

    def _serve(self) -> None:
        backend: SynthBackend | None = None
        voices: list[Voice] = []
        try:
            backend = self._factory()
            voices = backend.voices()
        except Exception as error:
            reason = str(error) or type(error).__name__
            log.error("speech engine not loaded: %s", describe_error(error))
            self._bridge.engine_failed.emit(reason)
        else:
            log.info("speech engine loaded: %d voices", len(voices))
            self._bridge.voices_ready.emit(voices)
        while True:
            request = self._queue.get()
            if request is None:
                return
            if backend is None:
                if request.id == self._current:
                    self._bridge.request_failed.emit(request.id, "no speech engine")
                continue
            self._process(backend, voices, request)

    def _process(self, backend: SynthBackend, voices: Sequence[Voice], request: Request) -> None:
        if request.id != self._current:
            return
        overrides = {request.language: request.override} if request.override else None
        voice_id = resolve_voice(request.language, voices, overrides)
        if voice_id is None:
            reason = f"no voice for {english_name(request.language)}"
            self._bridge.request_failed.emit(request.id, reason)
            return
        last = len(request.chunks) - 1
        for index, text in enumerate(request.chunks):
            path = self.audio_dir / f"{AUDIO_PREFIX}{request.id}-{index}.wav"
            with self._busy:
                if request.id != self._current:
                    return  # obsolete: the rest of this request is dropped
                try:
                    backend.synthesize(text, voice_id, request.words_per_minute, path)
                except Exception as error:
                    with contextlib.suppress(OSError):
                        path.unlink()
                    log.error("speech synthesis failed: %s", describe_error(error))
                    self._bridge.request_failed.emit(request.id, str(error))
                    return
                if request.id != self._current:
                    with contextlib.suppress(OSError):
                        path.unlink()
                    return
            self._bridge.chunk_ready.emit(request.id, index, str(path), index == last)
