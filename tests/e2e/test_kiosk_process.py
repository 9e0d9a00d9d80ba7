"""End to end: the real app in a subprocess, driven by `kiosk ctl` and its socket."""

from __future__ import annotations

import json
import signal
import stat
from pathlib import Path

import pytest

from tests.e2e.conftest import kiosk_command, start_kiosk, write_config

pytestmark = pytest.mark.e2e


def test_status_reports_state_language_screen_uptime_and_health(kiosk_process):
    status = kiosk_process.ctl("status")
    assert status["ok"] and status["state"] == "attract" and status["screen"] == "attract"
    assert status["language"] == "fr"
    assert status["uptime_s"] >= 0
    after_paint = {"web", "speech", "printing"}  # set up after the first paint
    status = kiosk_process.wait_for(lambda s: after_paint <= set(s["wipers"]))
    assert status["wipers"] == [
        "ui_state",
        "session_folder",
        "clipboard",
        "web",
        "speech",
        "printing",
    ]
    # The demo's virtual printers, watched from their worker threads.
    status = kiosk_process.wait_for(lambda s: "idle" in s["health"]["printing"])
    assert status["health"]["printing"] == "a4 virtual-a4: idle; ticket virtual-ticket: idle"
    # No sound card here: the health says why instead of claiming "ok".
    assert status["health"]["speech"] in {"no audio output", "engine not loaded yet", "ok"}
    assert status["health"]["control"] == "ok" and status["health"]["session_folder"] == "ok"


def test_kiosk_ctl_command_prints_status_as_json(kiosk_process):
    done = kiosk_command("ctl", "--socket", str(kiosk_process.socket), "status", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["state"] == "attract"


def test_open_a_flow_then_end_session_wipes_the_session_folder(kiosk_process):
    answer = kiosk_process.ctl("open", flow="demarches")
    assert answer == {"ok": True, "screen": "flow"}
    status = kiosk_process.ctl("status")
    assert status["state"] == "active" and status["screen"] == "flow"
    assert status["flow"]["flow"] == "demarches" and status["flow"]["number"] == 1
    assert status["health"]["content"] == "ok (19 flows)"
    folders = list(kiosk_process.folder_root.glob("session-*"))
    assert len(folders) == 1
    assert stat.S_IMODE(folders[0].stat().st_mode) == 0o700
    (folders[0] / "attestation-caf.pdf").write_bytes(b"%PDF-1.4 secret")

    done = kiosk_command("ctl", "--socket", str(kiosk_process.socket), "end-session")
    assert done.returncode == 0, done.stderr
    status = kiosk_process.wait_for(lambda s: s["state"] == "attract")
    assert status["wipes_ok"] == 1 and status["last_wipe"]["ok"]
    assert list(kiosk_process.folder_root.glob("session-*")) == []
    folder_report = next(
        r for r in status["last_wipe"]["reports"] if r["wiper"] == "session_folder"
    )
    assert folder_report["counts"]["entries_removed"] == 2  # the file and the web downloads folder
    log = kiosk_process.log()
    wipe_lines = [line for line in log.splitlines() if " wipe ok " in line]
    assert len(wipe_lines) == 1
    assert "attestation" not in log and "secret" not in log


def test_unknown_flow_and_unknown_command_are_refused_plainly(kiosk_process):
    answer = kiosk_process.ctl("open", flow="nope")
    assert not answer["ok"] and "demarches" in answer["error"]
    assert not kiosk_process.ctl("reboot")["ok"]
    done = kiosk_command("ctl", "--socket", str(kiosk_process.socket), "open", "nope")
    assert done.returncode == 1 and "no flow 'nope'" in done.stderr


def test_the_control_socket_is_owner_only(kiosk_process):
    assert stat.S_IMODE(kiosk_process.socket.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(kiosk_process.socket.parent.stat().st_mode) == 0o700


def test_leftovers_of_a_crashed_run_are_removed_before_anything_is_shown(tmp_path):
    root = tmp_path / "sessions"
    crashed = root / "session-deadbeef"
    crashed.mkdir(parents=True)
    (crashed / "avis-imposition.pdf").write_bytes(b"%PDF")
    (root / "unrelated.txt").write_text("kept")
    kiosk = start_kiosk(tmp_path, write_config(tmp_path))
    try:
        assert not crashed.exists()
        assert (root / "unrelated.txt").exists()
        assert "1 leftover" in kiosk.log()
    finally:
        kiosk.process.send_signal(signal.SIGTERM)
        kiosk.process.wait(10)


def test_sigterm_stops_cleanly_and_removes_the_live_session(tmp_path):
    kiosk = start_kiosk(tmp_path, write_config(tmp_path))
    kiosk.ctl("open", flow="imprimer")
    assert list(kiosk.folder_root.glob("session-*"))
    kiosk.process.send_signal(signal.SIGTERM)
    assert kiosk.process.wait(10) == 0
    assert list(kiosk.folder_root.glob("session-*")) == []
    assert not kiosk.socket.exists()


def test_a_second_kiosk_on_the_same_socket_refuses_to_start(kiosk_process, tmp_path):
    config = tmp_path / "kiosk.toml"
    done = kiosk_command("--config", str(config), "--windowed")
    assert done.returncode == 1 and "already listening" in done.stderr
    assert kiosk_process.ctl("status")["ok"]


def test_a_broken_config_is_refused_at_start_naming_file_line_and_key(tmp_path):
    config = write_config(tmp_path, extra='idle_timeout_s = "deux minutes"')
    done = kiosk_command("--config", str(config), "--windowed")
    assert done.returncode == 2
    assert str(config) in done.stderr and "line 6" in done.stderr
    assert "session.idle_timeout_s" in done.stderr


def test_many_sessions_in_a_row_neither_crash_nor_grow(tmp_path):
    """A kiosk runs for weeks. Without kiosk/qtcompat.py, PySide6 6.12.0 on Python 3.11
    aborted this process after about 40 sessions; 100 must pass, at flat memory."""
    config = (
        write_config(tmp_path).read_text().replace("wiped_message_s = 0.2", "wiped_message_s = 0.0")
    )
    (tmp_path / "kiosk.toml").write_text(config)
    kiosk = start_kiosk(tmp_path, tmp_path / "kiosk.toml")

    def rss_kb() -> int:
        status = Path(f"/proc/{kiosk.process.pid}/status").read_text()
        return int(status.split("VmRSS:")[1].split()[0])

    def one_session() -> None:
        assert kiosk.ctl("open", flow="demarches")["ok"]
        kiosk.ctl("end-session")
        kiosk.wait_for(lambda s: s["state"] == "attract", timeout=5)

    try:
        for _ in range(20):
            one_session()
        warmed = rss_kb()
        for _ in range(80):
            one_session()
        status = kiosk.ctl("status")
        assert status["wipes_ok"] == 100 and status["sessions_started"] == 100
        assert rss_kb() - warmed < 8 * 1024, "memory grew by more than 8 MB over 80 sessions"
        assert list(kiosk.folder_root.glob("session-*")) == []
    finally:
        kiosk.process.send_signal(signal.SIGTERM)
        assert kiosk.process.wait(10) == 0
