"""The speech wiper: silence, the resident's settings forgotten, no audio left, verified."""

from __future__ import annotations

from kiosk.session.wipe import WipeReport, WipeRunner
from kiosk.speech.wiper import SpeechWiper
from tests.unit.speech.fakes import FakeBackend, FakePlayer, loaded


def _wipe(wiper: SpeechWiper) -> WipeReport:
    reports: list[WipeReport] = []
    wiper.start(reports.append)
    assert len(reports) == 1
    return reports[0]


def test_the_wiper_silences_resets_and_removes_audio(qtbot, make_service, tmp_path):
    backend = FakeBackend(hold_from_call=2)
    player = FakePlayer()
    service = loaded(qtbot, make_service(backend, player, volume=0.7))
    service.set_volume(1.0)
    service.set_speed(1.5)
    service.set_voice("pt", "roa/pt-br")
    service.speak("Un. Deux. Trois.", "fr")
    qtbot.waitUntil(lambda: len(backend.calls) == 2, timeout=3000)  # chunk 2 in progress
    (tmp_path / "speech" / "speech-1-7.wav").write_bytes(b"RIFF")  # as if the worker wrote it
    backend.release.set()  # the chunk in progress ends during the wipe

    report = _wipe(SpeechWiper(service))

    assert report.ok, report.reason
    assert report.wiper == "speech"
    assert report.counts["files_remaining"] == 0
    assert report.counts["files_removed"] >= 1
    assert service.is_silent()
    assert service.at_defaults()
    assert player.volume() == 0.7
    assert service.voice_for("pt") == "roa/pt"
    qtbot.wait(50)  # a late result of the old request must not be played
    assert player.heard() == [player.played[0]]
    assert service.audio_files() == []


def test_the_wiper_fails_when_a_file_cannot_be_removed(qtbot, make_service, tmp_path):
    service = loaded(qtbot, make_service())
    (tmp_path / "speech" / "speech-5-0.wav").write_bytes(b"RIFF")
    service.remove_audio_files = lambda: 0  # type: ignore[method-assign]

    report = _wipe(SpeechWiper(service))

    assert not report.ok
    assert report.reason == "1 audio file(s) left"
    assert report.counts == {"files_removed": 0, "files_remaining": 1}


def test_the_wiper_fails_when_the_volume_did_not_come_back(qtbot, make_service):
    player = FakePlayer()
    service = loaded(qtbot, make_service(player=player))
    player.set_volume = lambda volume: None  # type: ignore[method-assign]
    player._volume = 0.2

    report = _wipe(SpeechWiper(service))

    assert not report.ok
    assert report.reason == "voice, speed or volume not reset"


def test_the_wiper_fails_when_synthesis_does_not_settle(qtbot, make_service, monkeypatch):
    backend = FakeBackend(hold_from_call=1)
    service = loaded(qtbot, make_service(backend))
    service.speak("Bonjour.", "fr")
    qtbot.waitUntil(lambda: len(backend.calls) == 1, timeout=3000)
    monkeypatch.setattr(SpeechWiper, "SETTLE_TIMEOUT_S", 0.05)

    report = _wipe(SpeechWiper(service))

    assert not report.ok
    assert report.reason == "synthesis still running"
    backend.release.set()


def test_the_wiper_runs_in_the_session_wipe_protocol(qtbot, make_service):
    service = loaded(qtbot, make_service())
    runner = WipeRunner(timeout_s=2, retries=0)
    runner.register(SpeechWiper(service))
    service.speak("Bonjour. Au revoir.", "fr")

    with qtbot.waitSignal(runner.finished, timeout=3000) as finished:
        runner.run()

    outcome = finished.args[0]
    assert outcome.ok
    assert [report.wiper for report in outcome.reports] == ["speech"]
    assert "speech[files_remaining=0" in outcome.summary()
