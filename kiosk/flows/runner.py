"""The flow runner: where the resident is, how they got there, and how far is left.

A state machine with history. Each move pushes the step the resident leaves, with the
choice they made there, so Back returns exactly where they were and shows what they had
chosen. Progress counts the steps actually taken and the longest way still possible to an
end, so "Étape 2 sur 5" never goes backwards unless the resident does. No widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kiosk.flows.library import Library
from kiosk.flows.loader import ACTION_PREFIX
from kiosk.flows.model import FLOW_PREFIX, Flow, Step


@dataclass(frozen=True)
class Position:
    flow: str
    step: str


@dataclass(frozen=True)
class Outcome:
    """What a move led to: a new step, or an action for the shell (home, help, restart)."""

    position: Position | None = None
    action: str | None = None


@dataclass
class _Frame:
    position: Position
    choice: int | None


@dataclass
class FlowRunner:
    library: Library
    first_flow: str
    history: list[_Frame] = field(default_factory=list)
    choices: dict[Position, int] = field(default_factory=dict)
    checked: dict[Position, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        flow = self._flow(self.first_flow)
        self.position = Position(flow.id, flow.start)
        self._longest = cache(self._longest_from)

    def _flow(self, flow_id: str) -> Flow:
        flow = self.library.get(flow_id)
        if flow is None:
            raise KeyError(f"no flow {flow_id!r}")
        return flow

    @property
    def flow(self) -> Flow:
        return self._flow(self.position.flow)

    @property
    def step(self) -> Step:
        return self.flow.step(self.position.step)

    def can_go_back(self) -> bool:
        return bool(self.history)

    def chosen(self) -> int | None:
        """The option chosen at this step last time (shown when the resident comes back)."""
        return self.choices.get(self.position)

    def advance(self) -> Outcome:
        """Continue from a step with a single way on (info, checklist, web, print...)."""
        step = self.step
        if step.next is None:
            raise ValueError(f"step {step.id!r} has no `next`: choose an option or end")
        return self._go(step.next, None)

    def choose(self, index: int) -> Outcome:
        step = self.step
        if not 0 <= index < len(step.options):
            raise IndexError(f"step {step.id!r} has no option {index}")
        self.choices[self.position] = index
        return self._go(step.options[index].next, index)

    def toggle(self, item: int) -> frozenset[int]:
        """Ticks or unticks a checklist item ("I have it")."""
        step = self.step
        if not 0 <= item < len(step.items):
            raise IndexError(f"step {step.id!r} has no checklist item {item}")
        ticked = set(self.checked.get(self.position, frozenset()))
        ticked.symmetric_difference_update({item})
        self.checked[self.position] = frozenset(ticked)
        return self.checked[self.position]

    def back(self) -> Position:
        if not self.history:
            return self.position
        self.position = self.history.pop().position
        return self.position

    def restart(self) -> Position:
        """Back to the first step of the first flow, forgetting the way and the choices."""
        flow = self._flow(self.first_flow)
        self.history.clear()
        self.choices.clear()
        self.checked.clear()
        self.position = Position(flow.id, flow.start)
        return self.position

    def _go(self, target: str, choice: int | None) -> Outcome:
        if target.startswith(ACTION_PREFIX):
            action = target.removeprefix(ACTION_PREFIX)
            if action == "restart":
                return Outcome(self.restart())
            return Outcome(action=action)
        if target.startswith(FLOW_PREFIX):
            flow = self._flow(target.removeprefix(FLOW_PREFIX))  # raises before anything moves
            following = Position(flow.id, flow.start)
        else:
            following = Position(self.position.flow, target)
        self.history.append(_Frame(self.position, choice))
        self.position = following
        return Outcome(self.position)

    def progress(self) -> tuple[int, int]:
        """(this step's number, the total) along the way taken and the longest way left."""
        done = len(self.history) + 1
        return done, done + self._longest(self.position) - 1

    def _longest_from(self, position: Position) -> int:
        """Steps on the longest way from `position` to an end, counting it."""
        step = self._flow(position.flow).step(position.step)
        best = 0
        for target in step.targets():
            if target.startswith(ACTION_PREFIX):
                continue
            if target.startswith(FLOW_PREFIX):
                flow = self._flow(target.removeprefix(FLOW_PREFIX))
                best = max(best, self._longest(Position(flow.id, flow.start)))
            else:
                best = max(best, self._longest(Position(position.flow, target)))
        return 1 + best
