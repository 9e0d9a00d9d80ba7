"""`python -m kiosk.i18n coverage` and `update`, on fixture catalogs of both domains (tmp_path)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.i18n.__main__ import (
    EXIT_INCOMPLETE,
    EXIT_OK,
    coverage,
    main,
    read_catalog,
    update,
)
from kiosk.i18n.catalogs import CONTENT, UI
from kiosk.i18n.languages import LANGUAGES
from tests.unit.i18n.helpers import (
    BUTTON,
    DONE,
    FLOW,
    HELLO,
    WELCOME,
    catalog,
    make_i18n,
    translated,
    write_catalog,
    write_domain,
)


@pytest.fixture
def i18n_dir(tmp_path: Path) -> Path:
    """Two UI strings and two flow texts, translated (drafts) in every shipped language."""
    return make_i18n(tmp_path / "i18n")


def _coverage_json(i18n_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    status = main(["coverage", "--json", "--catalogs", str(i18n_dir)])
    report = json.loads(capsys.readouterr().out)
    return status, report


def _rows(report: dict) -> dict[str, dict]:
    return {row["code"]: row for row in report["languages"]}


def test_complete_catalogs_pass(i18n_dir: Path, capsys: pytest.CaptureFixture[str]):
    status, report = _coverage_json(i18n_dir, capsys)
    rows = _rows(report)
    assert status == EXIT_OK
    assert report["ok"] is True
    assert report["problems"] == []
    assert list(rows) == [lang.code for lang in LANGUAGES]  # all twelve
    for code in ("en", "ar", "es", "pt", "ro", "uk", "ru", "tr", "fa", "ps"):
        for domain in ("ui", "content"):
            counts = rows[code][domain]
            assert (counts["total"], counts["reviewed"], counts["draft"], counts["missing"]) == (
                2,
                0,
                2,
                0,
            ), (code, domain)
    # FALC translates nothing here, and that is allowed: its strings are shown in French.
    assert rows["fr-falc"]["ui"]["missing"] == 2
    assert rows["fr-falc"]["ui"]["ok"] is True
    # The flows' easy-to-read versions are in the flow files: no content catalog.
    assert rows["fr-falc"]["content"] is None
    assert rows["fr"]["content"]["catalog"] is None


def test_a_missing_ui_string_fails(i18n_dir: Path, capsys: pytest.CaptureFixture[str]):
    write_domain(i18n_dir, UI, "en", {(None, HELLO): "Hello"})
    status, report = _coverage_json(i18n_dir, capsys)
    rows = _rows(report)
    assert status == EXIT_INCOMPLETE == 2
    assert rows["en"]["ui"]["missing"] == 1
    assert rows["en"]["content"]["missing"] == 0
    assert rows["ar"]["ui"]["missing"] == 0
    assert report["problems"] == [
        {"language": "en", "domain": "ui", "missing": 1, "broken_placeholders": []}
    ]


def test_a_missing_content_string_fails_naming_language_and_domain(
    i18n_dir: Path, capsys: pytest.CaptureFixture[str]
):
    write_domain(i18n_dir, CONTENT, "tr", {(FLOW, WELCOME): "Belediyeye hoş geldiniz"})
    assert main(["coverage", "--catalogs", str(i18n_dir)]) == EXIT_INCOMPLETE
    out = capsys.readouterr().out
    assert "tr content: 1 string(s) missing" in out
    [row] = [line for line in out.splitlines() if line.split()[:2] == ["tr", "content"]]
    assert row.split()[2:] == ["tr", "2", "0", "1", "1", "INCOMPLETE"]
    assert "tr ui" not in out.split("missing = shown in French")[1]  # the UI is complete
    status, report = _coverage_json(i18n_dir, capsys)
    assert status == 2
    assert report["problems"] == [
        {"language": "tr", "domain": "content", "missing": 1, "broken_placeholders": []}
    ]


def test_an_empty_translation_counts_as_missing(i18n_dir: Path, capsys: pytest.CaptureFixture[str]):
    write_domain(i18n_dir, CONTENT, "ar", {(FLOW, WELCOME): "مرحبا", (FLOW, DONE): ""})
    assert main(["coverage", "--catalogs", str(i18n_dir)]) == 2
    assert "ar content: 1 string(s) missing" in capsys.readouterr().out


def test_a_translation_under_another_flow_does_not_count(
    i18n_dir: Path, capsys: pytest.CaptureFixture[str]
):
    """The same French in another flow may need other words: the context is part of the key."""
    entries = translated("es", CONTENT)
    entries[("autre-flux", DONE)] = entries.pop((FLOW, DONE))
    write_domain(i18n_dir, CONTENT, "es", entries)
    _status, report = _coverage_json(i18n_dir, capsys)
    assert _rows(report)["es"]["content"]["missing"] == 1


def test_a_missing_catalog_fails(i18n_dir: Path):
    (CONTENT.source_dir(i18n_dir) / "ps.po").unlink()
    by_code = {row.code: row for row in coverage(i18n_dir)}
    content = by_code["ps"].domain("content")
    assert content is not None
    assert content.missing == 2
    assert main(["coverage", "--catalogs", str(i18n_dir)]) == 2


def test_a_broken_placeholder_fails(i18n_dir: Path, capsys: pytest.CaptureFixture[str]):
    typo = "Button {numbre}: {label}"
    write_domain(i18n_dir, UI, "en", {(None, HELLO): "Hello", (None, BUTTON): typo})
    status, report = _coverage_json(i18n_dir, capsys)
    assert status == 2
    assert _rows(report)["en"]["ui"]["broken_placeholders"] == [BUTTON]


def test_a_placeholder_added_to_a_flow_text_fails(
    i18n_dir: Path, capsys: pytest.CaptureFixture[str]
):
    entries = translated("ru", CONTENT)
    entries[(FLOW, DONE)] = "Готово, {name}"
    write_domain(i18n_dir, CONTENT, "ru", entries)
    status, report = _coverage_json(i18n_dir, capsys)
    assert status == 2
    assert report["problems"] == [
        {
            "language": "ru",
            "domain": "content",
            "missing": 0,
            "broken_placeholders": [f"{FLOW}: {DONE}"],
        }
    ]


def test_reviewed_and_draft_are_counted_apart(i18n_dir: Path, capsys: pytest.CaptureFixture[str]):
    reviewed = catalog("en", {(FLOW, WELCOME): "Welcome"}, fuzzy=False)
    reviewed.add(DONE, "Done", flags=("fuzzy",), context=FLOW)
    write_catalog(CONTENT.source_dir(i18n_dir) / "en.po", reviewed)
    _status, report = _coverage_json(i18n_dir, capsys)
    counts = _rows(report)["en"]["content"]
    assert (counts["reviewed"], counts["draft"], counts["missing"]) == (1, 1, 0)


def test_a_missing_template_is_reported(i18n_dir: Path, capsys: pytest.CaptureFixture[str]):
    (CONTENT.source_dir(i18n_dir) / CONTENT.template_name).unlink()
    assert main(["coverage", "--catalogs", str(i18n_dir)]) == 2
    assert "content.pot is missing" in capsys.readouterr().err
    status, report = _coverage_json(i18n_dir, capsys)
    assert status == 2
    assert report["ok"] is False
    assert "content.pot is missing" in report["error"]


def test_update_keeps_translations_and_leaves_new_strings_empty(i18n_dir: Path):
    new = "Bonjour à tous"  # close to HELLO: must not be guessed from its translation
    template = catalog(None, {(None, HELLO): "", (None, new): ""})
    write_catalog(UI.source_dir(i18n_dir) / "kiosk.pot", template)
    assert update(i18n_dir) == 0
    english = read_catalog(UI.source_dir(i18n_dir) / "en.po", "en")
    assert english.get(HELLO).string == "[en] Hello"
    assert english.get(HELLO).fuzzy  # still a draft
    assert english.get(new).string == ""
    assert english.get(BUTTON) is None  # gone from the code: obsolete, not compiled
    assert BUTTON in english.obsolete
    assert main(["coverage", "--catalogs", str(i18n_dir)]) == 2


def test_update_merges_the_flows_texts_by_flow(i18n_dir: Path):
    changed = "Bienvenue à la mairie de Démoville"  # the French changed: no guess either
    template = catalog(None, {(FLOW, changed): "", (FLOW, DONE): "", ("autre", DONE): ""})
    write_catalog(CONTENT.source_dir(i18n_dir) / "content.pot", template)
    (CONTENT.source_dir(i18n_dir) / "uk.po").unlink()
    assert update(i18n_dir) == 0
    english = read_catalog(CONTENT.source_dir(i18n_dir) / "en.po", "en")
    kept = english.get(DONE, FLOW)
    assert (kept.string, kept.fuzzy) == ("[en] You are done", True)
    assert english.get(DONE, "autre").string == ""  # the same words in another flow: empty
    assert english.get(changed, FLOW).string == ""
    assert english.get(WELCOME, FLOW) is None
    created = read_catalog(CONTENT.source_dir(i18n_dir) / "uk.po", "uk")
    assert {(m.context, m.id) for m in created if m.id} == {
        (FLOW, changed),
        (FLOW, DONE),
        ("autre", DONE),
    }
    assert created.num_plurals == 3
    # Easy-to-read French is written in the flow files: no content catalog for it.
    assert not (CONTENT.source_dir(i18n_dir) / "fr@falc.po").exists()


def test_update_leaves_an_up_to_date_catalog_untouched(i18n_dir: Path):
    assert update(i18n_dir) == 0  # the fixture's files get babel's layout
    before = {p: p.read_bytes() for p in i18n_dir.rglob("*.po")}
    assert update(i18n_dir) == 0
    assert {p: p.read_bytes() for p in i18n_dir.rglob("*.po")} == before
