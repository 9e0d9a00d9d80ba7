"""Translations of the flows' texts: one gettext catalog per language (i18n/content/).

Editors write flows in French (and easy-to-read French) in the YAML files; translators work
on i18n/content/<locale>.po in the tools they know (Poedit, Weblate...). Each entry's
context (msgctxt) is the flow's id, its msgid the French text, and its comments say where
it comes from (file, line, field). A text with its own version in the YAML file uses it;
otherwise the catalog's; otherwise the French.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.i18n.languages import language

if TYPE_CHECKING:
    from kiosk.flows.library import Library
    from kiosk.flows.model import Flow, Text

DOMAIN = "content"
PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
SOURCE_DIR = PACKAGE_DIR.parent.parent / "i18n" / "content"

_loaded: dict[str, gettext.NullTranslations] = {}


def flow_texts(flow: Flow) -> Iterator[tuple[str, Text]]:
    """Every visible text of a flow, with its field path, in reading order."""
    yield "title", flow.title
    if flow.help is not None:
        yield "help", flow.help
    for i, step in enumerate(flow.steps):
        here = f"steps[{i}]"
        yield f"{here}.title", step.title
        if step.text is not None:
            yield f"{here}.text", step.text
        for j, option in enumerate(step.options):
            yield f"{here}.options[{j}].label", option.label
        for j, item in enumerate(step.items):
            yield f"{here}.items[{j}]", item
        for j, todo in enumerate(step.todo):
            yield f"{here}.todo[{j}]", todo
        for j, place in enumerate(step.places):
            yield f"{here}.places[{j}].helps_with", place.helps_with
            yield f"{here}.places[{j}].hours", place.hours


def library_texts(library: Library) -> Iterator[tuple[Flow, str, Text]]:
    for flow_id in sorted(library.flows):
        flow = library.flows[flow_id]
        for path, text in flow_texts(flow):
            yield flow, path, text


def translate(code: str, context: str, french: str) -> str | None:
    """The catalog's translation of `french` in flow `context`, or None when there is none."""
    translations = _loaded.get(code)
    if translations is None:
        translations = _load(code)
        _loaded[code] = translations
    found = translations.pgettext(context, french)
    return None if found == french else found


def _load(code: str) -> gettext.NullTranslations:
    result: gettext.NullTranslations = gettext.NullTranslations()
    for locale in reversed(language(code).gettext_chain):
        path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with path.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)
        except FileNotFoundError:
            continue
        catalog.add_fallback(result)
        result = catalog
    return result


def forget() -> None:
    """Drops the loaded catalogs (after compiling new ones)."""
    _loaded.clear()
