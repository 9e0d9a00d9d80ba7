"""Translations of the flows' texts: one gettext catalog per language (i18n/content/).

Editors write flows in French (and easy-to-read French) in the YAML files; translators work
on i18n/content/<locale>.po in the tools they know (Poedit, Weblate...). Each entry's
context (msgctxt) is the flow's id, its msgid the French text, and its comments say where
it comes from (file, line, field). A text with its own version in the YAML file uses it;
otherwise the catalog's; otherwise the French.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kiosk.i18n.catalogs import CONTENT, LOCALE_DIR, Catalogs

if TYPE_CHECKING:
    from kiosk.flows.library import Library
    from kiosk.flows.model import Flow, Text

DOMAIN = CONTENT.gettext_domain
SOURCE_DIR = CONTENT.source_dir()

_store: list[Catalogs] = []  # the loaded catalogs: none until the first translation asked for


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
    found = catalogs().pgettext(code, context, french)
    return None if found == french else found


def catalogs() -> Catalogs:
    """The compiled content catalogs, read from LOCALE_DIR the first time they are needed."""
    if not _store:
        _store.append(Catalogs(LOCALE_DIR, DOMAIN))
    return _store[0]


def forget() -> None:
    """Drops the loaded catalogs (after compiling new ones): the next text reads them again."""
    _store.clear()
