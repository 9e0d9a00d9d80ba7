"""The catalog files agree with the code, the flows and each other: nothing stale or missing.

Both domains: the user interface (i18n/ui/, from the code) and the flows' texts
(i18n/content/, from resources/flows/). `test_language_translates_every_string` is the
acceptance test of the translators' work: it fails until every shipped language but French
and easy-to-read French translates every string of both domains.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.i18n.__main__ import (
    extract_content_template,
    extract_template,
    placeholders,
    read_catalog,
)
from kiosk.i18n.catalogs import CONTENT, DOMAINS, LOCALE_DIR, UI, Domain, compiled_bytes
from kiosk.i18n.languages import LANGUAGES

SOURCES = [(domain, po) for domain in DOMAINS for po in sorted(domain.source_dir().glob("*.po"))]
# Languages that must translate everything: not French, nor a variant of French (FALC),
# whose untranslated strings are shown in French on purpose.
COMPLETE = [
    (domain, locale)
    for domain in DOMAINS
    for locale in domain.shipped_locales()
    if locale.split("@")[0] != "fr"
]
MAKE = "run `make i18n` (python -m kiosk.i18n compile)"
REFRESH = "run `python -m kiosk.i18n extract && python -m kiosk.i18n update`, then translate"


def _label(value: object) -> str:
    if isinstance(value, Domain):
        return value.name
    if isinstance(value, Path):
        return value.stem
    return str(value)


def _template(domain: Domain) -> Path:
    return domain.source_dir() / domain.template_name


def _keys(catalog) -> set[tuple[str | None, str]]:
    """(msgctxt, msgid) of every entry: the content domain files texts under their flow."""
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


@pytest.mark.parametrize("domain", DOMAINS, ids=_label)
def test_every_shipped_language_has_a_source_catalog(domain: Domain):
    present = {po.stem for po in domain.source_dir().glob("*.po")}
    missing = set(domain.shipped_locales()) - present
    assert not missing, f"no {domain.name} catalog for {sorted(missing)}: {REFRESH}"
    assert [locale for d, locale in COMPLETE if d == domain]  # the tests below check something


def test_every_language_but_french_has_catalogs():
    assert len(LANGUAGES) == 12
    assert len(UI.shipped_locales()) == len(LANGUAGES) - 1  # FALC has a catalog of the UI
    assert len(CONTENT.shipped_locales()) == len(LANGUAGES) - 2  # FALC flows: in the YAML
    assert "fr@falc" not in CONTENT.shipped_locales()


@pytest.mark.parametrize(("domain", "po"), SOURCES, ids=_label)
def test_compiled_catalog_is_not_stale(domain: Domain, po: Path):
    mo = domain.compiled_path(po.stem)
    assert mo.is_file(), f"{mo} is missing: {MAKE}"
    assert mo.read_bytes() == compiled_bytes(po), f"{mo} is older than {po}: {MAKE}"


@pytest.mark.parametrize("domain", DOMAINS, ids=_label)
def test_no_compiled_catalog_without_a_source(domain: Domain):
    compiled = {
        mo.parent.parent.name for mo in LOCALE_DIR.glob(f"*/LC_MESSAGES/{domain.gettext_domain}.mo")
    }
    orphans = compiled - {po.stem for po in domain.source_dir().glob("*.po")}
    assert not orphans, f"compiled {domain.name} catalogs with no .po: {orphans}: {MAKE}"


def test_ui_template_is_not_stale():
    extracted = _keys(extract_template())
    on_disk = _keys(read_catalog(_template(UI)))
    assert extracted - on_disk == set(), f"strings missing from {UI.template_name}: {REFRESH}"
    assert on_disk - extracted == set(), f"strings no longer in the code: {REFRESH}"


def test_content_template_is_not_stale():
    """content.pot holds exactly the texts of the shipped flows, each under its flow's id."""
    extracted = _keys(extract_content_template())
    on_disk = _keys(read_catalog(_template(CONTENT)))
    assert extracted - on_disk == set(), f"texts missing from {CONTENT.template_name}: {REFRESH}"
    assert on_disk - extracted == set(), f"texts no longer in the flows: {REFRESH}"
    assert all(context for context, _ in on_disk)  # msgctxt = the flow's id


@pytest.mark.parametrize(("domain", "locale"), COMPLETE, ids=_label)
def test_language_translates_every_string(domain: Domain, locale: str):
    catalog = read_catalog(domain.source_dir() / f"{locale}.po", locale)
    untranslated = []
    for context, msgid in sorted(_keys(read_catalog(_template(domain))), key=str):
        entry = catalog.get(msgid, context)
        if entry is None or not entry.string:
            untranslated.append(f"{context}: {msgid}" if context else msgid)
    assert untranslated == [], (
        f"{domain.name}/{locale}.po misses {len(untranslated)} translation(s) "
        f"(see i18n/README.md), the first: {untranslated[:3]}"
    )


@pytest.mark.parametrize(("domain", "po"), SOURCES, ids=_label)
def test_translations_keep_the_placeholders(domain: Domain, po: Path):
    catalog = read_catalog(po, po.stem)
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        expected = placeholders(ids[-1])
        assert all(placeholders(one) == expected for one in ids), f"{ids} disagree"
        for form in forms:
            if not form:
                continue
            if placeholders(form) != expected:
                wrong.append((message.context, ids[0], form))
            elif expected:  # it formats as the code does, with no stray brace
                form.format(**dict.fromkeys(expected, "x"))
    assert wrong == [], f"{domain.name}/{po.name}: placeholders differ from the French"


@pytest.mark.parametrize(("domain", "po"), SOURCES, ids=_label)
def test_source_catalog_is_merged_with_the_template(domain: Domain, po: Path):
    """Every template string has an entry (maybe empty): `update` was run after `extract`."""
    missing = _keys(read_catalog(_template(domain))) - _keys(read_catalog(po, po.stem))
    assert missing == set(), f"run `python -m kiosk.i18n update`: {po} lacks {len(missing)}"


@pytest.mark.parametrize("domain", DOMAINS, ids=_label)
def test_arabic_has_six_plural_forms(domain: Domain):
    catalog = read_catalog(domain.source_dir() / "ar.po", "ar")
    assert catalog.num_plurals == 6
    header = dict(catalog.mime_headers)["Plural-Forms"]
    assert header.startswith("nplurals=6; plural=")
