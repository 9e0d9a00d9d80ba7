"""Voices per shipped language, resolved against the engine's list; rates per language."""

from __future__ import annotations

from dataclasses import replace

from kiosk.config.schema import SpeechSettings
from kiosk.i18n.languages import shipped_codes
from kiosk.speech.voices import (
    DEFAULT_VOICES,
    ENGLISH_NAMES,
    Voice,
    default_rate,
    parse_overrides,
    resolve_voice,
    unknown_override_languages,
    voice_for,
)
from tests.unit.speech.fakes import ESPEAK_LIKE_VOICES


def test_every_shipped_language_has_an_entry():
    assert set(DEFAULT_VOICES) == set(shipped_codes())
    assert set(ENGLISH_NAMES) == set(shipped_codes())


def test_pashto_is_the_one_language_without_a_voice():
    assert [code for code, voice in DEFAULT_VOICES.items() if voice is None] == ["ps"]
    assert resolve_voice("ps", ESPEAK_LIKE_VOICES) is None


def test_easy_to_read_french_speaks_french():
    assert DEFAULT_VOICES["fr-falc"] == DEFAULT_VOICES["fr"] == "roa/fr"
    assert resolve_voice("fr-falc", ESPEAK_LIKE_VOICES) == "roa/fr"


def test_defaults_are_used_when_the_engine_has_them():
    for code, voice in DEFAULT_VOICES.items():
        assert resolve_voice(code, ESPEAK_LIKE_VOICES) == voice


def test_a_renamed_voice_is_found_by_its_language_tag():
    renamed = [Voice("french-mbrola", "French", ("fr-fr",)), Voice("farsi", "Persian", ("fa",))]
    assert resolve_voice("fr", renamed) == "french-mbrola"
    assert resolve_voice("fr-falc", renamed) == "french-mbrola"
    assert resolve_voice("fa", renamed) == "farsi"
    assert resolve_voice("ar", renamed) is None


def test_a_future_pashto_voice_would_be_found():
    assert resolve_voice("ps", [Voice("ira/ps", "Pashto", ("ps",))]) == "ira/ps"


def test_a_tag_prefix_is_not_a_match():
    # "pa" (Punjabi) must not answer for "p", nor "fr-be" stand for "f"
    assert resolve_voice("ps", [Voice("inc/pa", "Punjabi", ("pa",))]) is None


def test_overrides_win_only_when_the_engine_has_them():
    assert resolve_voice("pt", ESPEAK_LIKE_VOICES, {"pt": "roa/pt-br"}) == "roa/pt-br"
    assert resolve_voice("pt", ESPEAK_LIKE_VOICES, {"pt": "nowhere"}) == "roa/pt"


def test_voice_for_follows_the_config():
    settings = replace(SpeechSettings(), voices=("es=roa/es-419",))
    assert voice_for("es", settings) == "roa/es-419"  # before the engine has loaded
    assert voice_for("es", settings, ESPEAK_LIKE_VOICES) == "roa/es"  # engine lacks it here
    assert voice_for("ps", settings) is None


def test_parse_overrides_and_unknown_languages():
    assert parse_overrides(["pt=roa/pt-br", "fr-falc=roa/fr-be"]) == {
        "pt": "roa/pt-br",
        "fr-falc": "roa/fr-be",
    }
    settings = replace(SpeechSettings(), voices=("pt=roa/pt-br", "de=gmw/de"))
    assert unknown_override_languages(settings) == ["de"]


def test_easy_to_read_french_is_slower():
    settings = SpeechSettings()
    assert default_rate("fr-falc", settings) == settings.falc_rate
    assert default_rate("fr", settings) == settings.rate
    assert settings.falc_rate < settings.rate
