"""`python -m kiosk.i18n coverage` and `update`, on fixture catalogs under tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from kiosk.i18n.__main__ import EXIT_INCOMPLETE, EXIT_OK, coverage, main, read_catalog, update

HELLO = "Bonjour"
BUTTON = "Bouton {number} : {label}"


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog)


def _catalog(locale: str | None, strings: dict[str, str], fuzzy: bool = True) -> Catalog:
    catalog = Catalog(locale=locale)
    for msgid, msgstr in strings.items():
        catalog.add(msgid, msgstr, flags=("fuzzy",) if fuzzy and msgstr else ())
    return catalog


@pytest.fixture
def source_dir(tmp_path: Path) -> Path:
    """A template of two strings, fully translated in English and Arabic, none in FALC."""
    _write(tmp_path / "kiosk.pot", _catalog(None, {HELLO: "", BUTTON: ""}))
    _write(tmp_path / "en.po", _catalog("en", {HELLO: "Hello", BUTTON: "Button {number}: {label}"}))
    _write(tmp_path / "ar.po", _catalog("ar", {HELLO: "مرحبا", BUTTON: "الزر {number}: {label}"}))
    _write(tmp_path / "fr@falc.po", _catalog("fr", {HELLO: "", BUTTON: ""}))
    return tmp_path


def _coverage_json(source_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    status = main(["coverage", "--json", "--source-dir", str(source_dir)])
    report = json.loads(capsys.readouterr().out)
    return status, {row["code"]: row for row in report["languages"]}


def test_complete_catalogs_pass(source_dir: Path, capsys: pytest.CaptureFixture[str]):
    status, rows = _coverage_json(source_dir, capsys)
    assert status == EXIT_OK
    assert (rows["en"]["total"], rows["en"]["draft"], rows["en"]["missing"]) == (2, 2, 0)
    # FALC translates nothing here, and that is allowed: its strings are shown in French.
    assert rows["fr-falc"]["missing"] == 2
    assert rows["fr-falc"]["ok"] is True


def test_a_missing_string_fails(source_dir: Path, capsys: pytest.CaptureFixture[str]):
    _write(source_dir / "en.po", _catalog("en", {HELLO: "Hello"}))
    status, rows = _coverage_json(source_dir, capsys)
    assert status == EXIT_INCOMPLETE == 2
    assert rows["en"]["missing"] == 1
    assert rows["ar"]["missing"] == 0


def test_an_empty_translation_counts_as_missing(
    source_dir: Path, capsys: pytest.CaptureFixture[str]
):
    _write(source_dir / "ar.po", _catalog("ar", {HELLO: "مرحبا", BUTTON: ""}))
    assert main(["coverage", "--source-dir", str(source_dir)]) == 2
    assert "INCOMPLETE" in capsys.readouterr().out


def test_a_missing_catalog_fails(source_dir: Path):
    (source_dir / "ar.po").unlink()
    by_code = {row.code: row for row in coverage(source_dir)}
    assert by_code["ar"].missing == 2
    assert main(["coverage", "--source-dir", str(source_dir)]) == 2


def test_a_broken_placeholder_fails(source_dir: Path, capsys: pytest.CaptureFixture[str]):
    typo = "Button {numbre}: {label}"
    _write(source_dir / "en.po", _catalog("en", {HELLO: "Hello", BUTTON: typo}))
    status, rows = _coverage_json(source_dir, capsys)
    assert status == 2
    assert rows["en"]["broken_placeholders"] == [BUTTON]


def test_reviewed_and_draft_are_counted_apart(source_dir: Path, capsys: pytest.CaptureFixture[str]):
    reviewed = _catalog("en", {HELLO: "Hello"}, fuzzy=False)
    reviewed.add(BUTTON, "Button {number}: {label}", flags=("fuzzy",))
    _write(source_dir / "en.po", reviewed)
    _status, rows = _coverage_json(source_dir, capsys)
    assert (rows["en"]["translated"], rows["en"]["draft"], rows["en"]["missing"]) == (1, 1, 0)


def test_update_keeps_translations_and_leaves_new_strings_empty(source_dir: Path):
    new = "Bonjour à tous"  # close to HELLO: must not be guessed from its translation
    _write(source_dir / "kiosk.pot", _catalog(None, {HELLO: "", new: ""}))
    assert update(source_dir) == 0
    english = read_catalog(source_dir / "en.po", "en")
    assert english.get(HELLO).string == "Hello"
    assert english.get(HELLO).fuzzy  # still a draft
    assert english.get(new).string == ""
    assert english.get(BUTTON) is None  # gone from the code: obsolete, not compiled
    assert BUTTON in english.obsolete
    assert main(["coverage", "--source-dir", str(source_dir)]) == 2
