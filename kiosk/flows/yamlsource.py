"""YAML to plain Python, keeping the line of every key path (`steps[2].options[0].next`).

PyYAML's composer gives each node its position; converting the node tree ourselves keeps
those lines, so a problem is reported where the editor must look. Duplicate keys, which
PyYAML silently accepts, are reported too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

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
        while path:
            if path in self.lines:
                return self.lines[path]
            if path.endswith("]"):
                path = path[: path.rindex("[")]
            elif "." in path:
                path = path.rsplit(".", 1)[0]
            else:
                break
        return self.lines.get(path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def load(text: str) -> Located:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlError(f"not valid YAML: {error.problem or error}", line) from None
    located = Located(None)
    if node is None:
        return located
    constructor = yaml.constructor.SafeConstructor()

    def convert(current: yaml.Node, path: str) -> Any:
        located.lines.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in current.value:
                key = constructor.construct_object(key_node, deep=True)
                child = _join(path, str(key))
                if key in result:
                    located.duplicates.append((child, key_node.start_mark.line + 1))
                    continue
                located.lines[child] = key_node.start_mark.line + 1
                result[key] = convert(value_node, child)
            return result
        if isinstance(current, yaml.SequenceNode):
            return [convert(item, f"{path}[{i}]") for i, item in enumerate(current.value)]
        return constructor.construct_object(current, deep=True)

    located.data = convert(node, "")
    return located
