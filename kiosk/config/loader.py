"""Loads kiosk.toml into the typed `Config`, refusing anything the schema does not allow.

Every problem is collected (not just the first), each with its key path and line, so
`kiosk check-config` can list them all in one go.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config.locate import key_lines, line_of
from kiosk.config.schema import Config, Meta
from kiosk.i18n.languages import shipped_codes

DEFAULT_PATH = Path("/etc/kiosk/kiosk.toml")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.path or '(file)'}: {self.message}"


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


def _type_name(kind: Any) -> str:
    origin = typing.get_origin(kind)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if dataclasses.is_dataclass(item):
            return "array of tables"
        return f"array of {_type_name(item)}"
    return {bool: "boolean", int: "integer", float: "number", str: "string"}.get(kind, str(kind))


class _Validator:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def table(self, cls: type[Any], data: Any, path: str) -> Any:
        if not isinstance(data, dict):
            self.problem(path, f"must be a table, not {type(data).__name__}")
            return cls()
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key in data:
            if key not in fields:
                known = ", ".join(sorted(fields))
                self.problem(_join(path, key), f"unknown key (known keys here: {known})")
        values = {}
        for name, field in fields.items():
            if name in data:
                values[name] = self.value(hints[name], meta_of(field), data[name], _join(path, name))
        return cls(**values)

    def value(self, kind: Any, meta: Meta | None, data: Any, path: str) -> Any:
        if dataclasses.is_dataclass(kind):
            return self.table(typing.cast(type[Any], kind), data, path)
        if typing.get_origin(kind) is tuple:
            return self.array(typing.get_args(kind)[0], meta, data, path)
        if not _is_instance(kind, data):
            shown = "boolean" if isinstance(data, bool) else type(data).__name__
            name = _type_name(kind)
            article = "an" if name[0] in "aeiou" else "a"
            self.problem(path, f"must be {article} {name}, not {shown} ({data!r})")
            return _NOT_SET
        if meta is not None:
            self.constraints(meta, data, path)
        return float(data) if kind is float else data

    def array(self, item: Any, meta: Meta | None, data: Any, path: str) -> Any:
        if not isinstance(data, list):
            self.problem(path, f"must be an {_type_name(tuple[item, ...])}")
            return _NOT_SET
        if meta and meta.min_items is not None and len(data) < meta.min_items:
            self.problem(path, f"needs at least {meta.min_items} item(s), has {len(data)}")
        if meta and meta.max_items is not None and len(data) > meta.max_items:
            self.problem(path, f"takes at most {meta.max_items} item(s), has {len(data)}")
        item_meta = Meta("", pattern=meta.pattern, choices=meta.choices) if meta else None
        values = [self.value(item, item_meta, one, f"{path}[{i}]") for i, one in enumerate(data)]
        return tuple(values)

    def constraints(self, meta: Meta, data: Any, path: str) -> None:
        if meta.minimum is not None and data < meta.minimum:
            self.problem(path, f"must be at least {_num(meta.minimum)}, not {data}")
        if meta.maximum is not None and data > meta.maximum:
            self.problem(path, f"must be at most {_num(meta.maximum)}, not {data}")
        if meta.choices and data not in meta.choices:
            self.problem(path, f"must be one of {', '.join(meta.choices)}, not {data!r}")
        if meta.pattern and isinstance(data, str) and not re.fullmatch(meta.pattern, data):
            self.problem(path, f"{data!r} does not match the expected form {meta.pattern}")


class _NotSet:
    pass


_NOT_SET: Any = _NotSet()


def _is_instance(kind: Any, data: Any) -> bool:
    if kind is bool:
        return isinstance(data, bool)
    if kind is int:
        return isinstance(data, int) and not isinstance(data, bool)
    if kind is float:
        return isinstance(data, int | float) and not isinstance(data, bool)
    return isinstance(data, kind)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _cross_checks(config: Config, base_dir: Path | None) -> list[Problem]:
    problems = []
    shipped = shipped_codes()
    for index, code in enumerate(config.kiosk.languages):
        if code not in shipped:
            problems.append(
                Problem(
                    f"kiosk.languages[{index}]",
                    f"language {code!r} is not shipped (shipped: {', '.join(shipped)})",
                )
            )
    if config.kiosk.default_language not in config.kiosk.languages:
        problems.append(
            Problem("kiosk.default_language", "must be one of the languages in kiosk.languages")
        )
    seen: dict[str, int] = {}
    for index, tile in enumerate(config.home.tiles):
        if not tile.id:
            problems.append(Problem(f"home.tiles[{index}].id", "is required"))
        if not tile.label.strip():
            problems.append(Problem(f"home.tiles[{index}].label", "is required"))
        if tile.id in seen:
            problems.append(
                Problem(f"home.tiles[{index}].id", f"{tile.id!r} is already used by tile {seen[tile.id]}")
            )
        seen.setdefault(tile.id, index)
    logo = config.kiosk.logo
    if logo:
        path = Path(logo) if base_dir is None else base_dir / logo
        if not path.is_file():
            problems.append(Problem("kiosk.logo", f"file not found: {path}"))
    return problems


def _syntax_line(error: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(error))
    return int(match.group(1)) if match else None


def parse(text: str, source: str = "<text>", base_dir: Path | None = None) -> Config:
    """Parses and validates TOML text; raises ConfigError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(source, [Problem("", f"not valid TOML: {message}", _syntax_line(error))]) from None
    validator = _Validator()
    config = validator.table(Config, data, "")
    problems = validator.problems
    if not problems:
        problems = _cross_checks(config, base_dir)
    if problems:
        lines = key_lines(text)
        located = [Problem(p.path, p.message, line_of(lines, p.path)) for p in problems]
        raise ConfigError(source, located)
    return typing.cast(Config, config)


def load(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), [Problem("", "file not found")]) from None
    except UnicodeDecodeError as error:
        raise ConfigError(str(path), [Problem("", f"not UTF-8 text ({error.reason})")]) from None
    except OSError as error:
        raise ConfigError(str(path), [Problem("", f"cannot be read: {error.strerror}")]) from None
    return parse(text, str(path), path.parent)


def demo() -> Config:
    """The embedded demo configuration: every default, no file."""
    return Config()
