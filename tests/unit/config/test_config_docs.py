"""docs/configuration.md is generated from the schema and kept up to date."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from kiosk.config import docs
from kiosk.config.loader import meta_of
from kiosk.config.schema import PATTERN_FORMS, Config, Tile

STALE = "docs/configuration.md is stale: run `make docs` (or `python -m kiosk.config.docs`)"


def schema_settings() -> list[tuple[str, dataclasses.Field[typing.Any]]]:
    """(documented name, field) for every setting, tile keys named as in their table."""
    settings = []
    for section in dataclasses.fields(Config):
        for field in dataclasses.fields(typing.get_type_hints(Config)[section.name]):
            settings.append((f"{section.name}.{field.name}", field))
    settings += [(field.name, field) for field in dataclasses.fields(Tile)]
    return settings


def test_the_configuration_reference_is_not_stale() -> None:
    assert docs.DOC_PATH.is_file(), STALE
    assert docs.DOC_PATH.read_text(encoding="utf-8") == docs.generate(), STALE


def test_the_reference_says_it_is_generated() -> None:
    assert docs.generate().startswith("<!-- DO NOT EDIT: generated from kiosk/config/schema.py")


@pytest.mark.parametrize(("name", "field"), schema_settings(), ids=lambda v: str(v)[:40])
def test_every_setting_is_documented_with_its_description(
    name: str, field: dataclasses.Field[typing.Any]
) -> None:
    text = docs.generate()
    meta = meta_of(field)

    assert meta is not None, f"{name} is not declared with setting()"
    rows = [line for line in text.splitlines() if line.startswith(f"| `{name}` |")]
    assert len(rows) == 1, f"{name} has no row in the reference"
    assert meta.description.replace("|", "\\|") in rows[0]


def test_constraints_are_in_words_not_regular_expressions() -> None:
    text = docs.generate()

    for pattern, words in PATTERN_FORMS.items():
        assert pattern not in text
        assert words in text
    assert "at least 10; at most 3600" in text  # session.idle_timeout_s


def run_docs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.config.docs", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_check_mode_fails_on_a_stale_file_and_says_how_to_fix_it(tmp_path: Path) -> None:
    stale = tmp_path / "configuration.md"
    stale.write_text(docs.generate().replace("at least 10", "at least 1"), encoding="utf-8")

    result = run_docs("--check", "--path", str(stale))

    assert result.returncode == 1
    assert "stale" in result.stderr
    assert "make docs" in result.stderr


def test_the_check_mode_fails_on_a_missing_file(tmp_path: Path) -> None:
    assert run_docs("--check", "--path", str(tmp_path / "absent.md")).returncode == 1


def test_the_module_regenerates_the_file_and_then_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "configuration.md"
    target.write_text("old\n", encoding="utf-8")

    written = run_docs("--path", str(target))
    checked = run_docs("--check", "--path", str(target))

    assert written.returncode == 0, written.stderr
    assert target.read_text(encoding="utf-8") == docs.generate()
    assert checked.returncode == 0, checked.stderr
