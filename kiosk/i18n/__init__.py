"""One entry point for every visible string: `tr()`; French is the source language.

Strings are marked with `N_()` where they are declared (constants, config defaults) and
translated with `tr()` where they are shown, so `pybabel extract` finds both. The
catalogs are gettext .po files under i18n/ui/, compiled at set-up (`make i18n`).
"""

from __future__ import annotations

from kiosk.i18n.catalogs import Catalogs
from kiosk.i18n.languages import LANGUAGES, Language, language

_catalogs = Catalogs()
_current = "fr"


def N_(message: str) -> str:
    """Marks a string for extraction without translating it."""
    return message


def set_language(code: str) -> None:
    global _current  # noqa: PLW0603 - the session's language is process-wide, like Qt's locale
    language(code)  # raises KeyError for a language that is not shipped
    _current = code


def current_language() -> str:
    return _current


RLM = "\u200f"


def directed(code: str, text: str) -> str:
    """`text` marked right-to-left for a right-to-left language.

    Without the mark, a sentence that starts with a French name ("CAF", "carte Vitale")
    would be laid out left to right inside Arabic, Persian or Pashto text.
    """
    if text and not text.startswith(RLM) and language(code).right_to_left:
        return RLM + text
    return text


def tr(message: str) -> str:
    """`message` (French) in the session's language."""
    return directed(_current, _catalogs.gettext(_current, message))


def tr_in(code: str, message: str) -> str:
    """`message` in a given language, whatever the session's language is."""
    return directed(code, _catalogs.gettext(code, message))


def ntr(singular: str, plural: str, count: int) -> str:
    """The form of `singular`/`plural` for `count` in the session's language (Arabic has six)."""
    return directed(_current, _catalogs.ngettext(_current, singular, plural, count))


def catalog_store() -> Catalogs:
    return _catalogs


__all__ = [
    "LANGUAGES",
    "N_",
    "Language",
    "catalog_store",
    "current_language",
    "directed",
    "language",
    "ntr",
    "set_language",
    "tr",
    "tr_in",
]
