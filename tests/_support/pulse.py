"""A private PulseAudio with a null sink, for the speech tests and the speech benchmark.

It runs as root in CI (hence -n and a private XDG_RUNTIME_DIR: no system config, no
session bus). QtMultimedia lists the null sink as "Null Output". The null sink, when no
stream asks for low latency, renders 2 s ahead and does not rewind for a stream that
joins: the first samples of a new stream then waited 1.5 to 1.7 s. A silent stream at
10 ms latency (pacat from /dev/zero) keeps its clock fine-grained, as a sound card's is,
so what is measured is the kiosk, not the null sink.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def private_pulse(runtime: Path) -> Iterator[dict[str, str]]:
    """Starts PulseAudio in `runtime` (a private folder); yields PULSE_SERVER and
    XDG_RUNTIME_DIR for the processes that play; stops it at the end."""
    pulseaudio, pacat = shutil.which("pulseaudio"), shutil.which("pacat")
    if not (pulseaudio and pacat):
        raise RuntimeError("PulseAudio is missing: run `make setup` (pulseaudio, pacat)")
    runtime.chmod(0o700)
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
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    keepalive: subprocess.Popen[bytes] | None = None
    try:
        socket = runtime / "pulse" / "native"
        deadline = time.monotonic() + 10
        while not socket.exists():
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("pulseaudio did not start")
            time.sleep(0.05)
        env = {"PULSE_SERVER": f"unix:{socket}", "XDG_RUNTIME_DIR": str(runtime)}
        silence = ["--playback", "--latency-msec=10", "--volume=0", "--client-name=keepalive"]
        keepalive = subprocess.Popen(
            [pacat, *silence, "/dev/zero"],
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        yield env
    finally:
        for process in (keepalive, daemon):
            if process is not None:
                process.terminate()
                process.wait(5)
