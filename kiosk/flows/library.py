"""All the flows of a folder, checked together (ids unique, `flow:ID` targets exist)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.flows.loader import read
from kiosk.flows.model import FLOW_PREFIX, Flow
from kiosk.flows.problems import FlowProblem

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "flows"


@dataclass
class Library:
    flows: dict[str, Flow] = field(default_factory=dict)
    problems: list[FlowProblem] = field(default_factory=list)
    files: int = 0

    def get(self, flow_id: str) -> Flow | None:
        return self.flows.get(flow_id)

    def step_count(self) -> int:
        return sum(len(flow.steps) for flow in self.flows.values())

    def summary(self) -> dict[str, object]:
        return {
            "ok": not self.problems,
            "files": self.files,
            "flows": len(self.flows),
            "steps": self.step_count(),
            "problems": [problem.as_dict() for problem in self.problems],
        }


def load_library(folder: Path = SHIPPED) -> Library:
    """Every *.yaml under `folder`; a file with problems is left out and its problems kept."""
    library = Library()
    if not folder.is_dir():
        library.problems.append(FlowProblem(str(folder), None, "", "no such folder"))
        return library
    for path in sorted(folder.glob("*.yaml")):
        library.files += 1
        flow, problems = read(path)
        library.problems.extend(problems)
        if flow is None:
            continue
        if flow.id in library.flows:
            other = library.flows[flow.id].source
            library.problems.append(
                FlowProblem(str(path), None, "id", f"flow id {flow.id!r} is already used by {other}")
            )
            continue
        library.flows[flow.id] = flow
    _check_links(library)
    return library


def _check_links(library: Library) -> None:
    """`flow:ID` targets must name a loaded flow; a flow that links to a missing one goes."""
    changed = True
    while changed:
        changed = False
        for flow in list(library.flows.values()):
            for step in flow.steps:
                for target in step.targets():
                    if not target.startswith(FLOW_PREFIX):
                        continue
                    wanted = target.removeprefix(FLOW_PREFIX)
                    if wanted not in library.flows:
                        library.problems.append(
                            FlowProblem(flow.source, step.line, f"steps.{step.id}",
                                        f"leads to flow {wanted!r}, which is not in the library")
                        )
                        library.flows.pop(flow.id, None)
                        changed = True
                        break
                if flow.id not in library.flows:
                    break
    _check_flow_loops(library)
    library.problems.sort(key=lambda p: (p.file, p.line or 0))


def flow_links(flow: Flow) -> list[str]:
    return [
        target.removeprefix(FLOW_PREFIX)
        for step in flow.steps
        for target in step.targets()
        if target.startswith(FLOW_PREFIX)
    ]


def _check_flow_loops(library: Library) -> None:
    """Flows that lead back to themselves (a → b → a) would make progress endless."""
    state: dict[str, int] = {}

    def visit(flow_id: str, trail: list[str]) -> None:
        state[flow_id] = 1
        for linked in flow_links(library.flows[flow_id]):
            if linked not in library.flows:
                continue
            if state.get(linked) == 1:
                loop = " → ".join([*trail[trail.index(linked) :], linked])
                flow = library.flows[flow_id]
                library.problems.append(
                    FlowProblem(flow.source, None, "steps", f"flows lead round in a loop: {loop}")
                )
            elif state.get(linked) is None:
                visit(linked, [*trail, linked])
        state[flow_id] = 2

    for flow_id in sorted(library.flows):
        if flow_id not in state:
            visit(flow_id, [flow_id])
