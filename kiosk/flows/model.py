"""The typed, frozen form of a flow file (see docs/flows.md for the YAML format)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FORMAT_VERSION = 1
THEMES = ("papers", "health", "family", "work", "housing", "taxes", "foreigners", "digital")
STEP_TYPES = ("info", "choice", "checklist", "web", "print", "directory", "help", "end")
PRINT_DOCUMENTS = ("summary", "checklist")
PRINT_FORMATS = ("ticket", "a4")
FLOW_PREFIX = "flow:"
"""A `next` of `flow:ID` continues in another flow (the triage flow routes this way)."""


@dataclass(frozen=True)
class Text:
    """A visible text in French (required) and other languages (easy-to-read French...)."""

    by_language: tuple[tuple[str, str], ...]
    context: str = ""
    """The flow's id: translators' catalogs (i18n/content/) file each text under it."""

    def get(self, language: str) -> str:
        """The text in `language`: its own version in the flow file, else the translators'
        catalog, else French (easy-to-read French falls back to French too)."""
        from kiosk.i18n import directed

        table = dict(self.by_language)
        if language in table:
            return directed(language, table[language])
        if language not in ("fr", "fr-falc"):
            from kiosk.i18n.content import translate

            found = translate(language, self.context, table["fr"])
            if found is not None:
                return directed(language, found)
        return table["fr"]

    @property
    def fr(self) -> str:
        return dict(self.by_language)["fr"]

    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.by_language)


@dataclass(frozen=True)
class Option:
    label: Text
    next: str
    icon: str = "info"


@dataclass(frozen=True)
class Place:
    """A place that helps residents (until the directory of local help lands)."""

    name: str
    helps_with: Text
    address: str
    hours: Text
    phone: str = ""
    languages: tuple[str, ...] = ("fr",)


@dataclass(frozen=True)
class Step:
    id: str
    type: Literal["info", "choice", "checklist", "web", "print", "directory", "help", "end"]
    title: Text
    text: Text | None = None
    icon: str = "info"
    next: str | None = None
    options: tuple[Option, ...] = ()
    items: tuple[Text, ...] = ()
    url: str | None = None
    site_name: str | None = None
    document: str | None = None
    format: str | None = None
    places: tuple[Place, ...] = ()
    todo: tuple[Text, ...] = ()
    line: int = 0

    def targets(self) -> tuple[str, ...]:
        """Where this step can lead: its `next` and each option's `next`."""
        found = [option.next for option in self.options]
        if self.next is not None:
            found.append(self.next)
        return tuple(found)


@dataclass(frozen=True)
class Flow:
    id: str
    format: int
    title: Text
    icon: str
    theme: str
    organisations: tuple[str, ...]
    sites: tuple[str, ...]
    start: str
    steps: tuple[Step, ...]
    help: Text | None = None
    source: str = ""
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each field path in the source file (`steps[2].next`: 31), for problems."""
    step_index: dict[str, Step] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Built here, never passed in: dataclasses.replace() must not share one between copies.
        object.__setattr__(self, "step_index", {step.id: step for step in self.steps})

    def step(self, step_id: str) -> Step:
        return self.step_index[step_id]

    def line(self, path: str) -> int | None:
        """The line of `path` (or of the nearest field that holds it) in the source file."""
        return line_of(self.lines, path)


def line_of(lines: dict[str, int], path: str) -> int | None:
    """The line of a field path (`steps[2].options[0].next`), else of the nearest field that
    holds it, else of the document's start (where a missing top-level key belongs)."""
    while path:
        if path in lines:
            return lines[path]
        if path.endswith("]"):
            path = path[: path.rindex("[")]
        elif "." in path:
            path = path.rsplit(".", 1)[0]
        else:
            break
    return lines.get(path, lines.get(""))
