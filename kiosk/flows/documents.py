"""What a flow prints: the list of things to bring, or a summary of what to do next.

Plain data (a title and lines, in one language), so the print service can lay it out as
a ticket or an A4 page, Écouter can read it, and the preview can show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flows.model import Flow, Place, Step
from kiosk.flows.runner import FlowRunner


@dataclass(frozen=True)
class Document:
    title: str
    lines: tuple[str, ...]
    format: str = "ticket"
    places: tuple[Place, ...] = ()
    """A directory step's places: a ticket for one place carries its QR code."""

    def text(self) -> str:
        return "\n".join([self.title, "", *self.lines])


def _checklist_step(flow: Flow, runner: FlowRunner) -> Step | None:
    """The checklist the resident went through (the latest on their way), or the flow's first."""
    for frame in reversed(runner.history):
        if frame.position.flow == flow.id:
            step = flow.step(frame.position.step)
            if step.type == "checklist":
                return step
    return next((s for s in flow.steps if s.type == "checklist"), None)


def for_step(runner: FlowRunner, language: str, place: int | None = None) -> Document:
    """The document the current step offers to print (`place`: one place of a directory)."""
    flow, step = runner.flow, runner.step
    title = flow.title.get(language)
    fmt = step.format or "ticket"
    if step.type == "directory" and place is not None:
        one = step.places[place]
        found = (one.address, one.hours.get(language), *((one.phone,) if one.phone else ()))
        return Document(one.name, found, fmt, (one,))
    if step.type == "checklist" or step.document == "checklist":
        source = step if step.type == "checklist" else _checklist_step(flow, runner)
        items = source.items if source is not None else ()
        return Document(title, tuple("[ ] " + item.get(language) for item in items), fmt)
    if step.type == "directory":
        lines: list[str] = []
        for entry in step.places:
            lines += [entry.name, entry.address, entry.hours.get(language)]
            lines += [entry.phone] if entry.phone else []
            lines.append("")
        return Document(title, tuple(lines[:-1]), fmt, step.places)
    lines = [item.get(language) for item in step.todo]
    if step.text is not None:
        lines.insert(0, step.text.get(language))
    if flow.help is not None:
        lines.append(flow.help.get(language))
    return Document(title, tuple(lines), fmt)
