"""What the engine is given to say: clean text, cut into sentence-sized chunks.

The first chunk is one sentence, so the resident hears the start after the synthesis of
one sentence (about 10 ms), not of the whole screen; the following chunks are synthesised
while the first plays. A chunk is also the unit that `stop()` can drop: a long screen
never keeps the engine busy after the resident asked for silence.
"""

from __future__ import annotations

import re

MAX_CHUNK = 300
"""Characters in one chunk after the first; a sentence longer than this is cut at a comma."""

FIRST_CHUNK = 150
"""Characters in the first chunk at most: what the resident waits for before hearing."""

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
"""Soft hyphen, zero-width and direction marks: `tr()` adds RLM to right-to-left text."""

_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…؟।])\s+|\s*\n\s*")
_ENDS_WITH_PUNCTUATION = re.compile(r"[.!?…؟।:;,،؛]$")
_SOFT_BREAK = re.compile(r"(?<=[,;:،؛])\s+")
_BULLET = re.compile(r"^[-–—•*·]+\s*")


def clean(text: str) -> str:
    """`text` without invisible marks, its spaces and line breaks made single spaces."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _split_long(sentence: str, limit: int) -> list[str]:
    """A sentence over `limit` characters, cut at commas, then at spaces."""
    pieces: list[str] = []
    current = ""
    for clause in _SOFT_BREAK.split(sentence):
        part = clause
        while len(part) > limit:
            cut = part.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            pieces.append(part[:cut].strip())
            part = part[cut:].strip()
        if current and len(current) + 1 + len(part) > limit:
            pieces.append(current)
            current = part
        else:
            current = f"{current} {part}".strip()
    if current:
        pieces.append(current)
    return pieces


def chunks(text: str, limit: int = MAX_CHUNK, first: int = FIRST_CHUNK) -> list[str]:
    """`text` as chunks to synthesise in order: the first sentence alone, then groups.

    Each line counts as a sentence: a title or a button label ends with a full stop, so
    the engine pauses after it instead of running it into the next line.
    """
    sentences: list[str] = []
    for raw in _SENTENCE_END.split(text):
        sentence = _BULLET.sub("", clean(raw))
        if sentence and not _ENDS_WITH_PUNCTUATION.search(sentence):
            sentence += "."
        if sentence:
            sentences.extend(_split_long(sentence, limit))
    if not sentences:
        return []
    opening = _split_long(sentences[0], first)
    grouped = opening[:1]
    current = ""
    for sentence in [*opening[1:], *sentences[1:]]:
        if current and len(current) + 1 + len(sentence) > limit:
            grouped.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        grouped.append(current)
    return grouped
