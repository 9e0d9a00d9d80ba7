"""`kiosk check-content --translations` as a translator or a script runs it: a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.i18n.catalogs import CONTENT, UI
from tests.unit.i18n.helpers import FLOW, WELCOME, make_i18n, write_domain


def check_translations(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "check-content", "--translations", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def i18n_dir(tmp_path: Path) -> Path:
    return make_i18n(tmp_path / "i18n")


def test_complete_catalogs_exit_0_in_json(tmp_path: Path, i18n_dir: Path) -> None:
    done = check_translations("--json", "--catalogs", i18n_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True
    rows = {row["code"]: row for row in report["languages"]}
    assert len(rows) == 12
    assert set(rows["en"]) == {"code", "ok", "ui", "content"}
    assert {k: rows["en"]["content"][k] for k in ("total", "reviewed", "draft", "missing")} == {
        "total": 2,
        "reviewed": 0,
        "draft": 2,
        "missing": 0,
    }
    assert rows["fr-falc"]["content"] is None


def test_a_missing_content_string_exits_2_in_json(tmp_path: Path, i18n_dir: Path) -> None:
    write_domain(i18n_dir, CONTENT, "fa", {(FLOW, WELCOME): "به شهرداری خوش آمدید"})
    done = check_translations("--json", "--catalogs", i18n_dir, cwd=tmp_path)
    assert done.returncode == 2
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert report["problems"] == [
        {"language": "fa", "domain": "content", "missing": 1, "broken_placeholders": []}
    ]
    fa = next(row for row in report["languages"] if row["code"] == "fa")
    assert (fa["ok"], fa["ui"]["ok"], fa["content"]["missing"]) == (False, True, 1)


def test_the_table_names_the_language_and_domain(tmp_path: Path, i18n_dir: Path) -> None:
    (UI.source_dir(i18n_dir) / "ps.po").unlink()
    done = check_translations("--catalogs", i18n_dir, cwd=tmp_path)
    assert done.returncode == 2
    assert "ps ui: 2 string(s) missing" in done.stdout
    assert done.stdout.splitlines()[0].split() == [
        "language",
        "domain",
        "catalog",
        "total",
        "reviewed",
        "draft",
        "missing",
    ]


def test_a_folder_of_flows_is_not_a_folder_of_catalogs(tmp_path: Path, i18n_dir: Path) -> None:
    done = check_translations(i18n_dir, cwd=tmp_path)
    assert done.returncode == 2
    assert "--catalogs" in done.stderr
