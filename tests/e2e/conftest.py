"""The real kiosk in a subprocess, driven through its control socket."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.control.client import ControlUnavailableError, request


@dataclass
class RunningKiosk:
    process: subprocess.Popen[str]
    socket: Path
    folder_root: Path
    log_path: Path

    def ctl(self, command: str, **args: Any) -> dict[str, Any]:
        return request(self.socket, command, args)

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            status = self.ctl("status")
            if predicate(status):
                return status
            time.sleep(0.05)
        raise AssertionError(f"condition not met within {timeout} s; last status {status}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")


def kiosk_command(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Runs `kiosk ARGS...` as a user would, offscreen, and returns what it printed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def write_config(tmp_path: Path, extra: str = "") -> Path:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f"""
[session]
folder_root = "{tmp_path / "sessions"}"
wiped_message_s = 0.2
warning_sound = false
{extra}
[control]
socket_path = "{tmp_path / "run" / "control.sock"}"
""",
        encoding="utf-8",
    )
    return config


def start_kiosk(tmp_path: Path, config: Path) -> RunningKiosk:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    log_path = tmp_path / "kiosk.log"
    with log_path.open("w", encoding="utf-8") as handle:  # the child keeps its own copy
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--config", str(config), "--windowed"],
            stdout=handle,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
    kiosk = RunningKiosk(
        process, tmp_path / "run" / "control.sock", tmp_path / "sessions", log_path
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kiosk exited with {process.returncode}:\n{kiosk.log()}")
        try:
            kiosk.ctl("status")
            return kiosk
        except ControlUnavailableError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError(f"kiosk did not open its control socket:\n{kiosk.log()}")


@pytest.fixture
def kiosk_process(tmp_path: Path) -> Iterator[RunningKiosk]:
    kiosk = start_kiosk(tmp_path, write_config(tmp_path))
    yield kiosk
    if kiosk.process.poll() is None:
        kiosk.process.send_signal(signal.SIGTERM)
        try:
            kiosk.process.wait(10)
        except subprocess.TimeoutExpired:
            kiosk.process.kill()
            kiosk.process.wait()
