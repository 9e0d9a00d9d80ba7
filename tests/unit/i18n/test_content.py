"""The flows' texts in other languages: extraction into content.pot, and Text.get at run time.

A fixture flow and catalogs compiled under tmp_path: nothing here depends on how far the
translators of i18n/content/ have got.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.flows.library import load_library
from kiosk.flows.model import Flow
from kiosk.i18n import content
from kiosk.i18n.__main__ import (
    EXIT_ERROR,
    FlowsHaveProblemsError,
    compile_catalogs,
    extract,
    extract_content_template,
    read_catalog,
)
from kiosk.i18n.catalogs import CONTENT, UI, compiled_bytes
from tests.unit.i18n.helpers import catalog, make_i18n, write_domain

FLOW_YAML = """\
format: 1
id: demo
title:
  fr: Bienvenue à la mairie
  en: Welcome (written in the flow file)
icon: info
theme: papers
organisations: [Mairie]
sites: []
steps:
  - id: intro
    type: info
    title: Une question simple
    text:
      fr: Ce texte a une version facile.
      fr-falc: Un texte facile.
    next: fin
  - id: fin
    type: end
    title: Vous avez terminé
    todo:
      - Vous avez terminé
      - Revenir quand vous voulez
"""


@pytest.fixture
def flows_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "demo.yaml").write_text(FLOW_YAML, encoding="utf-8")
    return folder


@pytest.fixture
def flow(flows_dir: Path) -> Flow:
    library = load_library(flows_dir)
    assert library.problems == []
    return library.flows["demo"]


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The kiosk reads its content catalogs from here; the real ones again afterwards."""
    folder = tmp_path / "locale"
    monkeypatch.setattr(content, "LOCALE_DIR", folder)
    content.forget()
    yield folder
    content.forget()


def _compile_english(i18n_dir: Path, locale_dir: Path, entries: dict) -> None:
    po = write_domain(i18n_dir, CONTENT, "en", entries)
    mo = CONTENT.compiled_path("en", locale_dir)
    mo.parent.mkdir(parents=True, exist_ok=True)
    mo.write_bytes(compiled_bytes(po))


# -- extract -------------------------------------------------------------------------------------


def test_every_text_of_a_flow_is_extracted_under_its_flow(flows_dir: Path):
    template = extract_content_template(flows_dir)
    entries = {(m.context, m.id): m for m in template if m.id}
    assert set(entries) == {
        ("demo", "Bienvenue à la mairie"),
        ("demo", "Une question simple"),
        ("demo", "Ce texte a une version facile."),
        ("demo", "Vous avez terminé"),
        ("demo", "Revenir quand vous voulez"),
    }
    file = str(flows_dir / "demo.yaml")
    title = entries[("demo", "Bienvenue à la mairie")]
    assert title.locations == [(file, 3)]
    assert title.auto_comments == ["title"]
    text = entries[("demo", "Ce texte a une version facile.")]
    assert (text.locations, text.auto_comments) == ([(file, 14)], ["steps[0].text"])
    # The same words twice in a flow: one entry, both places.
    done = entries[("demo", "Vous avez terminé")]
    assert done.locations == [(file, 20), (file, 22)]
    assert done.auto_comments == ["steps[1].title", "steps[1].todo[0]"]
    assert all(not m.string for m in template if m.id)


def test_shipped_flows_are_located_in_resources(tmp_path: Path):
    template = extract_content_template()
    first = next(m for m in template if m.id)
    file, line = first.locations[0]
    assert file == f"resources/flows/{first.context}.yaml"
    assert line > 0


def test_extract_writes_both_templates(tmp_path: Path, flows_dir: Path):
    i18n_dir = tmp_path / "i18n"
    assert extract(i18n_dir, flows_dir=flows_dir) == 0
    assert (UI.source_dir(i18n_dir) / "kiosk.pot").is_file()
    pot = read_catalog(CONTENT.source_dir(i18n_dir) / "content.pot")
    assert len([m for m in pot if m.id]) == 5
    text = (CONTENT.source_dir(i18n_dir) / "content.pot").read_text(encoding="utf-8")
    assert f'#. steps[0].title\n#: {flows_dir / "demo.yaml"}:13\nmsgctxt "demo"\n' in text


def test_extract_refuses_flows_with_problems(
    tmp_path: Path, flows_dir: Path, capsys: pytest.CaptureFixture[str]
):
    """A flow with problems is left out: its translations must not become obsolete."""
    broken = FLOW_YAML.replace("next: fin", "next: nulle-part")
    (flows_dir / "demo.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(FlowsHaveProblemsError):
        extract_content_template(flows_dir)
    i18n_dir = tmp_path / "i18n"
    assert extract(i18n_dir, flows_dir=flows_dir) == EXIT_ERROR
    assert not (CONTENT.source_dir(i18n_dir) / "content.pot").exists()
    assert "nulle-part" in capsys.readouterr().err


# -- Text.get ------------------------------------------------------------------------------------


def test_text_in_the_flow_file_then_catalog_then_french(
    tmp_path: Path, flow: Flow, locale_dir: Path
):
    _compile_english(
        tmp_path / "i18n",
        locale_dir,
        {
            ("demo", "Bienvenue à la mairie"): "Welcome (from the catalog)",
            ("demo", "Une question simple"): "A simple question",
        },
    )
    intro = flow.step("intro")
    # 1. the flow file's own version wins over the catalog's
    assert flow.title.get("en") == "Welcome (written in the flow file)"
    # 2. then the translators' catalog
    assert intro.title.get("en") == "A simple question"
    # 3. then the French
    assert flow.step("fin").title.get("en") == "Vous avez terminé"
    # A language with no compiled catalog shows the French.
    assert intro.title.get("es") == "Une question simple"


def test_easy_to_read_french_comes_from_the_flow_file_only(
    tmp_path: Path, flow: Flow, locale_dir: Path
):
    assert flow.step("intro").text is not None
    assert flow.step("intro").text.get("fr-falc") == "Un texte facile."
    assert flow.step("intro").title.get("fr-falc") == "Une question simple"
    assert flow.step("intro").title.get("fr") == "Une question simple"


def test_a_translation_is_filed_under_its_flow(tmp_path: Path, flow: Flow, locale_dir: Path):
    _compile_english(
        tmp_path / "i18n", locale_dir, {("autre-flux", "Une question simple"): "Another question"}
    )
    assert flow.step("intro").title.get("en") == "Une question simple"


def test_drafts_are_shown(tmp_path: Path, flow: Flow, locale_dir: Path):
    entries = {("demo", "Une question simple"): "A simple question"}
    _compile_english(tmp_path / "i18n", locale_dir, entries)
    draft = catalog("en", entries).get("Une question simple", "demo")
    assert draft is not None
    assert draft.fuzzy
    assert flow.step("intro").title.get("en") == "A simple question"


def test_compiling_in_process_shows_the_new_translations(
    tmp_path: Path, flow: Flow, locale_dir: Path
):
    """`compile` drops the catalogs this process loaded: no restart needed to see new ones."""
    i18n_dir = make_i18n(tmp_path / "i18n")
    assert flow.step("intro").title.get("en") == "Une question simple"  # nothing compiled yet
    write_domain(i18n_dir, CONTENT, "en", {("demo", "Une question simple"): "A simple question"})
    assert compile_catalogs(i18n_dir, locale_dir) == 0
    assert CONTENT.compiled_path("en", locale_dir).is_file()
    assert UI.compiled_path("en", locale_dir).is_file()
    assert flow.step("intro").title.get("en") == "A simple question"
