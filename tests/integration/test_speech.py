"""Real speech: espeak-ng writes every language's audio; QtMultimedia plays it on PulseAudio.

Synthesis runs in this process. Playback runs in a child process (this file, run as a
program), because QtMultimedia has already chosen its sound server (none) in this one:
the child gets the private PulseAudio of the `pulse_env` fixture, plays through the real
service and player, and prints its measurements as JSON.
"""

from __future__ import annotations

import array
import itertools
import json
import subprocess
import sys
import time
import wave
from pathlib import Path
from typing import Any

import pytest

from kiosk.i18n import tr_in
from kiosk.i18n.languages import shipped_codes
from kiosk.speech.text import chunks
from kiosk.speech.voices import resolve_voice

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = (
    "Touchez l'écran pour commencer",
    "Tout ce que vous avez fait sur la borne sera effacé. Personne ne pourra le voir.",
)
"""What the kiosk says, taken from its catalogs: the attract screen, the end of a session."""

LONG_FRENCH = " ".join(
    f"Étape {n}. Apportez une photo d'identité récente, un justificatif de domicile, "
    "et votre ancienne carte si vous en avez une."
    for n in range(1, 31)
)


def sample(code: str) -> str:
    return "\n".join(tr_in(code, message) for message in SAMPLE)


@pytest.fixture(scope="module")
def engine() -> Any:
    from kiosk.speech.engine import Pyttsx3Backend

    return Pyttsx3Backend()


@pytest.fixture(scope="module")
def voices(engine: Any) -> Any:
    return engine.voices()


def _wav_facts(path: Path) -> tuple[float, int]:
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        seconds = wav.getnframes() / wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    return seconds, max((abs(s) for s in samples), default=0)


@pytest.mark.parametrize("code", [code for code in shipped_codes() if code != "ps"])
def test_every_language_with_a_voice_is_synthesised(engine, voices, code, tmp_path):
    voice = resolve_voice(code, voices)
    assert voice is not None, f"no espeak-ng voice for {code}"
    seconds_total = 0.0
    for index, piece in enumerate(chunks(sample(code))):
        path = tmp_path / f"{index}.wav"
        engine.synthesize(piece, voice, 160, path)
        seconds, peak = _wav_facts(path)
        assert peak > 1000, f"{code}: chunk {index} is silent"
        seconds_total += seconds
    assert 2.0 <= seconds_total <= 15.0, f"{code}: {seconds_total:.2f} s for two sentences"


def test_each_chunk_lasts_what_its_text_needs(engine, tmp_path):
    short, long = tmp_path / "short.wav", tmp_path / "long.wav"
    engine.synthesize("Bonjour.", "roa/fr", 160, short)
    engine.synthesize(chunks(LONG_FRENCH)[1], "roa/fr", 160, long)
    short_s, _ = _wav_facts(short)
    long_s, _ = _wav_facts(long)
    assert 0.3 <= short_s <= 2.0
    assert 8.0 <= long_s <= 30.0


def test_easy_to_read_french_is_slower(engine, tmp_path):
    text = tr_in("fr", SAMPLE[1])
    engine.synthesize(text, "roa/fr", 160, tmp_path / "fr.wav")
    engine.synthesize(text, "roa/fr", 130, tmp_path / "falc.wav")
    assert _wav_facts(tmp_path / "falc.wav")[0] > 1.15 * _wav_facts(tmp_path / "fr.wav")[0]


def test_many_chunks_in_a_row_are_never_cancelled_by_the_engine(engine, tmp_path):
    """The espeak-ng race that cancelled one utterance in two (see kiosk/speech/engine.py)."""
    for index in range(40):
        voice = ("roa/fr", "sem/ar", "zle/uk")[index % 3]
        engine.synthesize(f"Phrase {index}.", voice, 160 + index, tmp_path / "x.wav")
        assert _wav_facts(tmp_path / "x.wav")[0] > 0.3


def test_pashto_has_no_voice(voices):
    assert resolve_voice("ps", voices) is None


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--demo", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_cli_voices_lists_every_language_and_pashto_without_voice():
    result = _kiosk("voices")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(shipped_codes())
    assert "roa/fr" in lines[0]
    assert "no voice" in lines[-1]
    assert "Audio saved" not in result.stdout


def test_cli_say_writes_speech_and_exits_2_without_a_voice(tmp_path):
    out = tmp_path / "bienvenue.wav"
    result = _kiosk("say", "--lang", "ar", "--out", str(out), sample("ar"))
    assert result.returncode == 0, result.stderr
    seconds, peak = _wav_facts(out)
    assert 1.0 <= seconds <= 15.0
    assert peak > 1000
    assert result.stdout.strip().endswith("voice sem/ar, 160 wpm")

    pashto = _kiosk("say", "--lang", "ps", "--out", str(tmp_path / "ps.wav"), sample("ps"))
    assert pashto.returncode == 2
    assert pashto.stderr.strip().startswith("no voice for Pashto (ps)")
    assert not (tmp_path / "ps.wav").exists()


# --- playback, in a child process with PulseAudio -----------------------------------------


@pytest.fixture(scope="module")
def playback(pulse_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("speech-playback")
    env = {**pulse_env, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, __file__, str(folder)],
        capture_output=True,
        text=True,
        timeout=90,
        cwd=ROOT,
        env={**_base_env(), **env},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("PULSE_SERVER", "PULSE_SINK")}


def test_the_null_sink_is_the_audio_output(playback):
    assert "Null Output" in playback["outputs"]


def test_speech_starts_quickly(playback):
    assert playback["engine_loaded"]
    assert max(playback["first_audio_ms"]) < 500
    assert max(playback["started_signal_ms"]) < 500


def test_stop_silences_within_200_ms(playback):
    stop = playback["stop"]
    assert stop["was_playing"]
    assert stop["call_ms"] < 50
    assert stop["player_stopped_ms"] < 200
    assert stop["server_stream_gone_ms"] < 200
    assert stop["signals"] == ["started", "stopped"]
    assert stop["silent_after"]


def test_the_gui_thread_never_stalls_during_synthesis(playback):
    stalls = playback["stalls"]
    assert stalls["chunks"] >= 10
    assert stalls["ticks"] > 50
    assert stalls["max_gap_ms"] - 10 <= 50


def test_an_utterance_plays_to_the_end(playback):
    end = playback["to_the_end"]
    assert end["signals"] == ["started", "finished"]
    assert 0.8 * end["audio_ms"] <= end["finished_after_ms"] <= end["audio_ms"] + 1500


def test_every_language_with_a_voice_is_heard(playback):
    assert sorted(playback["heard"]) == sorted(c for c in shipped_codes() if c != "ps")
    assert playback["pashto"] == "espeak-ng has no voice for Pashto (ps)"


def test_the_wiper_leaves_silence_and_the_default_volume(playback):
    wipe = playback["wipe"]
    assert wipe["ok"], wipe
    assert wipe["playing"] is False
    assert wipe["volume"] == pytest.approx(0.8)
    assert wipe["files"] == 0


# --- the child ------------------------------------------------------------------------------


def _probe(folder: Path) -> dict[str, Any]:  # noqa: PLR0915 - one scenario after another
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    from PySide6.QtMultimedia import QMediaDevices, QtAudio

    from kiosk import qtcompat

    qtcompat.install()
    app = QCoreApplication(sys.argv[:1])
    from kiosk.config.schema import SpeechSettings
    from kiosk.speech import SpeechService, SpeechWiper
    from kiosk.ui.speech_player import QtSpeechPlayer, read_wav

    def spin_until(predicate: Any, timeout_s: float) -> bool:
        deadline = time.perf_counter() + timeout_s
        while not predicate():
            if time.perf_counter() > deadline:
                return False
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
            time.sleep(0.0005)
        return True

    def sink_inputs() -> int:
        out = subprocess.run(
            ["pactl", "-f", "json", "list", "short", "sink-inputs"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return len(json.loads(out))

    result: dict[str, Any] = {
        "outputs": [device.description() for device in QMediaDevices.audioOutputs()]
    }
    player = QtSpeechPlayer()
    service = SpeechService(SpeechSettings(), player, folder / "audio")
    signals: list[str] = []
    for name in ("started", "finished", "stopped", "failed"):
        getattr(service, name).connect(lambda *_a, name=name: signals.append(name))
    loaded: list[bool] = []
    service.availability_changed.connect(lambda: loaded.append(True))
    service.warm_up()
    result["engine_loaded"] = spin_until(lambda: bool(loaded), 10)
    baseline = sink_inputs()

    first_audio, started_signal = [], []
    for _ in range(5):
        signals.clear()
        begin = time.perf_counter()
        service.speak(tr_in("fr", SAMPLE[0]), "fr")
        spin_until(lambda: player.processed_us() > 0, 5)
        first_audio.append((time.perf_counter() - begin) * 1000)
        spin_until(lambda: "started" in signals, 5)
        started_signal.append((time.perf_counter() - begin) * 1000)
        service.stop()
        spin_until(lambda: False, 0.2)
    result["first_audio_ms"] = first_audio
    result["started_signal_ms"] = started_signal

    signals.clear()
    service.speak(LONG_FRENCH, "fr")
    spin_until(lambda: player.processed_us() > 500_000, 10)
    was_playing = player.is_playing() and sink_inputs() == baseline + 1
    begin = time.perf_counter()
    service.stop()
    call_ms = (time.perf_counter() - begin) * 1000
    sink = player._sink
    spin_until(lambda: not player.is_playing() and sink.state() == QtAudio.State.StoppedState, 1)
    player_ms = (time.perf_counter() - begin) * 1000
    spin_until(lambda: sink_inputs() == baseline, 1)
    server_ms = (time.perf_counter() - begin) * 1000
    spin_until(lambda: False, 0.5)
    result["stop"] = {
        "was_playing": was_playing,
        "call_ms": call_ms,
        "player_stopped_ms": player_ms,
        "server_stream_gone_ms": server_ms,
        "signals": list(signals),
        "silent_after": not player.is_playing() and sink_inputs() == baseline,
    }

    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    spin_until(lambda: False, 0.1)
    service.speak(LONG_FRENCH + " " + LONG_FRENCH, "fr")
    spin_until(lambda: service._all_queued, 10)
    spin_until(lambda: False, 0.3)
    timer.stop()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    result["stalls"] = {
        "chunks": len(chunks(LONG_FRENCH + " " + LONG_FRENCH)),
        "ticks": len(ticks),
        "max_gap_ms": max(gaps),
        "worst_gaps_ms": sorted(gaps)[-5:],
    }
    service.stop()

    given_ms: list[float] = []
    for method in ("play", "queue"):
        original = getattr(player, method)

        def measuring(path: Path, original: Any = original) -> None:
            key, pcm = read_wav(path)
            given_ms.append(1000 * len(pcm) / (key[0] * key[1] * key[2]))
            original(path)

        setattr(player, method, measuring)
    signals.clear()
    text = tr_in("fr", SAMPLE[1])
    service.speak(text, "fr")
    begin = time.perf_counter()
    spin_until(lambda: "finished" in signals, 20)
    finished_ms = (time.perf_counter() - begin) * 1000
    result["to_the_end"] = {
        "signals": list(signals),
        "finished_after_ms": finished_ms,
        "audio_ms": sum(given_ms),
    }

    heard = []
    for code in shipped_codes():
        signals.clear()
        if service.speak(sample(code), code) and spin_until(lambda: "started" in signals, 5):
            heard.append(code)
        service.stop()
    result["heard"] = heard
    result["pashto"] = service.reason_unavailable("ps")

    service.set_volume(0.3)
    service.set_speed(1.4)
    service.speak(LONG_FRENCH, "fr")
    spin_until(player.is_playing, 5)
    reports: list[Any] = []
    SpeechWiper(service).start(reports.append)
    spin_until(lambda: False, 0.3)
    result["wipe"] = {
        "ok": reports[0].ok,
        "reason": reports[0].reason,
        "playing": player.is_playing(),
        "volume": player.volume(),
        "files": len(service.audio_files()),
    }
    service.shutdown()
    return result


if __name__ == "__main__":
    print(json.dumps(_probe(Path(sys.argv[1]))), flush=True)
