"""Writes a `Config` back as kiosk.toml text: the docs' examples, and tests' round trips.

Reading the text back with `parse()` gives an equal `Config`, which is how a test proves
the demo defaults obey the same rules as a file.
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

from kiosk.config.schema import Config


def toml_value(value: Any) -> str:
    """`value` (bool, int, float, str or a tuple of them) as a TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} has no place in kiosk.toml")
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are TOML basic-string escapes, except DEL, which TOML refuses raw.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_tables(value: Any) -> bool:
    return isinstance(value, tuple) and bool(value) and dataclasses.is_dataclass(value[0])


def table_lines(header: str, table: Any) -> list[str]:
    """`[header]` (or `[[header]]` when it starts with `[`) and the table's keys."""
    lines = [f"[{header}]"]
    for field in dataclasses.fields(table):
        value = getattr(table, field.name)
        if not _is_tables(value):
            lines.append(f"{field.name} = {toml_value(value)}")
    return lines


def to_toml(config: Config) -> str:
    """Every setting of `config`, section by section, arrays of tables after their section."""
    out: list[str] = []
    for section in dataclasses.fields(config):
        settings = getattr(config, section.name)
        out += [*table_lines(section.name, settings), ""]
        for field in dataclasses.fields(settings):
            value = getattr(settings, field.name)
            if _is_tables(value):
                for item in value:
                    out += [*table_lines(f"[{section.name}.{field.name}]", item), ""]
    return "\n".join(out).rstrip() + "\n"
