"""The `[speech]` section of kiosk.toml: defaults, overrides, and refusals in plain words."""

from __future__ import annotations

import pytest

from kiosk.config.loader import ConfigError, parse
from kiosk.config.schema import Config


def test_defaults():
    speech = Config().speech
    assert speech.enabled
    assert speech.falc_rate < speech.rate
    assert 0.1 <= speech.volume <= 1.0
    assert speech.voices == ()


def test_a_valid_section():
    config = parse(
        "[speech]\nenabled = false\nrate = 180\nfalc_rate = 120\nvolume = 1\n"
        'voices = ["pt=roa/pt-br", "fr-falc=roa/fr-be"]\n'
    )
    assert not config.speech.enabled
    assert config.speech.volume == 1.0
    assert isinstance(config.speech.volume, float)
    assert config.speech.voices == ("pt=roa/pt-br", "fr-falc=roa/fr-be")


@pytest.mark.parametrize(
    ("toml", "path", "words"),
    [
        ("volume = 0", "speech.volume", "must be at least 0.1"),
        ("volume = 1.5", "speech.volume", "must be at most 1"),
        ("rate = 20", "speech.rate", "must be at least 80"),
        ("falc_rate = 900", "speech.falc_rate", "must be at most 400"),
        ('voices = ["pt:roa/pt-br"]', "speech.voices[0]", "`LANGUAGE=VOICE`"),
        ('voices = "pt=roa/pt-br"', "speech.voices", "must be an array of strings"),
        ("speed = 2", "speech.speed", "unknown key"),
    ],
)
def test_mistakes_are_refused_with_their_key_and_line(toml, path, words):
    with pytest.raises(ConfigError) as caught:
        parse(f"[speech]\n{toml}\n")
    problems = caught.value.problems
    assert [p.path for p in problems] == [path]
    assert words in problems[0].message
    assert problems[0].line == 2
