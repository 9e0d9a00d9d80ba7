"""`kiosk check-config` and `kiosk hash-pin`, run as the IT technician runs them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import load
from kiosk.config.pins import verify_pin
from kiosk.i18n.languages import shipped_codes


def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def hash_of(pin: str) -> str:
    result = kiosk("hash-pin", "--stdin", stdin=f"{pin}\n")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


GOOD = """\
[kiosk]
town_hall_name = "Mairie de Sèvres"
languages = ["fr", "en"]

[session]
idle_timeout_s = 90
"""

BAD = """\
[kiosk]
languages = ["fr", "de"]
[session]
idle_timeout_s = "two"
warning_countdown_s = 1000
[display]
text_size = "huge"
"""


def write(folder: Path, text: str) -> Path:
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_config_accepts_a_good_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)

    result = kiosk("check-config", str(path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{path}: valid"
    assert result.stderr == ""


def test_check_config_lists_every_problem_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, BAD)

    result = kiosk("check-config", str(path))

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[:-1] == [
        f'{path}: line 2: kiosk.languages[1]: language "de" is not shipped '
        f"(shipped: {', '.join(shipped_codes())})",
        f'{path}: line 4: session.idle_timeout_s: must be an integer, not a string ("two")',
        f"{path}: line 5: session.warning_countdown_s: must be at most 300, not 1000",
        f'{path}: line 7: display.text_size: must be one of "normal", "large", "larger"; '
        'not "huge"',
    ]
    assert lines[-1] == f"{path}: 4 problem(s); not valid"


def test_check_config_reports_a_syntax_error_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[session]\nidle_timeout_s = 60\nwarning_sound = oui\n")

    result = kiosk("check-config", str(path))

    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}: line 3: not valid TOML: ")


def test_check_config_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"

    result = kiosk("check-config", str(path))

    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"{path}: file not found"


def test_hash_pin_prints_a_hash_that_verifies_that_pin_only() -> None:
    stored = hash_of("482615")

    assert re.fullmatch(r"scrypt\$\S+", stored)
    assert verify_pin("482615", stored)
    assert not verify_pin("482616", stored)


def test_hash_pin_salts_each_hash() -> None:
    first, second = hash_of("2580"), hash_of("2580")

    assert first != second
    assert verify_pin("2580", first)
    assert verify_pin("2580", second)


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", "12-34"])
def test_hash_pin_refuses_a_pin_that_is_not_4_to_12_digits(pin: str) -> None:
    result = kiosk("hash-pin", "--stdin", stdin=f"{pin}\n")

    assert result.returncode == 1
    assert result.stdout == ""
    assert "4 to 12 digits" in result.stderr


def test_a_printed_hash_pasted_into_the_config_passes_check_config(tmp_path: Path) -> None:
    stored = hash_of("97531")
    path = write(tmp_path, f'{GOOD}\n[admin]\nadviser_pin_hash = "{stored}"\n')

    result = kiosk("check-config", str(path))

    assert result.returncode == 0, result.stderr
    assert verify_pin("97531", load(path).admin.adviser_pin_hash)
