"""Speech: from `speak()` to the first audio leaving the player, and how fast it stops.

The benchmark starts its own PulseAudio (a null sink, as tests/integration/conftest.py
does) and runs this file as a child program: the kiosk's real SpeechService, espeak-ng
through pyttsx3 in the worker thread, and the QtMultimedia player
(kiosk/ui/speech_player.py). The child loads the engine first, as the kiosk does after
its first paint (`warm_up()`), then times each `speak()` of a sentence of the attract
screen:

- tts_first_audio_ms: until the player's QAudioSink reports its first samples processed
  (`processedUSecs() > 0`: handed to the sound server); median of the warm runs;
- tts_first_audio_cold_ms: the same for the very first `speak()`, which also opens the
  audio stream;
- tts_first_consumed_ms: until the sound server has taken that first block and asked for
  more (`processedUSecs()` grows): the closest to "heard" a null sink can tell;
- tts_stop_ms / tts_stop_server_ms: from `stop()` during speech until the player has
  stopped / until PulseAudio no longer lists the stream;
- tts_gui_max_stall_ms: the longest the GUI thread went without running (beyond its
  10 ms timer) while a long text was synthesised, over all runs.

The null sink renders 2 s ahead when no stream asks for low latency, and then made a new
stream wait 1.5 to 1.7 s; a silent 10 ms stream (pacat) keeps it ticking as a sound card
does, so the figures are the kiosk's, not the null sink's.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _harness import (
    BenchError,
    Figures,
    Options,
    median_ms,
    progress,
    register,
    run_child,
)

TARGET_FIRST_AUDIO_MS = 150
SENTENCE = "Touchez l'écran pour commencer"
LONG_TEXT = " ".join(
    f"Étape {n}. Apportez une photo d'identité récente et un justificatif de domicile."
    for n in range(1, 41)
)


@contextlib.contextmanager
def pulse_server() -> Iterator[dict[str, str]]:
    """A private PulseAudio with a null sink (tests/_support/pulse.py); its PULSE_SERVER."""
    from tests._support.pulse import private_pulse

    runtime = Path(tempfile.mkdtemp(prefix="kiosk-bench-pulse-"))
    try:
        with private_pulse(runtime) as env:
            yield {"PULSE_SERVER": env["PULSE_SERVER"]}  # the child keeps its own runtime dir
    except RuntimeError as error:
        raise BenchError(str(error)) from None
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


@register("speech")
def speech(options: Options) -> Figures:
    with pulse_server() as pulse:
        runs = run_child(__file__, "speech", options, pulse)
    if options.verbose:
        for index, first in enumerate(runs["first_audio_ms"]):
            progress(f"speech run {index + 1}: first audio {first:.1f} ms")
    return {
        "tts_first_audio_ms": median_ms(runs["first_audio_ms"]),
        "tts_first_audio_cold_ms": round(runs["cold_first_audio_ms"], 1),
        "tts_first_consumed_ms": median_ms(runs["first_consumed_ms"]),
        "tts_first_audio_target_ms": TARGET_FIRST_AUDIO_MS,
        "tts_stop_ms": median_ms(runs["stop_ms"]),
        "tts_stop_server_ms": median_ms(runs["stop_server_ms"]),
        "tts_gui_max_stall_ms": round(max(runs["gui_stall_ms"]), 1),
        "tts_audio_output": runs["output"],
    }


# --- the child ------------------------------------------------------------------------------


class _Child:
    """The measured program: the kiosk's speech service and player, on PulseAudio."""

    def __init__(self) -> None:
        from PySide6.QtCore import QCoreApplication, Qt, QTimer
        from PySide6.QtMultimedia import QMediaDevices

        from kiosk import qtcompat

        qtcompat.install()
        self.app = QCoreApplication(sys.argv[:1])
        from kiosk.config.schema import SpeechSettings
        from kiosk.i18n import tr_in
        from kiosk.speech import SpeechService
        from kiosk.ui.speech_player import QtSpeechPlayer

        self.output = QMediaDevices.defaultAudioOutput().description()
        self.player = QtSpeechPlayer()
        self.audio_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-speech-"))
        self.service = SpeechService(SpeechSettings(), self.player, self.audio_dir)
        self.sentence = tr_in("fr", SENTENCE)
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def spin_until(self, predicate: Any, timeout_s: float) -> bool:
        from PySide6.QtCore import QEventLoop

        deadline = time.perf_counter() + timeout_s
        while not predicate():
            if time.perf_counter() > deadline:
                return False
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
            time.sleep(0.0002)
        return True

    @staticmethod
    def streams() -> int:
        """Playback streams PulseAudio has (the keep-alive included)."""
        out = subprocess.run(
            ["pactl", "-f", "json", "list", "short", "sink-inputs"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return len(json.loads(out))

    def load(self) -> None:
        loaded: list[bool] = []
        self.service.availability_changed.connect(lambda: loaded.append(True))
        self.service.warm_up()
        if not self.spin_until(lambda: bool(loaded), 10) or not self.service.available("fr"):
            raise SystemExit(f"speech not available: {self.service.reason_unavailable('fr')}")

    def first_audio(self) -> tuple[float, float]:
        """Milliseconds from speak() to the first samples processed, then consumed."""
        player = self.player
        begin = time.perf_counter()
        if not self.service.speak(self.sentence, "fr"):
            raise SystemExit("speak() refused")
        if not self.spin_until(lambda: player.processed_us() > 0, 5):
            raise SystemExit("no audio within 5 s")
        first = (time.perf_counter() - begin) * 1000
        prefill = player.processed_us()
        self.spin_until(lambda: player.processed_us() > prefill, 5)
        self.service.stop()
        return first, (time.perf_counter() - begin) * 1000

    def stall_then_stop(self, baseline: int) -> tuple[float, float, float]:
        """The GUI thread's longest stall during a long synthesis, then stop() latencies."""
        player, service = self.player, self.service
        self.ticks.clear()
        self.timer.start(10)
        service.speak(LONG_TEXT, "fr")
        self.spin_until(lambda: service._all_queued, 10)
        self.spin_until(lambda: player.processed_us() > 300_000, 5)
        self.timer.stop()
        stall = max(((b - a) * 1000 - 10 for a, b in itertools.pairwise(self.ticks)), default=0)
        begin = time.perf_counter()
        service.stop()
        self.spin_until(lambda: not player.is_playing(), 1)
        stopped = (time.perf_counter() - begin) * 1000
        self.spin_until(lambda: self.streams() == baseline, 1)
        return stall, stopped, (time.perf_counter() - begin) * 1000

    def run(self, runs: int) -> dict[str, Any]:
        self.load()
        baseline = self.streams()
        figures: dict[str, Any] = {
            "output": self.output,
            "cold_first_audio_ms": self.first_audio()[0],
        }
        keys = ("first_audio_ms", "first_consumed_ms", "gui_stall_ms", "stop_ms")
        for key in (*keys, "stop_server_ms"):
            figures[key] = []
        for _ in range(runs):
            self.spin_until(lambda: False, 0.2)
            first, consumed = self.first_audio()
            self.spin_until(lambda: False, 0.1)
            stall, stopped, gone = self.stall_then_stop(baseline)
            for key, value in zip(keys, (first, consumed, stall, stopped), strict=True):
                figures[key].append(value)
            figures["stop_server_ms"].append(gone)
        self.service.shutdown()
        shutil.rmtree(self.audio_dir, ignore_errors=True)
        return figures


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_Child().run(int(sys.argv[2]))), flush=True)
