"""`kiosk voices` and `kiosk say`: what IT staff check on a machine, without the kiosk running.

Both use the engine directly, on the calling thread (no Qt), and the same voice choice,
text cleaning and chunking as the running kiosk, so what `say` writes is what a resident
hears.
"""

from __future__ import annotations

import json
import sys
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

from kiosk.config.schema import SpeechSettings
from kiosk.i18n.languages import LANGUAGES, shipped_codes
from kiosk.speech.engine import Pyttsx3Backend, SpeechEngineError, SynthBackend
from kiosk.speech.text import chunks
from kiosk.speech.voices import (
    Voice,
    default_rate,
    english_name,
    parse_overrides,
    resolve_voice,
    unknown_override_languages,
)

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2

BackendFactory = Callable[[], SynthBackend]


def _load(factory: BackendFactory) -> tuple[SynthBackend, list[Voice]] | None:
    try:
        backend = factory()
        return backend, backend.voices()
    except SpeechEngineError as error:
        print(str(error), file=sys.stderr)
        print("Install espeak-ng (`make setup` does it).", file=sys.stderr)
        return None


def list_voices(
    settings: SpeechSettings,
    *,
    every_voice: bool = False,
    as_json: bool = False,
    factory: BackendFactory = Pyttsx3Backend,
) -> int:
    """Each shipped language with its voice or its absence; exit 0 (1 without an engine)."""
    loaded = _load(factory)
    if loaded is None:
        return EXIT_ERROR
    _backend, voices = loaded
    names = {voice.id: voice.name for voice in voices}
    overrides = parse_overrides(settings.voices)
    rows = []
    for language in LANGUAGES:
        voice = resolve_voice(language.code, voices, overrides)
        rows.append(
            {
                "language": language.code,
                "name": language.native_name,
                "voice": voice,
                "voice_name": names.get(voice or ""),
                "words_per_minute": default_rate(language.code, settings) if voice else None,
            }
        )
    if as_json:
        result: dict[str, object] = {"languages": rows}
        if every_voice:
            result["voices"] = [
                {"id": v.id, "name": v.name, "languages": list(v.languages)} for v in voices
            ]
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        if row["voice"] is None:
            said = "no voice: the kiosk shows this language's text without speech"
        else:
            said = f"{row['voice']} ({row['voice_name']}), {row['words_per_minute']} wpm"
        print(f"{row['language']:<8} {english_name(str(row['language'])):<30} {said}")
    for code in unknown_override_languages(settings):
        print(f"speech.voices: {code!r} is not a shipped language; ignored", file=sys.stderr)
    for code, voice_id in overrides.items():
        if code in shipped_codes() and voice_id not in names:
            print(f"speech.voices: no voice {voice_id!r} for {code}; the default is used")
    if every_voice:
        print(f"\n{len(voices)} voices in the engine:")
        for each in voices:
            print(f"  {each.id:<24} {each.name:<36} {', '.join(each.languages)}")
    return EXIT_OK


def say(
    settings: SpeechSettings,
    language: str,
    text: str,
    out: Path,
    *,
    words_per_minute: int | None = None,
    factory: BackendFactory = Pyttsx3Backend,
) -> int:
    """Writes `text` spoken in `language` into the WAV file `out`.

    Exit 0 when written; 2 for a language that is not shipped, has no voice, or nothing
    to say; 1 when the engine is missing or fails.
    """
    refusal = _refusal(language, text)
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return EXIT_INVALID
    loaded = _load(factory)
    if loaded is None:
        return EXIT_ERROR
    backend, voices = loaded
    voice = resolve_voice(language, voices, parse_overrides(settings.voices))
    if voice is None:
        print(
            f"no voice for {english_name(language)}: espeak-ng has none on this machine; "
            "the kiosk shows this language's text without speech",
            file=sys.stderr,
        )
        return EXIT_INVALID
    wpm = words_per_minute or default_rate(language, settings)
    try:
        seconds = _synthesize_into(backend, chunks(text), voice, wpm, out)
    except SpeechEngineError as error:
        print(str(error), file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"cannot write {out}: {error.strerror}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{out}: {seconds:.2f} s of speech, voice {voice}, {wpm} wpm")
    return EXIT_OK


def _refusal(language: str, text: str) -> str | None:
    """Why `say` refuses before loading the engine, or None."""
    if language not in shipped_codes():
        return f"{language!r} is not a shipped language (shipped: {', '.join(shipped_codes())})"
    if not chunks(text):
        return "nothing to say: the text is empty"
    return None


def _synthesize_into(
    backend: SynthBackend, pieces: list[str], voice: str, wpm: int, out: Path
) -> float:
    """Synthesises each chunk, then joins them into `out`; returns its duration in seconds."""
    with tempfile.TemporaryDirectory(prefix="kiosk-say-") as folder:
        parts = []
        for index, piece in enumerate(pieces):
            part = Path(folder) / f"{index}.wav"
            backend.synthesize(piece, voice, wpm, part)
            parts.append(part)
        with wave.open(str(parts[0]), "rb") as first:
            params = first.getparams()
        frames = 0
        with wave.open(str(out), "wb") as joined:
            joined.setparams(params)
            for part in parts:
                with wave.open(str(part), "rb") as wav:
                    data = wav.readframes(wav.getnframes())
                    frames += wav.getnframes()
                joined.writeframes(data)
    return frames / params.framerate
