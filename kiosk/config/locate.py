"""Finds the line of a key path (`home.tiles[2].label`) in a TOML text.

tomllib gives line numbers only for syntax errors; this scan gives them for the
problems the schema finds, so an IT technician can go straight to the line. It reads
only files tomllib has already accepted, so it can be approximate about TOML corners
(a path it cannot place falls back to its nearest enclosing key or table).
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=(.*)$")
_INDEX = re.compile(r"\[\d+\]$")
_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")


def _clean(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def _code(text: str) -> str:
    """`text` without its strings and comment, to count brackets safely."""
    return _STRING.sub('""', text).split("#", 1)[0]


def _depth_change(text: str) -> int:
    code = _code(text)
    return code.count("[") + code.count("{") - code.count("]") - code.count("}")


def _opens_multiline_string(text: str) -> str | None:
    for delimiter in ('"""', "'''"):
        if text.count(delimiter) % 2 == 1:
            return delimiter
    return None


def key_lines(text: str) -> dict[str, int]:
    """Maps every key path and table path that appears in `text` to its first line (1-based)."""
    lines: dict[str, int] = {}
    prefix = ""
    array_counts: dict[str, int] = {}
    in_string: str | None = None  # the delimiter of the multi-line string being skipped
    depth = 0  # brackets still open from a value that spans several lines
    value_path = ""  # the key whose multi-line value is being read
    item = 0  # index of the next inline table in that value
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if in_string in line:
                in_string = None
            continue
        if depth > 0:
            if depth == 1 and line.lstrip().startswith("{"):
                lines.setdefault(f"{value_path}[{item}]", number)
                item += 1
            depth += _depth_change(line)
            in_string = _opens_multiline_string(line)
            continue
        if match := _ARRAY_HEADER.match(line):
            name = _clean(match.group(1))
            index = array_counts.get(name, 0)
            array_counts[name] = index + 1
            prefix = f"{name}[{index}]"
            lines.setdefault(name, number)
        elif match := _TABLE_HEADER.match(line):
            prefix = _clean(match.group(1))
        elif match := _KEY.match(line):
            # A dotted key (`session.idle_timeout_s = 5`) also opens its parent tables.
            parts = _clean(match.group(1)).split(".")
            for end in range(1, len(parts) + 1):
                path = ".".join((prefix, *parts[:end])) if prefix else ".".join(parts[:end])
                lines.setdefault(path, number)
            value = match.group(2)
            depth = max(_depth_change(value), 0)
            value_path, item = path, 0
            in_string = _opens_multiline_string(value)
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
