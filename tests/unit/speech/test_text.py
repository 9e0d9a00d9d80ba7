"""What the engine is given: clean text in chunks, the first one short."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.speech.text import FIRST_CHUNK, MAX_CHUNK, chunks, clean


def test_the_first_chunk_is_the_first_sentence():
    text = "Bonjour. Bienvenue à la mairie. Touchez l'écran pour commencer."
    assert chunks(text) == ["Bonjour.", "Bienvenue à la mairie. Touchez l'écran pour commencer."]


def test_each_line_ends_as_a_sentence():
    text = "Carte d'identité\nPrenez rendez-vous\n- une photo\n- un justificatif:\n\nMerci"
    assert chunks(text) == [
        "Carte d'identité.",
        "Prenez rendez-vous. une photo. un justificatif: Merci.",
    ]


def test_arabic_question_marks_end_sentences_and_direction_marks_go():
    assert chunks("\u200fكيف حالك؟ \u200fمرحبا") == ["كيف حالك؟", "مرحبا."]
    assert clean("a\u00adb\u200bc \u2067d\u2069") == "abc d"


def test_a_long_first_sentence_is_cut_at_a_comma():
    sentence = (
        "Pour demander une carte d'identité, prenez rendez-vous à la mairie, apportez une "
        "photo récente, un justificatif de domicile de moins d'un an, et votre ancienne carte."
    )
    pieces = chunks(sentence)
    assert len(pieces[0]) <= FIRST_CHUNK
    assert pieces[0].endswith(",")
    assert " ".join(pieces) == sentence


def test_nothing_to_say():
    assert chunks("") == []
    assert chunks(" \n\u200f\t ") == []
    assert chunks("-\n•") == []


@given(st.text(alphabet=st.sampled_from("abc déf.,!?\n؟ \u200f"), max_size=2000))
def test_chunks_keep_every_letter_in_order_within_the_limits(text):
    pieces = chunks(text)
    assert all(pieces)
    assert len(pieces[0]) <= FIRST_CHUNK if pieces else True
    assert all(len(piece) <= MAX_CHUNK for piece in pieces)

    def letters(value: str) -> str:
        return "".join(c for c in value if c.isalpha())

    assert letters("".join(pieces)) == letters(text)
