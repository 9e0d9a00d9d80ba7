"""Real components started by the suite: here, an X server (Xvfb) for X11-only behaviour."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._support.pulse import private_pulse


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A private X display; the suite installs Xvfb (scripts/setup.sh), so it must exist."""
    binary = shutil.which("Xvfb")
    assert binary, "Xvfb is missing: run `make setup` (Debian package xvfb)"
    for number in range(90, 120):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            break
    display = f":{number}"
    process = subprocess.Popen(
        [binary, display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError("Xvfb did not start")
        time.sleep(0.05)
    yield display
    process.terminate()
    process.wait(5)


@pytest.fixture
def x11_env(xvfb_display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = xvfb_display
    env["QT_QPA_PLATFORM"] = "xcb"
    return env


@pytest.fixture(scope="session")
def pulse_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A private PulseAudio with a null sink; the environment a child process plays with
    (tests/_support/pulse.py says why it runs this way)."""
    with private_pulse(tmp_path_factory.mktemp("pulse")) as env:
        yield env
