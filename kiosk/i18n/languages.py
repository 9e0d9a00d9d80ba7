"""The languages the kiosk ships: code, name in the language itself, direction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    right_to_left: bool
    gettext_chain: tuple[str, ...]
    """Catalogs tried in order; French, the source, is the last resort."""


LANGUAGES: tuple[Language, ...] = (
    Language("fr", "Français", False, ()),
    Language("fr-falc", "Français facile", False, ("fr@falc",)),
    Language("en", "English", False, ("en",)),
    Language("ar", "العربية", True, ("ar",)),
    Language("es", "Español", False, ("es",)),
    Language("pt", "Português", False, ("pt",)),
    Language("ro", "Română", False, ("ro",)),
    Language("uk", "Українська", False, ("uk",)),
    Language("ru", "Русский", False, ("ru",)),
    Language("tr", "Türkçe", False, ("tr",)),
    Language("fa", "فارسی / دری", True, ("fa",)),
    Language("ps", "پښتو", True, ("ps",)),
)

_BY_CODE = {lang.code: lang for lang in LANGUAGES}


def language(code: str) -> Language:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"language {code!r} is not shipped") from None


def shipped_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in LANGUAGES)
