"""Files written for an earlier kiosk keep working: the format is upgraded, then read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.flows import loader, migrate, model
from kiosk.flows.library import load_library
from kiosk.flows.loader import parse, read
from tests.unit.flows.helpers import VALID

# A made-up format 0, older than today's: `titre` for title and `etapes` for steps, each step
# with `suite` for next. Nothing was ever written in it; it stands for the next real change.
FORMAT_0 = """\
format: 0
id: ancien
titre: Un flux de l'ancien format
theme: papers
etapes:
  - id: intro
    type: info
    title: Bonjour
    suite: fin
  - id: fin
    type: end
    title: C'est fini
"""


def from_0(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["title"] = data.pop("titre")
    data["steps"] = [
        {("next" if key == "suite" else key): value for key, value in step.items()}
        for step in data.pop("etapes")
    ]
    return {**data, "format": 1}


def test_an_unknown_version_cannot_be_upgraded() -> None:
    for version in (0, 2, 99, -1):
        assert migrate.upgrade({"format": version, "id": "x"}, version) is None


def test_the_current_version_is_kept_as_it_is() -> None:
    data = {"format": model.FORMAT_VERSION, "id": "x", "steps": [{"id": "a"}]}
    assert migrate.upgrade(data, model.FORMAT_VERSION) == data
    assert migrate.known_versions() == [model.FORMAT_VERSION]


def test_a_format_this_kiosk_does_not_know_is_refused_with_the_known_ones() -> None:
    flow, [problem] = parse(FORMAT_0, "ancien.yaml")
    assert flow is None
    assert (problem.line, problem.path) == (1, "format")
    assert problem.message == "format 0 is not known to this kiosk (known: 1)"


def test_an_older_format_is_upgraded_and_loads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(migrate.MIGRATIONS, 0, from_0)
    assert migrate.known_versions() == [0, 1]
    path = tmp_path / "ancien.yaml"
    path.write_text(FORMAT_0, encoding="utf-8")
    flow, problems = read(path)
    assert problems == []
    assert flow is not None
    assert flow.format == model.FORMAT_VERSION
    assert flow.title.fr == "Un flux de l'ancien format"
    assert [(s.id, s.next) for s in flow.steps] == [("intro", "fin"), ("fin", None)]
    library = load_library(tmp_path)
    assert (library.problems, sorted(library.flows)) == ([], ["ancien"])


def test_a_problem_in_an_upgraded_file_still_names_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(migrate.MIGRATIONS, 0, from_0)
    flow, [problem] = parse(FORMAT_0.replace("suite: fin", "suite: nulle-part"), "ancien.yaml")
    assert flow is None
    assert problem.file == "ancien.yaml"
    assert problem.path == "steps[0].next"
    assert "nulle-part" in problem.message


def test_migrations_chain_up_to_a_newer_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day format 2 comes: 0 -> 1 -> 2, and today's files (format 1) still load."""
    calls: list[int] = []

    def from_1(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        return {**data, "format": 2}

    def counted_from_0(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(0)
        return from_0(data)

    for module in (model, migrate, loader):
        monkeypatch.setattr(module, "FORMAT_VERSION", 2)
    monkeypatch.setitem(migrate.MIGRATIONS, 0, counted_from_0)
    monkeypatch.setitem(migrate.MIGRATIONS, 1, from_1)
    assert migrate.known_versions() == [0, 1, 2]

    flow, problems = parse(FORMAT_0, "ancien.yaml")
    assert problems == []
    assert flow is not None and flow.format == 2
    assert calls == [0, 1]

    library = load_library(VALID)
    assert library.problems == []
    assert {f.format for f in library.flows.values()} == {2}

    _, [problem] = parse(FORMAT_0.replace("format: 0", "format: 3"), "ancien.yaml")
    assert problem.message == "format 3 is not known to this kiosk (known: 0, 1, 2)"
