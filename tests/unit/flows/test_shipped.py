"""The acceptance test of the shipped flows (resources/flows/): they load, there are enough of
them, and every way a resident can take through them ends, with the real runner.

The same walk runs on tests/_reference/flows/valid/, so the walk itself is tested even while
resources/flows/ is being written.
"""

from __future__ import annotations

import pytest

from kiosk.flows.checks import site_allowed
from kiosk.flows.library import SHIPPED, Library, load_library, unknown_pictograms
from kiosk.i18n.content import flow_texts
from tests.unit.flows.helpers import VALID, walk

MIN_FLOWS = 12
MENUS = {"demarches", "triage", "aide-locale", "apprendre", "email", "imprimer"}
"""Menus and tutorials: they route or teach, so they need no checklist nor help of their own."""
ICONS = SHIPPED.parents[1] / "kiosk" / "ui" / "icons"
KNOWN_ICONS = {path.stem for path in ICONS.glob("*.svg")}


def _shipped_ids() -> list[object]:
    ids = sorted(load_library(SHIPPED).flows)
    assert ids, "no shipped flow loads: run `kiosk check-content`"
    return ids


SHIPPED_IDS = _shipped_ids()


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(SHIPPED)


# The whole folder


def test_every_shipped_flow_loads_with_no_problem(shipped: Library) -> None:
    assert [str(p) for p in shipped.problems] == []
    assert len(shipped.flows) == shipped.files


def test_there_are_at_least_12_shipped_flows(shipped: Library) -> None:
    assert len(shipped.flows) >= MIN_FLOWS, (
        f"{len(shipped.flows)} flow(s) in {SHIPPED}: {sorted(shipped.flows)}"
    )


# Each flow


@pytest.mark.parametrize("flow_id", SHIPPED_IDS)
def test_every_way_through_a_shipped_flow_ends(shipped: Library, flow_id: str) -> None:
    found = walk(shipped, flow_id)
    assert found.paths >= 1
    assert found.ends or found.actions
    flow = shipped.flows[flow_id]
    unvisited = {s.id for s in flow.steps} - {step for f, step in found.visited if f == flow_id}
    assert not unvisited, f"{flow_id}: the runner never reaches {sorted(unvisited)}"


@pytest.mark.parametrize("flow_id", SHIPPED_IDS)
def test_every_web_step_of_a_shipped_flow_is_on_its_sites(shipped: Library, flow_id: str) -> None:
    flow = shipped.flows[flow_id]
    for step in flow.steps:
        if step.type == "web":
            assert step.url is not None and site_allowed(step.url, flow.sites), (step.id, step.url)
            assert step.site_name, step.id


@pytest.mark.parametrize("flow_id", SHIPPED_IDS)
def test_every_text_of_a_shipped_flow_has_french(shipped: Library, flow_id: str) -> None:
    for where, text in flow_texts(shipped.flows[flow_id]):
        assert "fr" in text.languages() and text.fr.strip(), f"{flow_id}: {where} has no French"


@pytest.mark.parametrize("flow_id", [i for i in SHIPPED_IDS if i not in MENUS])
def test_a_shipped_procedure_says_where_to_get_help_and_what_to_have_ready(
    shipped: Library, flow_id: str
) -> None:
    flow = shipped.flows[flow_id]
    assert flow.help is not None, f"{flow_id}: no `help` (where to get human help)"
    assert any(s.type == "checklist" for s in flow.steps), f"{flow_id}: no checklist step"


@pytest.mark.parametrize("flow_id", SHIPPED_IDS)
def test_every_pictogram_of_a_shipped_flow_exists(shipped: Library, flow_id: str) -> None:
    one = Library(flows={flow_id: shipped.flows[flow_id]})
    assert [str(p) for p in unknown_pictograms(one, KNOWN_ICONS)] == []


# The same walk on the valid fixtures (it runs while resources/flows/ is still empty)


@pytest.mark.parametrize("flow_id", ["orientation", "carte-identite", "caf-ressources"])
def test_the_walk_finds_every_way_through_the_valid_fixtures(flow_id: str) -> None:
    library = load_library(VALID)
    found = walk(library, flow_id)
    expected = {  # (paths, ends reached, actions)
        "orientation": (4, {("carte-identite", "fin"), ("caf-ressources", "fin")}, {"action:home"}),
        "carte-identite": (1, {("carte-identite", "fin")}, set()),
        "caf-ressources": (2, {("caf-ressources", "fin")}, set()),
    }[flow_id]
    assert (found.paths, found.ends, found.actions) == expected
    assert {s.id for s in library.flows[flow_id].steps} <= {
        s for f, s in found.visited if f == flow_id
    }
    assert unknown_pictograms(library, KNOWN_ICONS) == []


def test_the_walk_catches_a_step_with_no_way_out() -> None:
    from tests.unit.flows.helpers import flow, library, step

    stuck = library(flow("x", step("a", "info", "b"), step("b", "info", None)))
    with pytest.raises(AssertionError, match="no way out"):
        walk(stuck, "x")
