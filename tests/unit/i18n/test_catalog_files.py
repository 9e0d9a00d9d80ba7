"""The catalog files agree with the code and with each other: nothing is stale or missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.i18n.__main__ import (
    TEMPLATE_NAME,
    extract_template,
    placeholders,
    read_catalog,
)
from kiosk.i18n.catalogs import LOCALE_DIR, SOURCE_DIR, compiled_bytes, compiled_path
from kiosk.i18n.languages import LANGUAGES

POT = SOURCE_DIR / TEMPLATE_NAME
SOURCES = sorted(SOURCE_DIR.glob("*.po"))
# Languages that must translate everything: not French, nor a variant of French (FALC),
# whose untranslated strings are shown in French on purpose.
COMPLETE = [
    lang.gettext_chain[0]
    for lang in LANGUAGES
    if lang.gettext_chain and lang.gettext_chain[0].split("@")[0] != "fr"
]


def _ids(catalog) -> set[str]:
    return {m.id for m in catalog if m.id}


def test_every_shipped_language_has_a_source_catalog():
    shipped = {lang.gettext_chain[0] for lang in LANGUAGES if lang.gettext_chain}
    assert shipped <= {po.stem for po in SOURCES}
    assert COMPLETE  # the test below checks something


@pytest.mark.parametrize("po", SOURCES, ids=lambda p: p.stem)
def test_compiled_catalog_is_not_stale(po: Path):
    mo = compiled_path(po.stem)
    assert mo.is_file(), f"{mo} is missing: run `make i18n` (python -m kiosk.i18n compile)"
    assert mo.read_bytes() == compiled_bytes(po), (
        f"{mo} is older than {po.name}: run `make i18n` (python -m kiosk.i18n compile)"
    )


def test_no_compiled_catalog_without_a_source():
    compiled = {mo.parent.parent.name for mo in LOCALE_DIR.glob("*/LC_MESSAGES/kiosk.mo")}
    orphans = compiled - {po.stem for po in SOURCES}
    assert not orphans, f"compiled catalogs with no .po: {orphans}: run `make i18n`"


def test_template_is_not_stale():
    extracted = _ids(extract_template())
    on_disk = _ids(read_catalog(POT))
    hint = "run `python -m kiosk.i18n extract && python -m kiosk.i18n update`, then translate"
    assert extracted - on_disk == set(), f"strings missing from {POT.name}: {hint}"
    assert on_disk - extracted == set(), f"strings no longer in the code: {hint}"


@pytest.mark.parametrize("locale", COMPLETE)
def test_language_translates_every_string(locale: str):
    catalog = read_catalog(SOURCE_DIR / f"{locale}.po", locale)
    untranslated = sorted(
        msgid
        for msgid in _ids(read_catalog(POT))
        if catalog.get(msgid) is None or not catalog.get(msgid).string
    )
    assert untranslated == [], f"{locale}.po misses translations (see i18n/README.md)"


@pytest.mark.parametrize("po", SOURCES, ids=lambda p: p.stem)
def test_translations_keep_the_placeholders(po: Path):
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
                wrong.append((ids[0], form))
            elif expected:  # it formats as the code does, with no stray brace
                form.format(**dict.fromkeys(expected, "x"))
    assert wrong == []


@pytest.mark.parametrize("po", SOURCES, ids=lambda p: p.stem)
def test_source_catalog_is_merged_with_the_template(po: Path):
    """Every template string has an entry (maybe empty): `update` was run after `extract`."""
    missing = _ids(read_catalog(POT)) - _ids(read_catalog(po, po.stem))
    assert missing == set(), f"run `python -m kiosk.i18n update`: {po.name} lacks {missing}"


def test_arabic_has_six_plural_forms():
    catalog = read_catalog(SOURCE_DIR / "ar.po", "ar")
    assert catalog.num_plurals == 6
    header = dict(catalog.mime_headers)["Plural-Forms"]
    assert header.startswith("nplurals=6; plural=")
