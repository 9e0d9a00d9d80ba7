"""Real components started by the suite: here, an X server (Xvfb) for X11-only behaviour."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


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
    """A private PulseAudio with a null sink; the environment a child process plays with.

    It runs as root in CI (hence -n and a private XDG_RUNTIME_DIR: no system config, no
    session bus). QtMultimedia lists the null sink as "Null Output". The null sink, when no
    stream asks for low latency, renders 2 s ahead and does not rewind for a stream that
    joins: the first samples of a new stream then waited 1.5 to 1.7 s. A silent stream at
    10 ms latency (pacat from /dev/zero) keeps its clock fine-grained, as a sound card's
    is, so what the tests measure is the kiosk, not the null sink.
    """
    pulseaudio, pacat = shutil.which("pulseaudio"), shutil.which("pacat")
    assert pulseaudio and pacat, "PulseAudio is missing: run `make setup` (pulseaudio)"
    runtime = tmp_path_factory.mktemp("pulse")
    runtime.chmod(0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    daemon = subprocess.Popen(
        [
            pulseaudio,
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "--load=module-null-sink sink_name=kiosk_null",
            "--load=module-native-protocol-unix auth-anonymous=1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = runtime / "pulse" / "native"
    deadline = time.monotonic() + 10
    while not socket.exists():
        if daemon.poll() is not None or time.monotonic() > deadline:
            daemon.kill()
            raise AssertionError("pulseaudio did not start")
        time.sleep(0.05)
    child_env = {"PULSE_SERVER": f"unix:{socket}", "XDG_RUNTIME_DIR": str(runtime)}
    silence = ["--playback", "--latency-msec=10", "--volume=0", "--client-name=keepalive"]
    keepalive = subprocess.Popen(
        [pacat, *silence, "/dev/zero"],
        stdin=subprocess.DEVNULL,
        env={**os.environ, **child_env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield child_env
    for process in (keepalive, daemon):
        process.terminate()
        process.wait(5)
