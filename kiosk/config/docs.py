"""Generates docs/configuration.md from the schema (a test fails when it is stale).

python -m kiosk.config.docs           # rewrite docs/configuration.md (`make docs`)
python -m kiosk.config.docs --check   # exit 1 when the file is stale
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import typing
from pathlib import Path
from typing import Any

from kiosk.config.loader import _type_name, meta_of
from kiosk.config.render import table_lines
from kiosk.config.schema import PATTERN_FORMS, SECTION_DOCS, Config, Meta

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
REGENERATE = "make docs"

HEADER = """<!-- DO NOT EDIT: generated from kiosk/config/schema.py by `make docs`. -->
# Configuration reference

The kiosk reads one TOML file: `/etc/kiosk/kiosk.toml`, or the file given with
`--config PATH`. Every key is optional; a key the kiosk does not know is refused.
Check a file before deploying it:

    kiosk check-config /etc/kiosk/kiosk.toml

It prints every problem with its key and line and exits 2, or exits 0 when the file is
valid. `kiosk --demo` runs on the defaults below, with no file at all.

PIN hashes come from `kiosk hash-pin` (it asks for the PIN twice; `--stdin` reads it
from standard input), pasted whole between double quotes.
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


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _constraints(meta: Meta) -> str:
    parts = []
    if meta.minimum is not None:
        parts.append(f"at least {meta.minimum:g}")
    if meta.maximum is not None:
        parts.append(f"at most {meta.maximum:g}")
    if meta.choices:
        parts.append("one of " + ", ".join(f"`{c}`" for c in meta.choices))
    if meta.min_items is not None:
        parts.append(f"at least {_items(meta.min_items)}")
    if meta.max_items is not None:
        parts.append(f"at most {_items(meta.max_items)}")
    if meta.pattern:
        parts.append(PATTERN_FORMS.get(meta.pattern, f"matches `{meta.pattern}`"))
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _rows(cls: type[Any], prefix: str) -> list[str]:
    rows = []
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        meta = meta_of(field)
        if meta is None:
            continue
        text = meta.description
        if meta.example:
            text += f" Example: `{meta.example}`."
        rows.append(
            f"| `{prefix}{field.name}` | {_type_name(hints[field.name])} "
            f"| {_cell(_default(field.default))} | {_cell(text)} | {_cell(_constraints(meta))} |"
        )
    return rows


def _table_head() -> list[str]:
    return ["| key | type | default | description | constraints |", "|---|---|---|---|---|"]


def generate() -> str:
    out = [HEADER]
    config_hints = typing.get_type_hints(Config)
    for section in dataclasses.fields(Config):
        cls = config_hints[section.name]
        out.append(f"\n## [{section.name}]\n\n{SECTION_DOCS[section.name]}\n")
        out += _table_head()
        out += _rows(cls, f"{section.name}.")
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            args = typing.get_args(hints[field.name])
            if not (args and dataclasses.is_dataclass(args[0])):
                continue
            name = f"{section.name}.{field.name}"
            out.append(f"\nEach `[[{name}]]` table has:\n")
            out += _table_head()
            out += _rows(typing.cast(type[Any], args[0]), "")
            out.append("\nThe demo tiles:\n")
            out.append("```toml")
            for item in typing.cast(tuple[Any, ...], field.default):
                out += [*table_lines(f"[{name}]", item), ""]
            out[-1] = "```"
    return "\n".join(out).rstrip() + "\n"


def write(path: Path = DOC_PATH) -> None:
    path.write_text(generate(), encoding="utf-8")


def is_stale(path: Path = DOC_PATH) -> bool:
    try:
        return path.read_text(encoding="utf-8") != generate()
    except FileNotFoundError:
        return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.config.docs", description="Generate docs/configuration.md."
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--path", type=Path, default=DOC_PATH, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        if is_stale(args.path):
            print(f"{args.path} is stale: run `{REGENERATE}`", file=sys.stderr)
            return 1
        print(f"{args.path} is up to date")
        return 0
    write(args.path)
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
