"""The speech service on fakes: off the GUI thread, interruptible, obsolete results dropped."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from kiosk.speech import service as service_module
from tests.unit.speech.fakes import FakeBackend, FakePlayer, loaded

LONG_TEXT = "Première phrase. " + " ".join(f"Phrase numéro {n}, assez longue." for n in range(40))


def test_speak_returns_at_once_and_synthesis_runs_in_the_worker(qtbot, make_service):
    backend = FakeBackend(delay_s=0.2)
    player = FakePlayer()
    service = loaded(qtbot, make_service(backend, player))

    started = time.perf_counter()
    assert service.speak("Bonjour. Touchez l'écran pour commencer.", "fr")
    elapsed = time.perf_counter() - started

    assert elapsed < 0.05
    assert service.is_speaking()
    qtbot.waitUntil(lambda: len(player.heard()) == 2, timeout=3000)
    main = threading.get_ident()
    assert main not in backend.threads
    assert player.threads == {main}  # results come back to the GUI thread


def test_the_gui_thread_keeps_ticking_while_the_engine_works(qtbot, make_service):
    backend = FakeBackend(delay_s=0.15)
    player = FakePlayer()
    service = loaded(qtbot, make_service(backend, player))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)

    service.speak(LONG_TEXT, "fr")
    qtbot.waitUntil(lambda: len(backend.calls) >= 4, timeout=5000)
    timer.stop()

    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 30
    assert max(gaps) < 0.06


def test_the_engine_loads_in_the_worker_not_in_warm_up(qtbot, make_service):
    backend = FakeBackend()
    gate = threading.Event()
    slow_voices = backend.voices

    def voices():
        gate.wait(5)
        return slow_voices()

    backend.voices = voices  # type: ignore[method-assign]
    service = make_service(backend)
    started = time.perf_counter()
    service.warm_up()
    assert time.perf_counter() - started < 0.05
    assert service.engine_voices() is None
    assert service.available("fr")  # the built-in table answers until the engine has
    with qtbot.waitSignal(service.availability_changed, timeout=3000):
        gate.set()
    assert service.engine_voices() is not None


def test_chunks_play_in_order_and_finished_comes_once_all_are_played(qtbot, make_service):
    player = FakePlayer()
    service = loaded(qtbot, make_service(FakeBackend(), player))
    events: list[str] = []
    for name in ("started", "finished", "stopped"):
        getattr(service, name).connect(lambda name=name: events.append(name))

    service.speak(LONG_TEXT, "fr")
    qtbot.waitUntil(lambda: service._all_queued, timeout=3000)

    assert len(player.played) == 1
    assert player.played[0].endswith("-0.wav")
    assert [int(name.rsplit("-", 1)[1][:-4]) for name in player.queued] == list(
        range(1, 1 + len(player.queued))
    )
    assert events == ["started"]
    with qtbot.waitSignal(service.finished, timeout=1000):
        player.finish()
    assert events == ["started", "finished"]
    assert not service.is_speaking()


def test_an_early_finish_of_the_player_is_not_the_end_of_the_utterance(qtbot, make_service):
    backend = FakeBackend(hold_from_call=2)  # the second chunk takes its time
    player = FakePlayer()
    service = loaded(qtbot, make_service(backend, player))
    service.speak("Un. Deux, trois quatre cinq six sept huit.", "fr")
    qtbot.waitUntil(lambda: len(player.played) == 1, timeout=3000)

    player.finish()  # the first chunk has been played already

    assert service.is_speaking()
    backend.release.set()
    qtbot.waitUntil(lambda: service._all_queued, timeout=3000)
    with qtbot.waitSignal(service.finished, timeout=1000):
        player.finish()


def test_stop_silences_at_once_and_drops_what_is_still_synthesised(qtbot, make_service):
    backend = FakeBackend(hold_from_call=2)
    player = FakePlayer()
    service = loaded(qtbot, make_service(backend, player))
    service.speak(LONG_TEXT, "fr")
    qtbot.waitUntil(lambda: len(player.played) == 1, timeout=3000)
    qtbot.waitUntil(lambda: len(backend.calls) == 2, timeout=3000)  # held inside chunk 2
    heard_before = list(player.heard())
    stops_before = player.stops

    with qtbot.waitSignal(service.stopped, timeout=500):
        service.stop()

    assert player.stops == stops_before + 1
    assert not service.is_speaking()
    calls = len(backend.calls)
    backend.release.set()  # the chunk in progress completes: it must never be heard
    assert service.settle(2.0)
    qtbot.wait(100)
    assert player.heard() == heard_before
    assert len(backend.calls) == calls  # nothing more was synthesised for that text
    assert service.audio_files() == []


def test_a_newer_speak_makes_the_older_one_obsolete(qtbot, make_service):
    backend = FakeBackend()
    player = FakePlayer()
    service = loaded(qtbot, make_service(backend, player))
    stopped: list[bool] = []
    service.stopped.connect(lambda: stopped.append(True))
    backend.release.clear()
    service.speak(LONG_TEXT, "fr")
    qtbot.waitUntil(lambda: len(backend.calls) == 1, timeout=3000)

    service.speak("Hello. Touch the screen.", "en")
    backend.release.set()
    qtbot.waitUntil(lambda: service._all_queued, timeout=3000)

    assert stopped == [True]
    texts = [text for text, _voice, _wpm in backend.calls]
    assert texts[-2:] == ["Hello.", "Touch the screen."]
    assert len(texts) == 3  # the French text's first chunk only, then dropped
    request = service._request_id
    assert all(name.startswith(f"speech-{request}-") for name in player.heard())
    assert service.audio_files() == []


def test_a_late_result_of_an_obsolete_request_is_deleted_unheard(qtbot, make_service, tmp_path):
    player = FakePlayer()
    service = loaded(qtbot, make_service(FakeBackend(), player))
    late = tmp_path / "speech" / "speech-99-0.wav"
    late.write_bytes(b"RIFF")

    service._synth._bridge.chunk_ready.emit(99, 0, str(late), True)
    qtbot.wait(20)

    assert player.heard() == []
    assert not late.exists()


def test_a_language_without_a_voice_is_refused_with_a_reason(qtbot, make_service):
    backend = FakeBackend()
    service = loaded(qtbot, make_service(backend))
    failures: list[str] = []
    service.failed.connect(failures.append)

    assert not service.available("ps")
    assert service.reason_unavailable("ps") == "espeak-ng has no voice for Pashto (ps)"
    assert not service.speak("سلام", "ps")
    assert failures == ["espeak-ng has no voice for Pashto (ps)"]
    assert backend.calls == []
    assert service.reason_unavailable("xx") == "'xx' is not a language the kiosk ships"


@pytest.mark.parametrize("language", ["fr", "fr-falc", "en", "ar", "es", "pt", "ro", "uk", "ru"])
def test_every_language_with_a_voice_is_available(qtbot, make_service, language):
    service = loaded(qtbot, make_service())
    assert service.available(language), service.reason_unavailable(language)


def test_speech_turned_off_in_the_config(qtbot, make_service):
    backend = FakeBackend()
    service = make_service(backend, enabled=False)
    service.warm_up()

    assert not service.available("fr")
    assert "enabled = false" in (service.reason_unavailable("fr") or "")
    assert not service.speak("Bonjour.", "fr")
    assert not service._synth.started  # no thread, no engine
    assert service.health() == "disabled"


def test_no_audio_output_is_a_reason(qtbot, make_service):
    service = loaded(qtbot, make_service(player=FakePlayer(has_output=False)))
    assert service.reason_unavailable("fr") == "no audio output"
    assert service.health() == "no audio output"


def test_an_engine_that_cannot_load_makes_every_language_unavailable(qtbot, make_service, tmp_path):
    from kiosk.config.schema import SpeechSettings
    from kiosk.speech.engine import SpeechEngineError
    from kiosk.speech.service import SpeechService

    def broken():
        raise SpeechEngineError("the speech engine could not be loaded: OSError: no espeak-ng")

    service = SpeechService(SpeechSettings(), FakePlayer(), tmp_path / "a", backend_factory=broken)
    try:
        with qtbot.waitSignal(service.availability_changed, timeout=3000):
            service.warm_up()
        assert not service.available("fr")
        assert "no espeak-ng" in (service.reason_unavailable("fr") or "")
        assert "no espeak-ng" in service.health()
    finally:
        service.shutdown()


def test_a_synthesis_error_is_reported_and_ends_the_utterance(qtbot, make_service):
    service = loaded(qtbot, make_service(FakeBackend(fail_on="Deux")))
    with qtbot.waitSignal(service.failed, timeout=3000) as failed:
        service.speak("Un. Deux.", "fr")
    assert failed.args == ["synthesis failed: FakeError"]
    assert not service.is_speaking()
    assert service.audio_files() == []


def test_a_stuck_engine_is_reported_after_the_watchdog(qtbot, make_service, monkeypatch):
    monkeypatch.setattr(service_module, "CHUNK_TIMEOUT_MS", 100)
    backend = FakeBackend()
    service = loaded(qtbot, make_service(backend))
    backend.release.clear()
    with qtbot.waitSignal(service.failed, timeout=2000) as failed:
        service.speak("Bonjour.", "fr")
    assert "gave nothing" in failed.args[0]
    assert not service.is_speaking()


def test_rate_voice_and_speed(qtbot, make_service):
    backend = FakeBackend()
    service = loaded(qtbot, make_service(backend, rate=170, falc_rate=120))

    assert service.words_per_minute("fr") == 170
    assert service.words_per_minute("fr-falc") == 120
    service.set_speed(0.5)
    assert service.words_per_minute("fr") == 85
    service.set_speed(10)
    assert service.speed() == 2.0
    assert service.words_per_minute("fr") == 340
    assert service.voice_for("pt") == "roa/pt"
    assert service.set_voice("pt", "roa/pt-br")
    assert service.voice_for("pt") == "roa/pt-br"
    assert not service.set_voice("pt", "nowhere/xx")

    service.speak("Olá.", "pt")
    qtbot.waitUntil(lambda: service._all_queued, timeout=3000)
    assert backend.calls[-1] == ("Olá.", "roa/pt-br", 340)


def test_configured_voices_override_the_built_in_ones(qtbot, make_service):
    backend = FakeBackend()
    service = loaded(qtbot, make_service(backend, voices=("fr=roa/fr-be", "en=missing/en")))

    assert service.voice_for("fr") == "roa/fr-be"
    assert service.voice_for("fr-falc") == "roa/fr"
    assert service.voice_for("en") == "gmw/en"  # the engine lacks the configured one
    service.speak("Bonjour.", "fr")
    qtbot.waitUntil(lambda: service._all_queued, timeout=3000)
    assert backend.calls[-1][1] == "roa/fr-be"


def test_volume_applies_to_the_player_at_once_and_reset_restores_every_default(qtbot, make_service):
    player = FakePlayer()
    service = loaded(qtbot, make_service(player=player, volume=0.6))
    assert player.volume() == 0.6

    service.set_volume(0.9)
    service.set_speed(1.5)
    service.set_voice("es", "roa/pt")
    assert player.volume() == 0.9
    assert not service.at_defaults()

    service.reset()

    assert player.volume() == 0.6
    assert service.speed() == 1.0
    assert service.voice_for("es") == "roa/es"
    assert service.at_defaults()


def test_the_audio_folder_is_private_and_leftovers_are_removed(make_service, tmp_path):
    folder = tmp_path / "speech"
    folder.mkdir(mode=0o755)
    (folder / "speech-3-0.wav").write_bytes(b"left by a crash")
    (folder / "not-ours.txt").write_text("kept")

    service = make_service()

    assert (folder.stat().st_mode & 0o777) == 0o700
    assert service.audio_files() == []
    assert (folder / "not-ours.txt").exists()


def test_an_audio_folder_that_is_a_link_is_refused(make_service, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "speech").symlink_to(elsewhere)

    service = make_service()

    assert "not a plain folder" in (service.reason_unavailable("fr") or "")


def test_nothing_to_say_is_not_an_error(qtbot, make_service):
    backend = FakeBackend()
    service = loaded(qtbot, make_service(backend))
    failures: list[str] = []
    service.failed.connect(failures.append)

    assert not service.speak(" \u200f \n ", "ar")
    assert failures == []
    assert backend.calls == []


def test_right_to_left_marks_never_reach_the_engine(qtbot, make_service):
    backend = FakeBackend()
    service = loaded(qtbot, make_service(backend))
    service.speak("\u200fمرحبا بكم.", "ar")
    qtbot.waitUntil(lambda: service._all_queued, timeout=3000)
    assert backend.calls == [("مرحبا بكم.", "sem/ar", 160)]


def test_no_file_outlives_its_hand_over_to_the_player(qtbot, make_service):
    player = FakePlayer()
    service = loaded(qtbot, make_service(player=player))
    service.speak(LONG_TEXT, "fr")
    qtbot.waitUntil(lambda: service._all_queued, timeout=3000)
    assert len(player.heard()) > 2
    assert service.audio_files() == []


def test_results_are_files_in_the_audio_folder(qtbot, make_service, tmp_path):
    seen: list[Path] = []
    player = FakePlayer()
    original = player.play

    def play(path: Path) -> None:
        seen.append(path)
        original(path)

    player.play = play  # type: ignore[method-assign]
    service = loaded(qtbot, make_service(player=player))
    service.speak("Bonjour.", "fr")
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen[0].parent == tmp_path / "speech"


def test_a_service_deleted_while_its_engine_loads_ends_its_worker_quietly(qtbot, tmp_path):
    import shiboken6

    from kiosk.config.schema import SpeechSettings
    from kiosk.speech.service import SpeechService

    gate = threading.Event()
    backend = FakeBackend()
    plain_voices = backend.voices

    def voices():
        gate.wait(5)
        return plain_voices()

    backend.voices = voices  # type: ignore[method-assign]
    service = SpeechService(
        SpeechSettings(), FakePlayer(), tmp_path / "speech", backend_factory=lambda: backend
    )
    service.warm_up()
    worker = service._synth._thread
    assert worker is not None
    shiboken6.delete(service)

    gate.set()
    worker.join(2)  # the worker emitted into a deleted object, and ended without a trace
    assert not worker.is_alive()
