"""Loads kiosk.toml into the typed `Config`, refusing anything the schema does not allow.

Every problem is collected (not just the first), each with its key path and line, so
`kiosk check-config` can list them all in one go. Messages are written for the IT
technician who edits the file: TOML words (string, integer, table), the value as typed.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import os
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config.locate import key_lines, line_of
from kiosk.config.schema import PATTERN_FORMS, Config, Meta
from kiosk.i18n.languages import shipped_codes

DEFAULT_PATH = Path("/etc/kiosk/kiosk.toml")
LOGO_SUFFIXES = (".png", ".svg")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        what = f"{self.path}: " if self.path else ""
        return f"{where}{what}{self.message}"


class ConfigError(Exception):
    """A config file that cannot be used; `problems` says every reason."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {source}: {problem}" for problem in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) in the configuration\n{lines}")


def meta_of(field: dataclasses.Field[Any]) -> Meta | None:
    meta = field.metadata.get("kiosk")
    return meta if isinstance(meta, Meta) else None


_TOML_NAMES: dict[type, str] = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "table",
    datetime.datetime: "date-time",
    datetime.date: "date",
    datetime.time: "time",
}


def _type_name(kind: Any) -> str:
    """The TOML name of a schema type, as the docs and the messages say it."""
    origin = typing.get_origin(kind)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if dataclasses.is_dataclass(item):
            return "array of tables"
        return f"array of {_type_name(item)}s"
    return _TOML_NAMES.get(kind, str(kind))


def _a(name: str) -> str:
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _shown(value: Any) -> str:
    """`value` as it was written in the file, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, float) and not math.isfinite(value):
        text = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _described(value: Any) -> str:
    """`value` named by its TOML type: `a string ("two")`, `a table`."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, float):
        return f"a decimal number ({_shown(value)})"
    kind = next((name for cls, name in _TOML_NAMES.items() if isinstance(value, cls)), None)
    return f"{_a(kind or type(value).__name__)} ({_shown(value)})"


def _suggestion(key: str, known: typing.Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class _NotSet:
    pass


_NOT_SET: Any = _NotSet()
"""A value refused for its type: the dataclass keeps its default in its place."""


class _Validator:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.given: set[str] = set()
        """Paths the file sets; any other setting keeps its default."""

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def table(self, cls: type[Any], data: Any, path: str) -> Any:
        if not isinstance(data, dict):
            self.problem(path, f"must be a table, not {_described(data)}")
            return cls()
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key, value in data.items():
            if key not in fields:
                self.unknown(key, value, path, fields)
        values = {}
        for name, field in fields.items():
            if name in data:
                value = self.value(hints[name], meta_of(field), data[name], _join(path, name))
                if value is not _NOT_SET:
                    values[name] = value
        return cls(**values)

    def unknown(self, key: str, value: Any, path: str, known: typing.Iterable[str]) -> None:
        names = ", ".join(sorted(known))
        hint = _suggestion(key, known)
        if path:
            self.problem(_join(path, key), f"unknown key{hint} (known keys here: {names})")
        elif isinstance(value, dict):
            self.problem(key, f"unknown section [{key}]{hint} (known sections: {names})")
        else:
            self.problem(key, f"unknown key{hint}; settings go in a section ({names})")

    def value(self, kind: Any, meta: Meta | None, data: Any, path: str) -> Any:
        self.given.add(path)
        if dataclasses.is_dataclass(kind):
            return self.table(typing.cast(type[Any], kind), data, path)
        if typing.get_origin(kind) is tuple:
            return self.array(typing.get_args(kind)[0], meta, data, path)
        if not _is_instance(kind, data):
            self.problem(path, f"must be {_a(_type_name(kind))}, not {_described(data)}")
            return _NOT_SET
        if meta is not None:
            self.constraints(meta, data, path)
        return float(data) if kind is float else data

    def array(self, item: Any, meta: Meta | None, data: Any, path: str) -> Any:
        if not isinstance(data, list):
            name = _type_name(tuple[item, ...])
            self.problem(path, f"must be {_a(name)}, not {_described(data)}")
            return _NOT_SET
        if meta and meta.min_items is not None and len(data) < meta.min_items:
            self.problem(path, f"must have at least {_items(meta.min_items)}, not {len(data)}")
        if meta and meta.max_items is not None and len(data) > meta.max_items:
            self.problem(path, f"must have at most {_items(meta.max_items)}, not {len(data)}")
        item_meta = Meta("", pattern=meta.pattern, choices=meta.choices) if meta else None
        values = [self.value(item, item_meta, one, f"{path}[{i}]") for i, one in enumerate(data)]
        return _NOT_SET if _NOT_SET in values else tuple(values)

    def constraints(self, meta: Meta, data: Any, path: str) -> None:
        if isinstance(data, float) and not math.isfinite(data):
            self.problem(path, f"must be a finite number, not {_shown(data)}")
            return
        if meta.minimum is not None and data < meta.minimum:
            self.problem(path, f"must be at least {_num(meta.minimum)}, not {_shown(data)}")
        if meta.maximum is not None and data > meta.maximum:
            self.problem(path, f"must be at most {_num(meta.maximum)}, not {_shown(data)}")
        if meta.choices and data not in meta.choices:
            choices = ", ".join(_shown(choice) for choice in meta.choices)
            self.problem(path, f"must be one of {choices}; not {_shown(data)}")
        if meta.pattern and isinstance(data, str) and not re.fullmatch(meta.pattern, data):
            form = PATTERN_FORMS.get(meta.pattern, f"of the form {meta.pattern}")
            self.problem(path, f"must be {form}; not {_shown(data)}")


def _is_instance(kind: Any, data: Any) -> bool:
    if kind is bool:
        return isinstance(data, bool)
    if kind is int:
        return isinstance(data, int) and not isinstance(data, bool)
    if kind is float:
        return isinstance(data, int | float) and not isinstance(data, bool)
    return isinstance(data, kind)


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _under(problems: list[Problem]) -> Callable[[str], bool]:
    """Whether `path`, or a key inside it, already has a problem (so a check would repeat it)."""
    paths = [problem.path for problem in problems]

    def has_problem(path: str) -> bool:
        return any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in paths)

    return has_problem


def _check_languages(config: Config, given: set[str], skip: Callable[[str], bool]) -> list[Problem]:
    if skip("kiosk.languages"):
        return []
    problems = []
    shipped = shipped_codes()
    languages = config.kiosk.languages
    for index, code in enumerate(languages):
        if code not in shipped:
            problems.append(
                Problem(
                    f"kiosk.languages[{index}]",
                    f"language {_shown(code)} is not shipped (shipped: {', '.join(shipped)})",
                )
            )
        elif code in languages[:index]:
            problems.append(Problem(f"kiosk.languages[{index}]", f"{_shown(code)} is listed twice"))
    default = config.kiosk.default_language
    if not skip("kiosk.default_language") and default not in languages:
        offered = ", ".join(languages)
        if "kiosk.default_language" in given:
            message = f"must be one of kiosk.languages ({offered}); not {_shown(default)}"
        else:
            message = f"is not set and its default {_shown(default)} is not in kiosk.languages"
            message += f" ({offered}): set it to one of them"
        problems.append(Problem("kiosk.default_language", message))
    return problems


def _check_tiles(config: Config, skip: Callable[[str], bool]) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for index, tile in enumerate(config.home.tiles):
        path = f"home.tiles[{index}]"
        if skip(f"{path}.id"):
            continue
        if not tile.id:
            problems.append(Problem(f"{path}.id", "is required: every tile needs an id"))
        elif tile.id in seen:
            problems.append(
                Problem(
                    f"{path}.id",
                    f"{_shown(tile.id)} is already the id of home.tiles[{seen[tile.id]}]",
                )
            )
        seen.setdefault(tile.id, index)
    for index, tile in enumerate(config.home.tiles):
        path = f"home.tiles[{index}].label"
        if not skip(path) and not tile.label.strip():
            problems.append(Problem(path, "is required: the text shown on the tile"))
    return problems


def _logo_path(logo: str, base_dir: Path | None) -> Path:
    path = Path(logo) if base_dir is None else base_dir / logo
    return Path(os.path.abspath(path))


def _check_logo(
    config: Config, base_dir: Path | None, skip: Callable[[str], bool]
) -> list[Problem]:
    logo = config.kiosk.logo
    if not logo or skip("kiosk.logo"):
        return []
    path = _logo_path(logo, base_dir)
    if not path.is_file():
        return [Problem("kiosk.logo", f"file not found: {path}")]
    if path.suffix.lower() not in LOGO_SUFFIXES:
        return [Problem("kiosk.logo", f"must be a PNG or SVG file, not {path.name}")]
    return []


TICKET_NEEDS: dict[str, tuple[tuple[str, ...], str]] = {
    "network": (("ticket_host",), "`ticket_host`, the printer's address"),
    "usb": (
        ("ticket_usb_vendor", "ticket_usb_product"),
        "`ticket_usb_vendor` and `ticket_usb_product` (`lsusb` shows them)",
    ),
    "serial": (("ticket_serial_device",), "`ticket_serial_device`, such as /dev/ttyS0"),
}


def _check_printing(config: Config, skip: Callable[[str], bool]) -> list[Problem]:
    """A ticket printer's connection needs its address: refused here, not at the first ticket."""
    printing = config.printing
    kind = printing.ticket_printer
    if kind not in TICKET_NEEDS or skip("printing.ticket_printer"):
        return []
    fields, what = TICKET_NEEDS[kind]
    if all(getattr(printing, name) for name in fields):
        return []
    return [Problem("printing.ticket_printer", f'"{kind}" needs {what} in [printing]')]


def _cross_checks(
    config: Config, base_dir: Path | None, given: set[str], skip: Callable[[str], bool]
) -> list[Problem]:
    """Checks across settings and against the outside world (shipped languages, files).

    They run even when the schema found problems, on the defaults in place of refused
    values, but skip any setting already reported, so each mistake is told once.
    """
    return [
        *_check_languages(config, given, skip),
        *_check_tiles(config, skip),
        *_check_logo(config, base_dir, skip),
        *_check_printing(config, skip),
    ]


def _syntax_problem(error: ValueError, text: str) -> Problem:
    message = str(error)
    line = None
    if match := re.search(r"\s*\(at line (\d+), column (\d+)\)$", message):
        line = int(match.group(1))
        message = f"{message[: match.start()]} (column {match.group(2)})"
    elif match := re.search(r"\s*\(at end of document\)$", message):
        line = max(len(text.splitlines()), 1)
        message = f"{message[: match.start()]} (at the end of the file)"
    return Problem("", f"not valid TOML: {message[:1].lower()}{message[1:]}", line)


def parse(text: str, source: str = "<text>", base_dir: Path | None = None) -> Config:
    """Parses and validates TOML text; raises ConfigError listing every problem.

    A relative `kiosk.logo` is read from `base_dir` (the config file's folder) and comes
    back absolute, so the kiosk finds it whatever its working folder.
    """
    import tomllib  # here, not at the top: `kiosk --demo` reads no file and starts faster

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(source, [_syntax_problem(error, text)]) from None
    validator = _Validator()
    config = typing.cast(Config, validator.table(Config, data, ""))
    problems = validator.problems
    problems += _cross_checks(config, base_dir, validator.given, _under(problems))
    if problems:
        lines = key_lines(text)
        located = [Problem(p.path, p.message, line_of(lines, p.path)) for p in problems]
        located.sort(key=lambda problem: problem.line or 0)
        raise ConfigError(source, located)
    if config.kiosk.logo:
        logo = str(_logo_path(config.kiosk.logo, base_dir))
        config = dataclasses.replace(config, kiosk=dataclasses.replace(config.kiosk, logo=logo))
    return config


def load(path: Path) -> Config:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(str(path), [Problem("", "file not found")]) from None
    except OSError as error:
        raise ConfigError(str(path), [Problem("", f"cannot be read: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")  # tolerates the BOM some Windows editors write
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        message = f"not UTF-8 text (byte 0x{byte}); save the file as UTF-8"
        raise ConfigError(str(path), [Problem("", message, line)]) from None
    return parse(text, str(path), path.parent)


def demo() -> Config:
    """The embedded demo configuration: every default, no file."""
    return Config()
