"""Which espeak-ng voice speaks each shipped language, and how fast.

The defaults below are the voices of espeak-ng 1.51 (Debian 12); they are checked
against the engine's real voice list when it loads, so a machine whose espeak-ng names a
voice differently still finds one by its language tag. Pashto has no espeak-ng voice:
`resolve_voice` answers None and the kiosk shows the text only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.config.schema import SpeechSettings
from kiosk.i18n.languages import shipped_codes

DEFAULT_VOICES: dict[str, str | None] = {
    "fr": "roa/fr",
    "fr-falc": "roa/fr",
    "en": "gmw/en",
    "ar": "sem/ar",
    "es": "roa/es",
    "pt": "roa/pt",
    "ro": "roa/ro",
    "uk": "zle/uk",
    "ru": "zle/ru",
    "tr": "trk/tr",
    "fa": "ira/fa",
    "ps": None,
}
"""Built-in voice of every shipped language (None: espeak-ng has none)."""

ENGINE_LANGUAGE: dict[str, str] = {"fr-falc": "fr"}
"""The language the engine speaks for a kiosk language that is a variant of another."""

ENGLISH_NAMES: dict[str, str] = {
    "fr": "French",
    "fr-falc": "easy-to-read French",
    "en": "English",
    "ar": "Arabic",
    "es": "Spanish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "uk": "Ukrainian",
    "ru": "Russian",
    "tr": "Turkish",
    "fa": "Dari/Persian",
    "ps": "Pashto",
}
"""For messages to IT staff (logs, `kiosk voices`), who may not read every script."""

SLOW_LANGUAGES = frozenset({"fr-falc"})
"""Languages spoken at `falc_rate` instead of `rate`."""


@dataclass(frozen=True)
class Voice:
    """One voice of the engine, as pyttsx3 lists it (`id` is what selects it)."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


def english_name(language: str) -> str:
    return f"{ENGLISH_NAMES.get(language, language)} ({language})"


def parse_overrides(choices: Iterable[str]) -> dict[str, str]:
    """`["pt=roa/pt-br"]` (the config's `speech.voices`) as `{"pt": "roa/pt-br"}`."""
    overrides: dict[str, str] = {}
    for choice in choices:
        language, _, voice = choice.partition("=")
        if language and voice:
            overrides[language] = voice
    return overrides


def _tag_matches(tag: str, language: str) -> bool:
    """Whether the voice's language tag (`fr-fr`, `en-gb`) is for `language` (`fr`, `en`)."""
    return tag == language or tag.startswith(f"{language}-")


def resolve_voice(
    language: str, voices: Sequence[Voice], overrides: dict[str, str] | None = None
) -> str | None:
    """The id of the voice that speaks `language`, or None when the engine has none.

    An override wins if the engine has it; then the built-in default if the engine has it;
    then the first voice whose language tag is the language's, so another release of
    espeak-ng that renamed a voice still speaks. Pashto has no default, but a future
    espeak-ng with a Pashto voice would be found by its tag.
    """
    ids = {voice.id for voice in voices}
    override = (overrides or {}).get(language)
    if override is not None and override in ids:
        return override
    default = DEFAULT_VOICES.get(language)
    if default is not None and default in ids:
        return default
    engine_language = ENGINE_LANGUAGE.get(language, language)
    for voice in voices:
        if any(_tag_matches(tag, engine_language) for tag in voice.languages):
            return voice.id
    return None


def voice_for(
    language: str, settings: SpeechSettings, voices: Sequence[Voice] | None = None
) -> str | None:
    """The voice the kiosk uses for `language` under `settings` (the config's `[speech]`).

    Without the engine's voice list (not loaded yet), the answer is the override or the
    built-in default, unchecked.
    """
    overrides = parse_overrides(settings.voices)
    if voices is None:
        return overrides.get(language, DEFAULT_VOICES.get(language))
    return resolve_voice(language, voices, overrides)


def default_rate(language: str, settings: SpeechSettings) -> int:
    """Words per minute for `language`: easy-to-read French is slower."""
    return settings.falc_rate if language in SLOW_LANGUAGES else settings.rate


def unknown_override_languages(settings: SpeechSettings) -> list[str]:
    """Languages of `speech.voices` that the kiosk does not ship (a typo, most often)."""
    shipped = set(shipped_codes())
    return [code for code in parse_overrides(settings.voices) if code not in shipped]
