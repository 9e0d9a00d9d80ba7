"""Shared by the flow tests: fixture folders, the `# <- expected` markers, small builders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.flows.library import Library
from kiosk.flows.model import Flow, Option, Step, Text
from kiosk.flows.runner import FlowRunner

REFERENCE = Path(__file__).resolve().parents[2] / "_reference" / "flows"
VALID = REFERENCE / "valid"
BROKEN = REFERENCE / "broken"
MARKER = b"# <- expected"


def marked_lines(path: Path) -> list[int]:
    """The lines (from 1) that carry `# <- expected`; read as bytes, so any encoding works."""
    return [n for n, line in enumerate(path.read_bytes().splitlines(), start=1) if MARKER in line]


def assert_plain(message: str) -> None:
    """A message an editor can read: one line, no Python internals, not empty."""
    assert message.strip() == message and message, repr(message)
    assert "\n" not in message, message
    assert len(message) < 300, message
    for internal in ("Traceback", "object at 0x", "None", "<class", "datetime.", "Error:", "\\n"):
        assert internal not in message, f"{internal!r} in {message!r}"


def fr(words: str) -> Text:
    return Text((("fr", words),))


def step(
    step_id: str,
    kind: str = "info",
    next_: str | None = None,
    *,
    options: tuple[tuple[str, str], ...] = (),
    items: int = 0,
) -> Step:
    """A step built directly, without YAML: options as (label, next) pairs."""
    return Step(
        step_id,
        kind,
        fr(step_id.capitalize()),
        next=next_,  # type: ignore[arg-type]
        options=tuple(Option(fr(label), target) for label, target in options),
        items=tuple(fr(f"Papier {n}") for n in range(items)),
    )


def flow(flow_id: str, *steps: Step, start: str | None = None) -> Flow:
    return Flow(flow_id, 1, fr(flow_id), "info", "papers", (), (), start or steps[0].id, steps)


def library(*flows: Flow) -> Library:
    return Library(flows={f.id: f for f in flows}, files=len(flows))


def problem_line(text: str) -> re.Pattern[str]:
    """`FILE:LINE: FIELD: message` for one file."""
    return re.compile(rf"^{re.escape(text)}:(\d+): (\S+): (.+)$")


@dataclass
class Walk:
    """What exploring every branch of a flow found."""

    paths: int = 0
    ends: set[tuple[str, str]] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    visited: set[tuple[str, str]] = field(default_factory=set)


def walk(library: Library, flow_id: str, limit: int = 100_000) -> Walk:
    """Every path from the flow's start, with the real runner: each option of each choice,
    into other flows (`flow:ID`), `action:*` as an exit. Back after each branch must return
    exactly, with the choice made there; every path must end at an end step or an action."""
    runner = FlowRunner(library, flow_id)
    start = runner.position
    longest = library.step_count()  # a path longer than every step there is goes round
    found = Walk()
    way: list[int | None] = []  # the moves from the start: an option, or None to continue

    def replay() -> None:
        runner.restart()
        for move in way:
            runner.advance() if move is None else runner.choose(move)

    def explore() -> None:
        assert found.paths < limit, f"{flow_id}: more than {limit} paths"
        assert len(way) < longest, (
            f"{flow_id}: a path of {len(way)} steps goes round: {runner.position}"
        )
        here, step = runner.position, runner.step
        found.visited.add((here.flow, here.step))
        number, total = runner.progress()
        assert number == len(runner.history) + 1 == len(way) + 1
        assert 1 <= number <= total
        if step.type == "end":
            assert number == total, f"{here}: an end step is the last: {number} of {total}"
            found.ends.add((here.flow, here.step))
            found.paths += 1
            return
        if step.type == "choice":
            moves: list[int | None] = list(range(len(step.options)))
        else:
            moves = [] if step.next is None else [None]
        assert moves, f"{here}: no way out"
        for move in moves:
            target = step.next if move is None else step.options[move].next
            outcome = runner.advance() if move is None else runner.choose(move)
            if target is not None and target.startswith("action:"):
                found.actions.add(target)
                found.paths += 1
                if target == "action:restart":
                    assert outcome.position == start and runner.history == []
                    replay()
                else:
                    assert outcome.action == target.removeprefix("action:")
                    assert runner.position == here
                continue
            assert outcome.position == runner.position != here
            way.append(move)
            explore()
            way.pop()
            assert runner.back() == here
            assert runner.chosen() == move

    explore()
    return found
