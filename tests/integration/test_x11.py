"""Under a real X server, the wipe empties the clipboard and the primary selection."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.control.client import ControlUnavailableError, request
from tests.e2e.conftest import write_config


def _xclip_out(env: dict[str, str], selection: str) -> str:
    done = subprocess.run(
        ["xclip", "-o", "-selection", selection],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    return done.stdout if done.returncode == 0 else ""


def _xclip_in(env: dict[str, str], selection: str, text: str) -> None:
    # xclip forks and serves the selection until another client takes it.
    subprocess.run(
        ["xclip", "-i", "-selection", selection],
        input=text,
        env=env,
        text=True,
        timeout=10,
        check=True,
    )


@pytest.fixture
def kiosk_on_x11(tmp_path: Path, x11_env: dict[str, str]):
    assert shutil.which("xclip"), "xclip is missing: run `make setup`"
    config = write_config(tmp_path)
    log = (tmp_path / "kiosk.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(config), "--windowed"],
        env=x11_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    socket = tmp_path / "run" / "control.sock"
    deadline = time.monotonic() + 20
    while True:
        try:
            request(socket, "status")
            break
        except ControlUnavailableError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail((tmp_path / "kiosk.log").read_text())
            time.sleep(0.05)
    yield socket
    process.send_signal(signal.SIGTERM)
    process.wait(10)


def test_wipe_empties_clipboard_and_primary_selection(kiosk_on_x11, x11_env):
    socket = kiosk_on_x11
    request(socket, "start-session")
    _xclip_in(x11_env, "clipboard", "IBAN FR76 3000 6000 0112 3456 7890 189")
    _xclip_in(x11_env, "primary", "mot de passe ameli")
    assert _xclip_out(x11_env, "primary") == "mot de passe ameli"
    request(socket, "end-session")
    deadline = time.monotonic() + 10
    while request(socket, "status")["state"] != "attract":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    status = request(socket, "status")
    clipboard = next(r for r in status["last_wipe"]["reports"] if r["wiper"] == "clipboard")
    assert clipboard["counts"]["buffers_checked"] == 2  # clipboard and X11 primary selection
    assert _xclip_out(x11_env, "clipboard") == ""
    assert _xclip_out(x11_env, "primary") == ""


def test_without_windowed_the_kiosk_is_full_screen_frameless_and_on_top(tmp_path, x11_env):
    config = write_config(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(config)],
        env=x11_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = tmp_path / "run" / "control.sock"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                window = request(socket, "status")["window"]
                if window["width"] == 1920:
                    break
            except ControlUnavailableError:
                pass
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        assert window == {
            "fullscreen": True,
            "frameless": True,
            "always_on_top": True,
            "width": 1920,
            "height": 1080,
        }
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)
