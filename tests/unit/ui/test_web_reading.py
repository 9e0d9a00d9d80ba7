"""What Écouter reads of a web page, and in which voice (no page needed)."""

from __future__ import annotations

import json

import pytest

from kiosk.ui.web_reading import MAX_CHARS, parse_answer, tidy, voice_for


def test_whitespace_is_folded_and_lines_kept():
    assert tidy("  Votre  attestation\u00a0\n\n\n  est prête.  ") == "Votre attestation\nest prête."


def test_a_long_text_stops_at_the_end_of_a_sentence():
    sentence = "Ceci est une phrase de la page. "
    text = sentence * (MAX_CHARS // len(sentence) + 20)
    cut = tidy(text)
    assert len(cut) <= MAX_CHARS
    assert cut.endswith("page.")
    assert len(cut) > MAX_CHARS - len(sentence)


def test_a_long_text_without_sentences_stops_between_words():
    cut = tidy("mot " * 2000)
    assert len(cut) <= MAX_CHARS and cut.endswith("mot")


@pytest.mark.parametrize(
    ("page", "session", "voice"),
    [
        ("en-GB", "fr", "en"),
        ("ar", "fr", "ar"),
        ("fa-AF", "ar", "fa"),
        ("prs", "fr", "fa"),
        ("ps", "fr", "ps"),
        ("uk", "fr", "uk"),
        ("de", "en", "fr"),
        ("", "ar", "fr"),
        ("fr-FR", "fr-falc", "fr-falc"),
        ("fr", "en", "fr"),
        ("FR_fr", "fr", "fr"),
    ],
)
def test_the_voice_is_the_page_language_when_the_kiosk_has_it_else_french(page, session, voice):
    assert voice_for(page, session) == voice


def test_the_page_answer_is_read_from_json_and_anything_else_is_nothing():
    assert parse_answer(json.dumps({"text": "Bonjour", "lang": "fr"})) == ("Bonjour", "fr")
    assert parse_answer("") == ("", "")
    assert parse_answer("[1, 2]") == ("", "")
    assert parse_answer(None) == ("", "")
