"""Checks on a flow's graph: targets exist, every step is reachable, no loops, sites allowed.

A flow is a directed graph of steps that must not loop (so that progress, "Étape 2 sur 5",
is well defined) and in which every path ends: at an end step, in another flow
(`flow:ID`) or with an action (`action:home`...).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kiosk.flows.loader import ACTION_PREFIX
from kiosk.flows.model import FLOW_PREFIX, Flow
from kiosk.flows.problems import FlowProblem
from kiosk.flows.yamlsource import Located


def leaves_flow(target: str) -> bool:
    return target.startswith((FLOW_PREFIX, ACTION_PREFIX))


def site_allowed(url: str, sites: tuple[str, ...]) -> bool:
    """True when `url` is on one of `sites` (same host, and under the site's path if any)."""
    target = urlsplit(url)
    for site in sites:
        allowed = urlsplit(site)
        if target.scheme != "https" or target.hostname != allowed.hostname:
            continue
        prefix = allowed.path or "/"
        if target.path.startswith(prefix) or target.path + "/" == prefix:
            return True
    return False


def check_flow(flow: Flow, located: Located, file: str) -> list[FlowProblem]:
    problems: list[FlowProblem] = []
    index = {step.id: i for i, step in enumerate(flow.steps)}

    def problem(path: str, message: str) -> None:
        problems.append(FlowProblem(file, located.line(path), path, message))

    for i, step in enumerate(flow.steps):
        paths = [f"steps[{i}].options[{j}].next" for j in range(len(step.options))]
        targets = [option.next for option in step.options]
        if step.next is not None:
            paths.append(f"steps[{i}].next")
            targets.append(step.next)
        for path, target in zip(paths, targets, strict=True):
            if not leaves_flow(target) and target not in index:
                problem(path, f"points to {target!r}, but no step has that id")
        if step.type == "web" and step.url and not site_allowed(step.url, flow.sites):
            problem(f"steps[{i}].url", f"{step.url} is not on the flow's `sites` allow-list")
        if step.type == "print" and step.document == "checklist":
            if not any(s.type == "checklist" for s in flow.steps):
                problem(f"steps[{i}].document", "prints a checklist, but the flow has no checklist step")
    if problems:
        return problems

    reached: set[str] = set()
    pending = [flow.start]
    while pending:
        current = pending.pop()
        if current in reached:
            continue
        reached.add(current)
        pending.extend(t for t in flow.step(current).targets() if not leaves_flow(t))
    for step in flow.steps:
        if step.id not in reached:
            problem(f"steps[{index[step.id]}].id", f"step {step.id!r} cannot be reached from {flow.start!r}")

    loop = _find_loop(flow)
    if loop:
        first = loop[0]
        problem(f"steps[{index[first]}].id", "the steps go round in a loop: " + " → ".join(loop))
    return problems


def _find_loop(flow: Flow) -> list[str]:
    state: dict[str, int] = {}  # 1: being visited, 2: done
    trail: list[str] = []

    def visit(step_id: str) -> list[str]:
        state[step_id] = 1
        trail.append(step_id)
        for target in flow.step(step_id).targets():
            if leaves_flow(target):
                continue
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if state.get(target) is None and (found := visit(target)):
                return found
        trail.pop()
        state[step_id] = 2
        return []

    for step in flow.steps:
        if step.id not in state and (found := visit(step.id)):
            return found
    return []
