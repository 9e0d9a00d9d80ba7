"""`kiosk voices` and `kiosk say` on a fake engine (the real one: tests/integration)."""

from __future__ import annotations

import json
import wave
from dataclasses import replace

from kiosk.config.schema import SpeechSettings
from kiosk.speech import commands
from kiosk.speech.engine import SpeechEngineError
from tests.unit.speech.fakes import FakeBackend


def test_voices_lists_every_language_and_the_absence_of_pashto(capsys):
    code = commands.list_voices(SpeechSettings(), factory=FakeBackend)

    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 12
    assert lines[0].startswith("fr ") and "roa/fr" in lines[0]
    assert "130 wpm" in lines[1]  # fr-falc is slower
    assert lines[-1].startswith("ps ") and "no voice" in lines[-1]


def test_voices_as_json_with_every_voice(capsys):
    settings = replace(SpeechSettings(), voices=("pt=roa/pt-br",))
    code = commands.list_voices(settings, every_voice=True, as_json=True, factory=FakeBackend)

    data = json.loads(capsys.readouterr().out)
    assert code == 0
    by_language = {row["language"]: row for row in data["languages"]}
    assert by_language["pt"]["voice"] == "roa/pt-br"
    assert by_language["ps"]["voice"] is None
    assert by_language["ps"]["words_per_minute"] is None
    assert {"id": "sem/ar", "name": "Arabic", "languages": ["ar"]} in data["voices"]


def test_voices_warns_about_configured_voices_that_do_not_apply(capsys):
    settings = replace(SpeechSettings(), voices=("de=gmw/de", "pt=nowhere/pt"))
    assert commands.list_voices(settings, factory=FakeBackend) == 0
    captured = capsys.readouterr()
    assert "'de' is not a shipped language" in captured.err
    assert "no voice 'nowhere/pt' for pt" in captured.out


def test_without_an_engine_voices_exits_1(capsys):
    def broken():
        raise SpeechEngineError("the speech engine could not be loaded: OSError: gone")

    assert commands.list_voices(SpeechSettings(), factory=broken) == 1
    assert "espeak-ng" in capsys.readouterr().err


def test_say_writes_one_wav_from_every_chunk(tmp_path, capsys):
    backend = FakeBackend()
    out = tmp_path / "bonjour.wav"

    code = commands.say(
        SpeechSettings(), "fr-falc", "Bonjour. Voici la mairie.", out, factory=lambda: backend
    )

    assert code == 0
    assert [call[0] for call in backend.calls] == ["Bonjour.", "Voici la mairie."]
    assert {call[2] for call in backend.calls} == {130}
    with wave.open(str(out)) as wav:
        assert wav.getnframes() == 2 * 2205  # two chunks of 100 ms at 22050 Hz
    assert f"{out}: 0.20 s of speech, voice roa/fr, 130 wpm" in capsys.readouterr().out


def test_say_in_pashto_exits_2_with_a_plain_message(tmp_path, capsys):
    out = tmp_path / "ps.wav"
    assert commands.say(SpeechSettings(), "ps", "سلام", out, factory=FakeBackend) == 2
    assert "no voice for Pashto (ps)" in capsys.readouterr().err
    assert not out.exists()


def test_say_refuses_an_unknown_language_and_an_empty_text(tmp_path, capsys):
    assert commands.say(SpeechSettings(), "de", "Hallo", tmp_path / "x.wav") == 2
    assert "'de' is not a shipped language" in capsys.readouterr().err
    assert commands.say(SpeechSettings(), "fr", " \u200f ", tmp_path / "x.wav") == 2
    assert "nothing to say" in capsys.readouterr().err


def test_say_reports_an_engine_failure(tmp_path, capsys):
    backend = FakeBackend(fail_on="Bonjour")
    code = commands.say(
        SpeechSettings(), "fr", "Bonjour.", tmp_path / "x.wav", factory=lambda: backend
    )
    assert code == 1
    assert "synthesis failed" in capsys.readouterr().err
