"""Finds the line of a key path (`home.tiles[2].label`) in a TOML text.

tomllib gives line numbers only for syntax errors; this scan gives them for the
problems the schema finds, so an IT technician can go straight to the line.
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")
_INDEX = re.compile(r"\[\d+\]$")


def _clean(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def key_lines(text: str) -> dict[str, int]:
    """Maps every key path and table path that appears in `text` to its first line (1-based)."""
    lines: dict[str, int] = {}
    prefix = ""
    array_counts: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0] if '"' not in raw and "'" not in raw else raw
        if match := _ARRAY_HEADER.match(line):
            name = _clean(match.group(1))
            index = array_counts.get(name, 0)
            array_counts[name] = index + 1
            prefix = f"{name}[{index}]"
            lines.setdefault(name, number)
        elif match := _TABLE_HEADER.match(line):
            prefix = _clean(match.group(1))
        elif match := _KEY.match(line):
            key = _clean(match.group(1))
            prefix_dot = f"{prefix}." if prefix else ""
            lines.setdefault(prefix_dot + key, number)
            continue
        else:
            continue
        lines.setdefault(prefix, number)
    return lines


def line_of(lines: dict[str, int], path: str) -> int | None:
    """The line of `path`, or of its nearest enclosing key or table."""
    while path:
        if path in lines:
            return lines[path]
        if _INDEX.search(path):
            path = _INDEX.sub("", path)
        elif "." in path:
            path = path.rsplit(".", 1)[0]
        else:
            return None
    return None
