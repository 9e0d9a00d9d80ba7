"""YAML to plain Python, keeping the line of every key path (`steps[2].options[0].next`).

PyYAML's composer gives each node its position; converting the node tree ourselves keeps
those lines, so a problem is reported where the editor must look. Duplicate keys, which
PyYAML silently accepts, are reported too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from kiosk.flows.model import line_of

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YamlError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Located:
    """The document as dicts, lists and scalars, and the line of each key path."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    def line(self, path: str) -> int | None:
        return line_of(self.lines, path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _syntax_error(error: yaml.MarkedYAMLError) -> YamlError:
    """The line to look at and a plain message for a YAML syntax error."""
    problem = str(error.problem or error)
    # An unclosed quote is found at the end of the file: the quote's line is the one to fix.
    quote = error.context_mark is not None and "quoted scalar" in str(error.context or "")
    mark = error.context_mark if quote else (error.problem_mark or error.context_mark)
    line = mark.line + 1 if mark is not None else None
    if quote:
        message = "a quote opened on this line is never closed"
    elif "mapping values are not allowed" in problem:
        message = f"{problem} (a text containing ': ' must be put in quotes)"
    elif "tab" in problem:
        message = f"{problem} (indent with spaces, not tabs)"
    else:
        message = problem
    return YamlError(f"not valid YAML: {message}", line)


def load(text: str) -> Located:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error) from None
    except yaml.YAMLError as error:  # the reader: control characters and the like
        position = getattr(error, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        raise YamlError(f"not valid YAML: {reason}", line) from None
    located = Located(None)
    if node is None:
        return located
    constructor = yaml.constructor.SafeConstructor()
    active: set[int] = set()  # the nodes being converted: an alias to one of them loops

    def construct(current: yaml.Node) -> Any:
        try:
            return constructor.construct_object(current, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as error:
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            line = current.start_mark.line + 1
            raise YamlError(f"cannot read this value ({problem}): put it in quotes", line) from None

    def convert(current: yaml.Node, path: str) -> Any:
        line = current.start_mark.line + 1
        located.lines.setdefault(path, line)
        if id(current) in active:
            raise YamlError("not valid YAML: an alias (*name) refers to itself", line)
        if isinstance(current, yaml.MappingNode):
            active.add(id(current))
            result: dict[Any, Any] = {}
            for key_node, value_node in current.value:
                key = construct(key_node)
                key_line = key_node.start_mark.line + 1
                try:
                    hash(key)
                except TypeError:
                    raise YamlError(
                        "not valid YAML: a key must be a word, not a list or mapping", key_line
                    ) from None
                child = _join(path, str(key))
                if key in result:
                    located.duplicates.append((child, key_line))
                    continue
                located.lines[child] = key_line
                result[key] = convert(value_node, child)
            active.discard(id(current))
            return result
        if isinstance(current, yaml.SequenceNode):
            active.add(id(current))
            items = [convert(item, f"{path}[{i}]") for i, item in enumerate(current.value)]
            active.discard(id(current))
            return items
        return construct(current)

    located.data = convert(node, "")
    return located
