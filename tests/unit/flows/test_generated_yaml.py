"""Generated flow files: the checks agree with a plain oracle, and no text makes reading crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.flows.loader import parse
from tests.unit.flows.helpers import VALID, assert_plain

SETTINGS = settings(max_examples=150, deadline=None, database=None)
ACTIONS = ("action:home", "action:help", "action:restart")

Graph = list[list[str]]
"""Step i's targets; a step with none is an end, with one an info step, with more a choice."""


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    """An acyclic flow: step i leads to later steps or actions; some steps may be unreachable."""
    size = draw(st.integers(1, 8))
    graph = []
    for i in range(size):
        onward = st.sampled_from([f"s{j}" for j in range(i + 1, size)] or ["action:home"])
        target = st.one_of(onward, onward, st.sampled_from(ACTIONS))
        count = draw(st.sampled_from((0, 1, 1, 2, 3, 6)))
        graph.append(draw(st.lists(target, min_size=count, max_size=count)))
    return graph


def render(graph: Graph) -> tuple[str, dict[str, int]]:
    """The YAML text and the line of each field path written."""
    lines = ["format: 1", "id: genere", "title: Un flux généré", "theme: digital", "steps:"]
    where: dict[str, int] = {}

    def put(path: str, text: str) -> None:
        lines.append(text)
        where[path] = len(lines)

    for i, targets in enumerate(graph):
        put(f"steps[{i}].id", f"  - id: s{i}")
        kind = {0: "end", 1: "info"}.get(len(targets), "choice")
        lines += [f"    type: {kind}", f"    title: Étape {i}"]
        if kind == "info":
            put(f"steps[{i}].next", f"    next: {targets[0]}")
        elif kind == "choice":
            lines.append("    options:")
            for j, target in enumerate(targets):
                lines.append(f"      - label: Bouton {j}")
                put(f"steps[{i}].options[{j}].next", f"        next: {target}")
    return "\n".join(lines) + "\n", where


def reachable(graph: Graph) -> set[int]:
    seen, pending = set(), [0]
    while pending:
        i = pending.pop()
        if i not in seen:
            seen.add(i)
            pending += [int(t[1:]) for t in graph[i] if t.startswith("s")]
    return seen


@SETTINGS
@given(graphs())
def test_the_checks_report_exactly_the_steps_that_cannot_be_reached(graph: Graph) -> None:
    text, where = render(graph)
    flow, problems = parse(text, "genere.yaml")
    unreachable = sorted(set(range(len(graph))) - reachable(graph))
    assert [(p.line, p.path) for p in problems] == [
        (where[f"steps[{i}].id"], f"steps[{i}].id") for i in unreachable
    ]
    if not unreachable:
        assert flow is not None
        assert [s.targets() for s in flow.steps] == [tuple(t) for t in graph]


@SETTINGS
@given(graphs(), st.data())
def test_a_next_that_leads_back_is_reported_as_a_loop_where_it_is(
    graph: Graph, data: st.DataObject
) -> None:
    ways_on = [(i, j) for i in sorted(reachable(graph)) for j in range(len(graph[i]))]
    if not ways_on:
        graph[0] = ["s0"]  # a single end step: make it lead to itself
        ways_on = [(0, 0)]
    i, j = data.draw(st.sampled_from(ways_on))
    back = data.draw(
        st.sampled_from([k for k in sorted(reachable(graph)) if i in _reach_from(graph, k)])
    )
    graph[i][j] = f"s{back}"
    text, where = render(graph)
    flow, problems = parse(text, "genere.yaml")
    assert flow is None
    loops = [p for p in problems if "go round in a loop" in p.message]
    assert len(loops) == 1, problems
    [loop] = loops
    assert loop.path.endswith(".next")
    assert loop.line == where[loop.path]
    steps = loop.message.split(": ", 1)[1].split(" → ")
    assert steps[0] == steps[-1]
    assert_plain(loop.message)


def _reach_from(graph: Graph, start: int) -> set[int]:
    seen, pending = set(), [start]
    while pending:
        k = pending.pop()
        if k not in seen:
            seen.add(k)
            pending += [int(t[1:]) for t in graph[k] if t.startswith("s")]
    return seen


VALID_TEXT = (VALID / "caf-ressources.yaml").read_text(encoding="utf-8")
YAML_BITS = st.sampled_from(
    [
        ":",
        " : ",
        "-",
        "- ",
        "\n",
        "  ",
        "\t",
        '"',
        "'",
        "{",
        "}",
        "[",
        "]",
        "&a",
        "*a",
        "!x",
        "#",
        "|",
        ">",
        "?",
        "%",
        "@",
        "`",
        ",",
        "é",
        "\x00",
        "\x07",
        "\ufeff",
        "2024-13-45",
        "no",
        "~",
        "<<: *a",
        "format: 2",
        "next: flow:",
        "id: x",
    ]
)


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, len(VALID_TEXT)), st.integers(0, 3), YAML_BITS), max_size=6)
)
def test_no_edit_of_a_flow_file_makes_reading_it_crash(edits: list[tuple[int, int, str]]) -> None:
    text = VALID_TEXT
    for at, cut, bit in edits:
        text = text[:at] + bit + text[at + cut :]
    flow, problems = parse(text, "caf-ressources.yaml")
    assert (flow is None) == bool(problems)
    for problem in problems:
        assert problem.file == "caf-ressources.yaml"
        assert problem.line is None or 1 <= problem.line <= text.count("\n") + 2
        assert problem.message


@SETTINGS
@given(st.text(max_size=200))
def test_no_text_at_all_makes_reading_crash(text: str) -> None:
    flow, problems = parse(text, "x.yaml")
    assert flow is None
    assert problems
