"""Generates docs/configuration.md from the schema (a test fails when it is stale)."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

from kiosk.config.loader import _type_name, meta_of
from kiosk.config.schema import SECTION_DOCS, Config

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"

HEADER = """<!-- DO NOT EDIT: generated from kiosk/config/schema.py by `make docs`. -->
# Configuration reference

The kiosk reads one TOML file: `/etc/kiosk/kiosk.toml`, or the file given with
`--config PATH`. Every key is optional; a key the kiosk does not know is refused.
Check a file before deploying it:

    kiosk check-config /etc/kiosk/kiosk.toml

It prints every problem with its key and line and exits 2, or exits 0 when the file is
valid. `kiosk --demo` runs on the defaults below, with no file at all.
"""


def _default(value: Any) -> str:
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, tuple):
        if value and dataclasses.is_dataclass(value[0]):
            return f"{len(value)} demo tiles (see below)"
        return "`[" + ", ".join(f'"{v}"' for v in value) + "]`"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    return f"`{value}`"


def _constraints(meta: Any) -> str:
    parts = []
    if meta.minimum is not None:
        parts.append(f"at least {meta.minimum:g}")
    if meta.maximum is not None:
        parts.append(f"at most {meta.maximum:g}")
    if meta.choices:
        parts.append("one of " + ", ".join(f"`{c}`" for c in meta.choices))
    if meta.min_items is not None:
        parts.append(f"at least {meta.min_items} items")
    if meta.max_items is not None:
        parts.append(f"at most {meta.max_items} items")
    if meta.pattern:
        parts.append(f"matches `{meta.pattern}`")
    return "; ".join(parts)


def _rows(cls: type[Any], prefix: str) -> list[str]:
    rows = []
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        meta = meta_of(field)
        if meta is None:
            continue
        default = field.default
        text = meta.description.replace("|", "\\|")
        if meta.example:
            text += f" Example: `{meta.example}`."
        rows.append(
            f"| `{prefix}{field.name}` | {_type_name(hints[field.name])} | {_default(default)} "
            f"| {text} | {_constraints(meta).replace('|', chr(92) + '|')} |"
        )
    return rows


def generate() -> str:
    out = [HEADER]
    for section in dataclasses.fields(Config):
        cls = typing.get_type_hints(Config)[section.name]
        out.append(f"\n## [{section.name}]\n\n{SECTION_DOCS[section.name]}\n")
        out.append("| key | type | default | description | constraints |")
        out.append("|---|---|---|---|---|")
        out.extend(_rows(cls, f"{section.name}."))
        for field in dataclasses.fields(cls):
            hint = typing.get_type_hints(cls)[field.name]
            args = typing.get_args(hint)
            if args and dataclasses.is_dataclass(args[0]):
                item = args[0]
                out.append(f"\nEach `[[{section.name}.{field.name}]]` table has:\n")
                out.append("| key | type | default | description | constraints |")
                out.append("|---|---|---|---|---|")
                out.extend(_rows(typing.cast(type[Any], item), ""))
                out.append("\nThe demo tiles:\n")
                out.append("```toml")
                for tile in field.default:  # type: ignore[attr-defined]
                    out.append(f"[[{section.name}.{field.name}]]")
                    for key in ("id", "label", "icon", "target"):
                        out.append(f'{key} = "{getattr(tile, key)}"')
                    out.append("")
                out.append("```")
    return "\n".join(out).rstrip() + "\n"


def write(path: Path = DOC_PATH) -> None:
    path.write_text(generate(), encoding="utf-8")
