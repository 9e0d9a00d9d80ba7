"""All the flows of a folder, checked together (ids unique, `flow:ID` targets exist)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.flows.checks import step_links
from kiosk.flows.loader import _Parsed, _read
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
    """Every *.yaml under `folder`; a file with problems is left out and its problems kept.

    Then what spans files: a flow id declared by two files, a `flow:ID` to a flow that is
    missing or left out, flows that lead round in a loop. A flow with such a problem is left
    out too (a running kiosk must not offer a way that leads nowhere or never ends).
    """
    library = Library()
    if not folder.is_dir():
        library.problems.append(FlowProblem(str(folder), None, "", "no such folder"))
        return library
    declared: dict[str, list[tuple[Path, _Parsed]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        library.files += 1
        parsed = _read(path)
        library.problems.extend(parsed.problems)
        if parsed.declared_id is not None:
            declared.setdefault(parsed.declared_id, []).append((path, parsed))
    sources: dict[str, str] = {}  # flow id -> the file that holds it (it may have problems)
    for flow_id, files in declared.items():
        owner, owned = next((f for f in files if f[0].stem == flow_id), files[0])
        sources[flow_id] = str(owner)
        for path, parsed in files:
            if path != owner:
                again = f"flow id {flow_id!r} is already used by {owner}"
                library.problems.append(FlowProblem(str(path), parsed.id_line, "id", again))
        if owned.flow is not None:
            library.flows[flow_id] = owned.flow
    while True:
        _check_links(library, sources)
        if not _check_flow_loops(library):
            break
    library.problems.sort(key=lambda p: (p.file, p.line or 0, p.path))
    return library


def _flow_links(flow: Flow) -> list[tuple[str, str]]:
    """(field path, flow id) for every `flow:ID` of the flow."""
    return [
        (path, target.removeprefix(FLOW_PREFIX))
        for _, path, target in step_links(flow)
        if target.startswith(FLOW_PREFIX)
    ]


def flow_links(flow: Flow) -> list[str]:
    return [flow_id for _, flow_id in _flow_links(flow)]


def _check_links(library: Library, sources: dict[str, str]) -> None:
    """`flow:ID` targets must name a loaded flow; a flow that links to a missing one goes,
    and then so does a flow that links to it."""
    changed = True
    while changed:
        changed = False
        for flow in list(library.flows.values()):
            links = _flow_links(flow)
            missing = [(path, wanted) for path, wanted in links if wanted not in library.flows]
            for path, wanted in missing:
                if wanted in sources:
                    why = f"which is left out because of its problems (see {sources[wanted]})"
                else:
                    why = "which is not in the library"
                message = f"leads to flow {wanted!r}, {why}"
                library.problems.append(FlowProblem(flow.source, flow.line(path), path, message))
            if missing:
                del library.flows[flow.id]
                changed = True


def _check_flow_loops(library: Library) -> bool:
    """Flows that lead back to themselves (a → b → a) would make progress endless: each flow
    of a loop is reported at its link to the next one, and left out. True if one was found."""
    state: dict[str, int] = {}  # 1: being visited, 2: done

    def visit(flow_id: str, trail: list[str]) -> list[str] | None:
        state[flow_id] = 1
        for _, linked in _flow_links(library.flows[flow_id]):
            if linked not in library.flows:
                continue
            if state.get(linked) == 1:
                return [*trail[trail.index(linked) :], linked]
            if state.get(linked) is None and (found := visit(linked, [*trail, linked])):
                return found
        state[flow_id] = 2
        return None

    loop = None
    for flow_id in sorted(library.flows):
        if flow_id not in state and (loop := visit(flow_id, [flow_id])):
            break
    if not loop:
        return False
    cycle = loop[:-1]
    for k, flow_id in enumerate(cycle):
        flow = library.flows[flow_id]
        following = cycle[k + 1 :] + cycle[: k + 1]
        path = next(p for p, linked in _flow_links(flow) if linked == following[0])
        shown = " → ".join([flow_id, *following])
        library.problems.append(
            FlowProblem(flow.source, flow.line(path), path, f"flows lead round in a loop: {shown}")
        )
    for flow_id in cycle:
        del library.flows[flow_id]
    return True


def unknown_pictograms(library: Library, known: set[str]) -> list[FlowProblem]:
    """Pictograms the kiosk does not have (a running kiosk shows the info sign instead)."""
    problems = []
    for flow in library.flows.values():
        uses = [("icon", flow.icon)]
        for i, step in enumerate(flow.steps):
            uses.append((f"steps[{i}].icon", step.icon))
            uses += [(f"steps[{i}].options[{j}].icon", o.icon) for j, o in enumerate(step.options)]
        for path, icon in uses:
            if icon not in known:
                problems.append(
                    FlowProblem(flow.source, flow.line(path), path, f"no pictogram named {icon!r}")
                )
    return problems
