"""Fixture catalogs for the i18n tests: a small i18n/ folder of both domains, every language.

Built under tmp_path, never in i18n/ (translators edit those files while the tests run).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from kiosk.i18n.catalogs import CONTENT, UI, Domain

HELLO = "Bonjour"
BUTTON = "Bouton {number} : {label}"
FLOW = "demo"
WELCOME = "Bienvenue à la mairie"
DONE = "Vous avez terminé"

Key = tuple[str | None, str]
"""(msgctxt, msgid): the content domain files each text under its flow's id."""

UI_STRINGS: dict[Key, str] = {
    (None, HELLO): "Hello",
    (None, BUTTON): "Button {number}: {label}",
}
CONTENT_TEXTS: dict[Key, str] = {
    (FLOW, WELCOME): "Welcome to the town hall",
    (FLOW, DONE): "You are done",
}
STRINGS = {UI.name: UI_STRINGS, CONTENT.name: CONTENT_TEXTS}


def write_catalog(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def catalog(locale: str | None, entries: dict[Key, str], fuzzy: bool = True) -> Catalog:
    """A catalog of `entries` ((context, French) -> translation); drafts unless not `fuzzy`."""
    result = Catalog(locale=locale.split("@")[0] if locale else None)
    for (context, msgid), msgstr in entries.items():
        flags = ("fuzzy",) if fuzzy and msgstr else ()
        result.add(msgid, msgstr, flags=flags, context=context)
    return result


def translated(locale: str, domain: Domain) -> dict[Key, str]:
    """Every string of `domain` in `locale` (tagged with it); FALC translates none."""
    if locale.startswith("fr"):
        return dict.fromkeys(STRINGS[domain.name], "")
    return {key: f"[{locale}] {text}" for key, text in STRINGS[domain.name].items()}


def write_domain(root: Path, domain: Domain, locale: str, entries: dict[Key, str]) -> Path:
    path = domain.source_dir(root) / f"{locale}.po"
    write_catalog(path, catalog(locale, entries))
    return path


def make_i18n(root: Path) -> Path:
    """An i18n/ folder where every shipped language translates every string (drafts)."""
    for domain in (UI, CONTENT):
        template = catalog(None, dict.fromkeys(STRINGS[domain.name], ""))
        write_catalog(domain.source_dir(root) / domain.template_name, template)
        for locale in domain.shipped_locales():
            write_domain(root, domain, locale, translated(locale, domain))
    return root
