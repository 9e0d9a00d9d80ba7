"""The runner as a resident drives it: Back, choices shown again, "Étape 2 sur 5", restart.

Properties on random acyclic libraries (built as `Flow` objects, one to three flows linked by
`flow:ID`, with `action:*` exits), then targeted cases on the valid fixtures.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.flows.library import Library, load_library
from kiosk.flows.runner import FlowRunner, Outcome, Position
from tests.unit.flows.helpers import VALID, flow, library, step

SETTINGS = settings(max_examples=150, deadline=None, database=None)
EXITS = ("action:home", "action:help")


@st.composite
def libraries(draw: st.DrawFn, restart: bool = True) -> Library:
    """Flows f0..fN; a step leads only to later steps, later flows or an action: no loop."""
    count = draw(st.integers(1, 3))
    exits = (*EXITS, "action:restart") if restart else EXITS
    flows = []
    for k in range(count):
        size = draw(st.integers(1, 7))
        steps = []
        for i in range(size):
            onward = [f"s{j}" for j in range(i + 1, size)] + [
                f"flow:f{m}" for m in range(k + 1, count)
            ]
            target = st.sampled_from(exits)
            if onward:  # mostly onward, sometimes an exit
                target = st.one_of(st.sampled_from(onward), st.sampled_from(onward), target)
            kind = draw(st.sampled_from(("end", "info", "checklist", "choice", "choice")))
            if kind == "end":
                steps.append(step(f"s{i}", "end"))
            elif kind == "choice":
                targets = draw(st.lists(target, min_size=2, max_size=6))
                steps.append(
                    step(
                        f"s{i}",
                        "choice",
                        options=tuple((f"o{n}", t) for n, t in enumerate(targets)),
                    )
                )
            else:
                steps.append(
                    step(f"s{i}", kind, draw(target), items=3 if kind == "checklist" else 0)
                )
        flows.append(flow(f"f{k}", *steps))
    return library(*flows)


def longest(lib: Library) -> object:
    """An oracle for progress: the steps on the longest way from a position to its end."""

    @cache
    def steps_from(position: Position) -> int:
        here = lib.flows[position.flow].step(position.step)
        following = [following_position(lib, position, t) for t in here.targets()]
        return 1 + max((steps_from(p) for p in following if p is not None), default=0)

    return steps_from


def following_position(lib: Library, position: Position, target: str) -> Position | None:
    if target.startswith("action:"):
        return None
    if target.startswith("flow:"):
        other = lib.flows[target.removeprefix("flow:")]
        return Position(other.id, other.start)
    return Position(position.flow, target)


def move(runner: FlowRunner, data: st.DataObject) -> tuple[str, int | None, Outcome] | None:
    """One random move a resident can make here: (target, option or None, outcome)."""
    here = runner.step
    if here.type == "end":
        return None
    if here.type == "choice":
        index = data.draw(st.integers(0, len(here.options) - 1))
        return here.options[index].next, index, runner.choose(index)
    assert here.next is not None
    return here.next, None, runner.advance()


# Properties


@SETTINGS
@given(libraries(), st.data())
def test_as_many_backs_as_moves_return_to_the_start(lib: Library, data: st.DataObject) -> None:
    runner = FlowRunner(lib, "f0")
    start = runner.position
    moves = depth = 0
    for _ in range(data.draw(st.integers(0, 25))):
        made = move(runner, data)
        if made is None:
            break
        moves += 1
        target = made[0]
        depth = 0 if target == "action:restart" else depth + (not target.startswith("action:"))
        assert len(runner.history) == depth
    for _ in range(moves):
        runner.back()
    assert runner.position == start
    assert not runner.can_go_back()
    assert runner.back() == start  # Back at the start stays there


@SETTINGS
@given(libraries(), st.data())
def test_back_returns_exactly_where_the_resident_was_with_their_choice(
    lib: Library, data: st.DataObject
) -> None:
    runner = FlowRunner(lib, "f0")
    for _ in range(25):
        here, history = runner.position, list(runner.history)
        made = move(runner, data)
        if made is None:
            break
        target, option, outcome = made
        if target.startswith("action:"):
            if target == "action:restart":
                assert outcome == Outcome(Position("f0", lib.flows["f0"].start))
            else:  # home and help are for the shell: the resident stays on this step
                assert outcome == Outcome(action=target.removeprefix("action:"))
                assert (runner.position, runner.history) == (here, history)
            continue
        arrived = runner.position
        assert outcome == Outcome(arrived)
        assert arrived == following_position(lib, here, target)
        assert runner.back() == here
        assert runner.history == history
        assert runner.chosen() == option
        again = runner.choose(option) if option is not None else runner.advance()
        assert again.position == arrived  # the same move leads to the same place


@SETTINGS
@given(libraries(), st.data())
def test_progress_counts_the_steps_taken_and_the_longest_way_left(
    lib: Library, data: st.DataObject
) -> None:
    runner = FlowRunner(lib, "f0")
    steps_from = longest(lib)
    taken = 1
    for _ in range(25):
        number, total = runner.progress()
        assert number == len(runner.history) + 1
        assert 1 <= number <= total
        assert total >= taken
        assert total == number - 1 + steps_from(runner.position)  # type: ignore[operator]
        if runner.step.type == "end":
            assert number == total
        made = move(runner, data)
        if made is None:
            break
        target = made[0]
        taken = 1 if target == "action:restart" else taken + (not target.startswith("action:"))


@SETTINGS
@given(libraries())
def test_progress_never_goes_down_along_the_longest_way(lib: Library) -> None:
    runner = FlowRunner(lib, "f0")
    steps_from = longest(lib)
    _, first_total = runner.progress()
    while True:
        number, total = runner.progress()
        assert total == first_total
        here = runner.step
        onward = [
            (steps_from(p), n)  # type: ignore[operator]
            for n, t in enumerate(o.next for o in here.options)
            if here.type == "choice"
            if (p := following_position(lib, runner.position, t)) is not None
        ]
        if here.type != "choice" and here.next is not None:
            p = following_position(lib, runner.position, here.next)
            onward = [(steps_from(p), -1)] if p is not None else []  # type: ignore[operator]
        if not onward:
            assert number == total  # the longest way ends here: an end, or only actions left
            break
        _, best = max(onward)
        runner.advance() if best == -1 else runner.choose(best)


@SETTINGS
@given(libraries(), st.data())
def test_restart_from_anywhere_goes_back_to_the_first_flow_with_nothing_remembered(
    lib: Library, data: st.DataObject
) -> None:
    runner = FlowRunner(lib, "f0")
    for _ in range(data.draw(st.integers(0, 25))):
        if runner.step.type == "checklist":
            runner.toggle(data.draw(st.integers(0, 2)))
        if move(runner, data) is None:
            break
    start = Position("f0", lib.flows["f0"].start)
    assert runner.restart() == start
    assert runner.position == start
    assert (runner.history, runner.choices, runner.checked) == ([], {}, {})
    assert runner.progress() == (1, longest(lib)(start))  # type: ignore[operator]
    assert runner.chosen() is None


# Targeted cases


@pytest.fixture
def valid() -> Library:
    return load_library(VALID)


def test_back_returns_across_flows_with_the_choice_made(valid: Library) -> None:
    runner = FlowRunner(valid, "orientation")
    assert runner.progress() == (1, 7)  # bienvenue, sujet, then the 5 steps of caf-ressources
    runner.advance()
    assert runner.choose(0) == Outcome(Position("carte-identite", "intro"))
    assert runner.flow.id == "carte-identite"
    assert runner.progress() == (3, 7)
    assert runner.can_go_back()
    assert runner.back() == Position("orientation", "sujet")
    assert runner.chosen() == 0
    assert runner.progress() == (2, 7)
    runner.choose(1)
    assert runner.position == Position("caf-ressources", "intro")
    runner.back()
    assert runner.chosen() == 1  # the latest choice is the one shown


@pytest.mark.parametrize("action", ["home", "help"])
def test_home_and_help_are_left_to_the_shell_without_moving(action: str) -> None:
    lib = library(
        flow(
            "f",
            step("a", "info", "b"),
            step("b", "choice", options=(("Fin", "c"), ("Autre", f"action:{action}"))),
            step("c", "end"),
        )
    )
    runner = FlowRunner(lib, "f")
    runner.advance()
    outcome = runner.choose(1)
    assert outcome == Outcome(position=None, action=action)
    assert runner.position == Position("f", "b")
    assert [frame.position for frame in runner.history] == [Position("f", "a")]
    assert runner.progress() == (2, 3)
    lone = FlowRunner(library(flow("g", step("a", "info", f"action:{action}"))), "g")
    assert lone.advance() == Outcome(action=action)
    assert lone.position == Position("g", "a")
    assert not lone.can_go_back()


def test_action_restart_goes_back_to_the_first_flow_and_forgets() -> None:
    lib = library(
        flow("menu", step("q", "choice", options=(("Un", "flow:suite"), ("Deux", "action:home")))),
        flow(
            "suite",
            step("papiers", "checklist", "encore", items=2),
            step("encore", "choice", options=(("Recommencer", "action:restart"), ("Fin", "fin"))),
            step("fin", "end"),
        ),
    )
    runner = FlowRunner(lib, "menu")
    runner.choose(0)
    runner.toggle(1)
    runner.advance()
    outcome = runner.choose(0)
    assert outcome == Outcome(Position("menu", "q"))
    assert runner.position == Position("menu", "q")
    assert (runner.history, runner.choices, runner.checked) == ([], {}, {})
    assert not runner.can_go_back()


def test_a_checklist_item_is_ticked_and_unticked_and_kept_on_the_way_back(valid: Library) -> None:
    runner = FlowRunner(valid, "carte-identite")
    runner.advance()
    assert runner.step.id == "papiers"
    assert runner.toggle(0) == {0}
    assert runner.toggle(2) == {0, 2}
    assert runner.toggle(0) == {2}
    runner.advance()
    runner.back()
    assert runner.checked[runner.position] == {2}
    for wrong in (3, -1):
        with pytest.raises(IndexError):
            runner.toggle(wrong)
    assert runner.checked[runner.position] == {2}
    runner.advance()
    with pytest.raises(IndexError):
        runner.toggle(0)  # a web step has nothing to tick
    assert runner.position not in runner.checked


@pytest.mark.parametrize("index", [3, -1, 99])
def test_an_option_that_does_not_exist_is_refused(valid: Library, index: int) -> None:
    runner = FlowRunner(valid, "orientation")
    runner.advance()
    before = (runner.position, list(runner.history), dict(runner.choices))
    with pytest.raises(IndexError):
        runner.choose(index)
    assert (runner.position, runner.history, runner.choices) == before


def test_continue_on_a_choice_or_an_end_is_refused(valid: Library) -> None:
    runner = FlowRunner(valid, "orientation")
    runner.advance()
    with pytest.raises(ValueError, match="choose an option"):
        runner.advance()
    end = FlowRunner(library(flow("f", step("fin", "end"))), "f")
    with pytest.raises(ValueError, match="no `next`"):
        end.advance()
    with pytest.raises(IndexError):
        end.choose(0)


def test_a_link_to_a_missing_flow_raises_without_moving() -> None:
    runner = FlowRunner(library(flow("f", step("a", "info", "flow:absent"))), "f")
    with pytest.raises(KeyError, match="absent"):
        runner.advance()
    assert runner.position == Position("f", "a")
    assert runner.history == []
    with pytest.raises(KeyError, match="absent"):
        FlowRunner(library(), "absent")
