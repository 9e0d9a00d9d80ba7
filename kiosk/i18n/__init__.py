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


def tr(message: str) -> str:
    """`message` (French) in the session's language."""
    return _catalogs.gettext(_current, message)


def tr_in(code: str, message: str) -> str:
    """`message` in a given language, whatever the session's language is."""
    return _catalogs.gettext(code, message)


def ntr(singular: str, plural: str, count: int) -> str:
    """The form of `singular`/`plural` for `count` in the session's language (Arabic has six)."""
    return _catalogs.ngettext(_current, singular, plural, count)


def catalog_store() -> Catalogs:
    return _catalogs


__all__ = [
    "LANGUAGES",
    "N_",
    "Language",
    "catalog_store",
    "current_language",
    "language",
    "ntr",
    "set_language",
    "tr",
    "tr_in",
]
