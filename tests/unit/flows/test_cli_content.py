"""`kiosk check-content` as an editor runs it: a real process, its exit code and its output."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.unit.flows.helpers import BROKEN, VALID, marked_lines


def check_content(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "check-content", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=cwd,
        check=False,
    )


def test_a_valid_folder_exits_0_with_its_counts(tmp_path: Path) -> None:
    done = check_content(VALID, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == f"{VALID}: 3 file(s), 3 flow(s), 13 step(s): valid"


def test_a_valid_folder_in_json(tmp_path: Path) -> None:
    done = check_content(VALID, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "ok": True,
        "files": 3,
        "flows": 3,
        "steps": 13,
        "problems": [],
    }


def test_a_broken_file_exits_2_with_file_line_field_and_message(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "flows")
    broken = tmp_path / "flows" / "unknown-key-option.yaml"
    shutil.copy(BROKEN / broken.name, broken)
    [line] = marked_lines(broken)
    done = check_content(tmp_path / "flows", cwd=tmp_path)
    assert done.returncode == 2
    message = "unknown key for an option (known: icon, label, next)"
    assert done.stderr.splitlines() == [f"{broken}:{line}: steps[0].options[1].colour: {message}"]
    assert (
        done.stdout.strip()
        == f"{tmp_path / 'flows'}: 4 file(s), 3 flow(s), 13 step(s): 1 problem(s)"
    )


def test_every_problem_of_the_broken_folder_is_one_located_line(tmp_path: Path) -> None:
    done = check_content(BROKEN, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    located = re.compile(rf"^{re.escape(str(BROKEN))}/([a-z0-9-]+\.yaml):(\d+): (.+)$")
    for line in lines:
        found = located.match(line)
        assert found, line
        assert int(found[2]) in marked_lines(BROKEN / found[1]), line
    with_field = re.compile(r"^\S+\.yaml:\d+: [\w\[\].-]+: \S")
    no_field = ("yaml-syntax-error", "yaml-unclosed-quote", "not-utf8")
    assert all(with_field.match(line) for line in lines if not any(n in line for n in no_field))
    assert done.stdout.strip().endswith(f": {len(lines)} problem(s)")


def test_the_broken_folder_in_json(tmp_path: Path) -> None:
    done = check_content(BROKEN, "--json", cwd=tmp_path)
    assert done.returncode == 2
    summary = json.loads(done.stdout)
    assert summary["ok"] is False
    assert summary["files"] == len(list(BROKEN.glob("*.yaml")))
    assert (summary["flows"], summary["steps"]) == (1, 1)
    assert all(set(p) == {"file", "line", "path", "message"} for p in summary["problems"])
    assert {
        "file": str(BROKEN / "unknown-action.yaml"),
        "line": marked_lines(BROKEN / "unknown-action.yaml")[0],
        "path": "steps[0].next",
        "message": "unknown action 'action:fly' (known: action:home, action:help, action:restart)",
    } in summary["problems"]
    assert all(isinstance(p["line"], int) for p in summary["problems"])


def test_a_folder_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    done = check_content(tmp_path / "nulle-part", cwd=tmp_path)
    assert done.returncode == 2
    assert "no such folder" in done.stderr


def test_a_pictogram_the_kiosk_does_not_have_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "flows"
    shutil.copytree(VALID, folder)
    victim = sorted(folder.glob("*.yaml"))[0]
    lines = victim.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("icon:"))
    lines[index] = "icon: licorne"
    victim.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = check_content(folder, cwd=tmp_path)
    assert done.returncode == 2
    assert f"{victim}:{index + 1}: icon: no pictogram named 'licorne'" in done.stderr
