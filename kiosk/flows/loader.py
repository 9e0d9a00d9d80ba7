"""Reads one flow file into a `Flow`, reporting every problem with file, line and field.

Structure is checked here (keys, types, required fields, texts with French, step types,
actions, format version); the graph (targets, reachability, ways out, loops, sites) is
checked in `checks.py`, and what spans several files in `library.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.flows import migrate
from kiosk.flows.model import (
    FLOW_PREFIX,
    FORMAT_VERSION,
    PRINT_DOCUMENTS,
    PRINT_FORMATS,
    STEP_TYPES,
    THEMES,
    Flow,
    Option,
    Place,
    Step,
    Text,
)
from kiosk.flows.problems import FlowProblem
from kiosk.flows.yamlsource import Located, YamlError, load
from kiosk.i18n.languages import shipped_codes

IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ACTIONS = ("home", "help", "restart")
ACTION_PREFIX = "action:"

FLOW_KEYS = {
    "format",
    "id",
    "title",
    "icon",
    "theme",
    "organisations",
    "sites",
    "start",
    "steps",
    "help",
}
COMMON_STEP_KEYS = {"id", "type", "title", "text", "icon", "next"}
STEP_KEYS: dict[str, set[str]] = {
    "info": set(),
    "choice": {"options"},
    "checklist": {"items"},
    "web": {"url", "site_name"},
    "print": {"document", "format"},
    "directory": {"places"},
    "help": set(),
    "end": {"todo"},
}
OPTION_KEYS = {"label", "next", "icon"}
PLACE_KEYS = {"name", "helps_with", "address", "hours", "phone", "languages"}


class _Reader:
    def __init__(self, file: str, located: Located) -> None:
        self.file = file
        self.located = located
        self.context = ""  # the flow's id, for the translators' catalogs
        self.problems: list[FlowProblem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(FlowProblem(self.file, self.located.line(path), path, message))

    def keys(self, data: dict[str, Any], allowed: set[str], path: str, what: str) -> None:
        for key in data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(_join(path, str(key)), f"unknown key for {what} (known: {known})")

    def mapping(self, value: Any, path: str, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, f"{what} must be a mapping of keys and values")
            return None
        return value

    def string(
        self, data: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(_join(path, key), "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(_join(path, key), _not_text(value))
            return None
        return value.strip()

    def identifier(
        self, data: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> str | None:
        value = self.string(data, key, path, required=required)
        if value is not None and not IDENTIFIER.match(value):
            self.problem(
                _join(path, key), f"{value!r} must be lowercase letters, digits and dashes"
            )
            return None
        return value

    def text(
        self, data: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> Text | None:
        value = data.get(key)
        where = _join(path, key)
        if value is None:
            if required:
                self.problem(where, "is required")
            return None
        return self.text_value(value, where)

    def text_value(self, value: Any, where: str) -> Text | None:
        if isinstance(value, str):
            value = {"fr": value}
        if isinstance(value, bool | int | float | date):
            self.problem(where, _not_text(value))
            return None
        if not isinstance(value, dict):
            self.problem(where, "must be a text, or a mapping of language codes to texts")
            return None
        shipped = shipped_codes()
        pairs = []
        for code, words in value.items():
            if code not in shipped:
                known = ", ".join(shipped)
                self.problem(f"{where}.{code}", f"unknown language {code!r} (shipped: {known})")
                continue
            if not isinstance(words, str) or not words.strip():
                self.problem(f"{where}.{code}", _not_text(words))
                continue
            pairs.append((str(code), " ".join(words.split())))
        if "fr" not in value:
            self.problem(where, "has no French text (`fr`), the language every text starts from")
            return None
        if not any(code == "fr" for code, _ in pairs):
            return None
        return Text(tuple(pairs), self.context)

    def texts(self, data: dict[str, Any], key: str, path: str) -> tuple[Text, ...]:
        values = data.get(key)
        if not isinstance(values, list) or not values:
            self.problem(_join(path, key), "must be a list with at least one text")
            return ()
        found = [self.text_value(v, f"{_join(path, key)}[{i}]") for i, v in enumerate(values)]
        return tuple(t for t in found if t is not None)

    def target(self, data: dict[str, Any], key: str, path: str) -> str | None:
        value = self.string(data, key, path)
        if value is None:
            return None
        if value.startswith(ACTION_PREFIX):
            action = value.removeprefix(ACTION_PREFIX)
            if action not in ACTIONS:
                known = ", ".join(ACTION_PREFIX + a for a in ACTIONS)
                self.problem(_join(path, key), f"unknown action {value!r} (known: {known})")
                return None
        elif value.startswith(FLOW_PREFIX):
            if not IDENTIFIER.match(value.removeprefix(FLOW_PREFIX)):
                self.problem(
                    _join(path, key), f"{value!r}: a flow id is lowercase letters, digits, dashes"
                )
                return None
        elif not IDENTIFIER.match(value):
            self.problem(
                _join(path, key), f"{value!r} is not a step id, `flow:ID` or `action:NAME`"
            )
            return None
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _not_text(value: Any) -> str:
    """Why `value` is not a text, in words an editor can act on."""
    if isinstance(value, bool):
        kind = "a yes/no value"
    elif isinstance(value, int | float):
        kind = "a number"
    elif isinstance(value, date):
        kind = "a date"
    elif isinstance(value, list):
        return "must be a text, not a list"
    elif isinstance(value, dict):
        return "must be a text, not a mapping"
    else:
        return "must be a non-empty text"
    return f"is read as {kind}, not as a text: put it in quotes"


def _a(kind: str) -> str:
    """'a choice step', 'an info step', 'an end step'."""
    return f"an {kind} step" if kind[:1] in "aeiou" else f"a {kind} step"


def _options(reader: _Reader, data: dict[str, Any], path: str) -> tuple[Option, ...]:
    values = data.get("options")
    where = _join(path, "options")
    if not isinstance(values, list):
        reader.problem(where, "a choice needs `options`: a list of 2 to 6 buttons")
        return ()
    if not 2 <= len(values) <= 6:
        reader.problem(where, f"a choice has 2 to 6 buttons, not {len(values)}")
    options = []
    for index, value in enumerate(values):
        here = f"{where}[{index}]"
        option = reader.mapping(value, here, "an option")
        if option is None:
            continue
        reader.keys(option, OPTION_KEYS, here, "an option")
        label = reader.text(option, "label", here)
        target = reader.target(option, "next", here)
        icon = reader.identifier(option, "icon", here, required=False) or "info"
        if label is not None and target is not None:
            options.append(Option(label, target, icon))
    return tuple(options)


def _places(reader: _Reader, data: dict[str, Any], path: str) -> tuple[Place, ...]:
    values = data.get("places")
    where = _join(path, "places")
    if not isinstance(values, list) or not values:
        reader.problem(where, "a directory step lists at least one place")
        return ()
    places = []
    for index, value in enumerate(values):
        here = f"{where}[{index}]"
        place = reader.mapping(value, here, "a place")
        if place is None:
            continue
        reader.keys(place, PLACE_KEYS, here, "a place")
        name = reader.string(place, "name", here)
        helps = reader.text(place, "helps_with", here)
        address = reader.string(place, "address", here)
        hours = reader.text(place, "hours", here)
        phone = reader.string(place, "phone", here, required=False) or ""
        languages = place.get("languages", ["fr"])
        if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
            reader.problem(_join(here, "languages"), "must be a list of language names or codes")
            languages = ["fr"]
        if name and helps and address and hours:
            places.append(Place(name, helps, address, hours, phone, tuple(languages)))
    return tuple(places)


def _step(reader: _Reader, value: Any, path: str) -> Step | None:
    data = reader.mapping(value, path, "a step")
    if data is None:
        return None
    step_id = reader.identifier(data, "id", path)
    kind = reader.string(data, "type", path)
    if kind is not None and kind not in STEP_TYPES:
        known = ", ".join(STEP_TYPES)
        reader.problem(_join(path, "type"), f"unknown step type {kind!r} (known: {known})")
        return None
    if kind is None:
        return None
    reader.keys(data, COMMON_STEP_KEYS | STEP_KEYS[kind], path, _a(kind))
    title = reader.text(data, "title", path)
    text = reader.text(data, "text", path, required=False)
    icon = reader.identifier(data, "icon", path, required=False) or "info"
    next_ = _next(reader, kind, data, path)
    fields = _step_fields(reader, kind, data, path)
    if step_id is None or title is None:
        return None
    line = reader.located.line(path) or 0
    return Step(step_id, kind, title, text, icon, next_, line=line, **fields)  # type: ignore[arg-type]


def _next(reader: _Reader, kind: str, data: dict[str, Any], path: str) -> str | None:
    if kind in ("choice", "end"):
        if "next" in data:
            why = "its buttons say where to go" if kind == "choice" else "it is the last step"
            reader.problem(_join(path, "next"), f"{_a(kind)} has no `next`: {why}")
        return None
    if "next" not in data:
        reader.problem(path, f"{_a(kind)} needs `next`: without it the resident has no way out")
        return None
    return reader.target(data, "next", path)


def _step_fields(reader: _Reader, kind: str, data: dict[str, Any], path: str) -> dict[str, Any]:
    """The fields of one step type (`options` of a choice, `url` of a web step...)."""
    fields: dict[str, Any] = {}
    if kind == "choice":
        fields["options"] = _options(reader, data, path)
    elif kind == "checklist":
        fields["items"] = reader.texts(data, "items", path)
    elif kind == "web":
        fields["url"] = reader.string(data, "url", path)
        fields["site_name"] = reader.string(data, "site_name", path)
        if fields["url"] is not None and not fields["url"].startswith("https://"):
            reader.problem(_join(path, "url"), "must be an https:// address")
    elif kind == "print":
        fields["document"] = _choice(reader, data, "document", path, PRINT_DOCUMENTS)
        fields["format"] = _choice(reader, data, "format", path, PRINT_FORMATS)
    elif kind == "directory":
        fields["places"] = _places(reader, data, path)
    elif kind == "end":
        fields["todo"] = reader.texts(data, "todo", path) if "todo" in data else ()
    return fields


def _choice(
    reader: _Reader, data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]
) -> str | None:
    value = reader.string(data, key, path)
    if value is not None and value not in allowed:
        reader.problem(_join(path, key), f"must be one of {', '.join(allowed)}, not {value!r}")
        return None
    return value


def _sites(reader: _Reader, data: dict[str, Any]) -> tuple[str, ...]:
    values = data.get("sites", [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        reader.problem("sites", "must be a list of https:// addresses (host and optional path)")
        return ()
    for index, value in enumerate(values):
        if not value.startswith("https://"):
            reader.problem(f"sites[{index}]", f"{value!r} must start with https://")
        elif not value.removeprefix("https://").split("/", 1)[0]:
            reader.problem(f"sites[{index}]", f"{value!r} has no host (https://www.example.fr/)")
    return tuple(values)


@dataclass
class _Parsed:
    """What reading a file gave: the flow (None with problems), and the id the file declares,
    known even when the flow has problems (the library checks that ids are unique)."""

    flow: Flow | None
    problems: list[FlowProblem]
    declared_id: str | None = None
    id_line: int | None = None


def parse(text: str, file: str) -> tuple[Flow | None, list[FlowProblem]]:
    """Reads one flow; returns it (or None) and every problem found."""
    parsed = _parse(text, file)
    return parsed.flow, parsed.problems


def _parse(text: str, file: str) -> _Parsed:
    try:
        located = load(text)
    except YamlError as error:
        return _Parsed(None, [FlowProblem(file, error.line, "", str(error))])
    reader = _Reader(file, located)
    for path, line in located.duplicates:
        first = located.lines.get(path)
        again = f"is given twice (first on line {first})" if first else "is given twice"
        reader.problems.append(FlowProblem(file, line, path, again))
    data = reader.mapping(located.data, "", "a flow file")
    if data is None:
        return _Parsed(None, reader.problems)
    declared = data.get("id")
    declared = declared.strip() if isinstance(declared, str) else None
    declared_id = declared if declared and IDENTIFIER.match(declared) else None
    id_line = located.lines.get("id")
    reader.context = declared_id or ""

    upgraded = _upgraded(reader, data)
    flow = None if upgraded is None else _flow(reader, upgraded)
    if flow is not None:
        from kiosk.flows.checks import check_flow

        reader.problems += check_flow(flow, located, file)
    problems = sorted(reader.problems, key=_order)
    return _Parsed(flow if not problems else None, problems, declared_id, id_line)


def _upgraded(reader: _Reader, data: dict[str, Any]) -> dict[str, Any] | None:
    """The file's mapping in today's format, or None when its format is missing or unknown."""
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        reader.problem("format", f"is required: the format version, {FORMAT_VERSION} today")
        return None
    if version == FORMAT_VERSION:
        return data
    upgraded = migrate.upgrade(data, version)
    if upgraded is None:
        known = ", ".join(str(v) for v in migrate.known_versions())
        reader.problem("format", f"format {version} is not known to this kiosk (known: {known})")
    return upgraded


def _flow(reader: _Reader, data: dict[str, Any]) -> Flow | None:
    """The flow of a mapping in today's format (None if a problem stops it from being built);
    problems go to `reader`."""
    reader.keys(data, FLOW_KEYS, "", "a flow")
    flow_id = reader.identifier(data, "id", "")
    title = reader.text(data, "title", "")
    icon = reader.identifier(data, "icon", "", required=False) or "info"
    theme = _choice(reader, data, "theme", "", THEMES)
    organisations = data.get("organisations", [])
    if not isinstance(organisations, list) or not all(isinstance(o, str) for o in organisations):
        reader.problem("organisations", "must be a list of names")
        organisations = []
    sites = _sites(reader, data)
    help_text = reader.text(data, "help", "", required=False)
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        reader.problem("steps", "a flow needs a list of steps")
        return None
    read_steps = [
        (i, step)
        for i, value in enumerate(raw_steps)
        if (step := _step(reader, value, f"steps[{i}]")) is not None
    ]
    steps = [step for _, step in read_steps]
    seen: dict[str, int] = {}
    for index, step in read_steps:  # the index in the file, even when a step before is unreadable
        if step.id in seen:
            first = reader.located.line(f"steps[{seen[step.id]}].id")
            twice = f"step id {step.id!r} is used twice (first on line {first})"
            reader.problem(f"steps[{index}].id", twice)
        seen.setdefault(step.id, index)
    first_step = steps[0].id if steps else None
    start = reader.identifier(data, "start", "", required=False) or first_step
    if start is not None and start not in seen:
        reader.problem("start", f"no step has the id {start!r}")
    if reader.problems or flow_id is None or title is None or theme is None or start is None:
        return None
    if Path(reader.file).stem != flow_id:
        reader.problem("id", f"the file of flow {flow_id!r} must be named {flow_id}.yaml")
    return Flow(
        flow_id,
        FORMAT_VERSION,
        title,
        icon,
        theme,
        tuple(organisations),
        sites,
        start,
        tuple(steps),
        help_text,
        reader.file,
        lines=dict(reader.located.lines),
    )


def _order(problem: FlowProblem) -> tuple[int, str]:
    return (problem.line or 0, problem.path)


def read(path: Path) -> tuple[Flow | None, list[FlowProblem]]:
    parsed = _read(path)
    return parsed.flow, parsed.problems


def _read(path: Path) -> _Parsed:
    try:
        raw = path.read_bytes()
    except OSError as error:
        unreadable = FlowProblem(str(path), None, "", f"cannot be read: {error.strerror}")
        return _Parsed(None, [unreadable])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8 text ({error.reason}): save the file as UTF-8"
        return _Parsed(None, [FlowProblem(str(path), line, "", message)])
    return _parse(text, str(path))


Check = Callable[[Flow], list[FlowProblem]]
