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
    """True when `url` is on one of `sites`: https, same host and port, and under the site's
    path if any, segment by segment (`/particulier` allows `/particulier/...`, not
    `/particuliers`)."""
    try:
        target = urlsplit(url)
        target_port = target.port
    except ValueError:  # a port that is not a number
        return False
    if target.scheme != "https" or not target.hostname:
        return False
    if any(segment in (".", "..") for segment in target.path.split("/")):
        return False  # /particulier/../professionnel leaves the allowed path
    for site in sites:
        try:
            allowed = urlsplit(site)
            allowed_port = allowed.port
        except ValueError:
            continue
        if target.hostname != allowed.hostname or target_port != allowed_port:
            continue
        prefix = allowed.path.rstrip("/")
        if not prefix or target.path == prefix or target.path.startswith(prefix + "/"):
            return True
    return False


def check_flow(flow: Flow, located: Located, file: str) -> list[FlowProblem]:
    problems: list[FlowProblem] = []
    index = {step.id: i for i, step in enumerate(flow.steps)}

    def problem(path: str, message: str) -> None:
        problems.append(FlowProblem(file, located.line(path), path, message))

    for _, path, target in step_links(flow):
        if not leaves_flow(target) and target not in index:
            problem(path, f"points to {target!r}, but no step has that id")
    has_checklist = any(s.type == "checklist" for s in flow.steps)
    for i, step in enumerate(flow.steps):
        if step.type == "web" and step.url and not site_allowed(step.url, flow.sites):
            allowed = ", ".join(flow.sites) if flow.sites else "none yet"
            problem(f"steps[{i}].url", f"{step.url} is not on the flow's `sites` ({allowed})")
        if step.type == "print" and step.document == "checklist" and not has_checklist:
            missing = "prints a checklist, but the flow has no checklist step"
            problem(f"steps[{i}].document", missing)
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
            unreached = f"step {step.id!r} cannot be reached from {flow.start!r}"
            problem(f"steps[{index[step.id]}].id", unreached)

    loop = _find_loop(flow)
    if loop:
        steps, closing = loop
        # Reported at the `next` that leads back: the one to change.
        problem(closing, "the steps go round in a loop: " + " → ".join(steps))
    return problems


def step_links(flow: Flow) -> list[tuple[str, str, str]]:
    """(step id, field path, target) for every `next` of the flow, options first."""
    found = []
    for i, step in enumerate(flow.steps):
        for j, option in enumerate(step.options):
            found.append((step.id, f"steps[{i}].options[{j}].next", option.next))
        if step.next is not None:
            found.append((step.id, f"steps[{i}].next", step.next))
    return found


def _find_loop(flow: Flow) -> tuple[list[str], str] | None:
    """The steps of a loop (`a → b → a`) and the path of the `next` that closes it."""
    links: dict[str, list[tuple[str, str]]] = {}
    for step_id, path, target in step_links(flow):
        if not leaves_flow(target):
            links.setdefault(step_id, []).append((path, target))
    state: dict[str, int] = {}  # 1: being visited, 2: done
    trail: list[str] = []

    def visit(step_id: str) -> tuple[list[str], str] | None:
        state[step_id] = 1
        trail.append(step_id)
        for path, target in links.get(step_id, []):
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target], path
            if state.get(target) is None and (found := visit(target)):
                return found
        trail.pop()
        state[step_id] = 2
        return None

    for step in flow.steps:
        if step.id not in state and (found := visit(step.id)):
            return found
    return None
