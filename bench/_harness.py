"""What every benchmark shares: the registry, the options, and timing a child process.

A benchmark is a module `bench/NAME.py` with a function decorated `@register("NAME")`;
`bench/run` imports every module of this folder (except `_*.py`), so registering is all
a new benchmark has to do. The function gets the `Options` and returns a flat dict of
figures; `bench/run` merges them into one JSON object.

Programs that a benchmark starts as a child (like `bare_qt.py`) keep their work under
`if __name__ == "__main__":`, so importing them registers nothing and costs nothing.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"

Figures = dict[str, Any]


@dataclass(frozen=True)
class Options:
    runs: int = 15
    timeout_s: float = 60.0
    verbose: bool = False


Benchmark = Callable[[Options], Figures]
BENCHMARKS: dict[str, Benchmark] = {}


def register(name: str) -> Callable[[Benchmark], Benchmark]:
    def decorate(function: Benchmark) -> Benchmark:
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} is registered twice")
        BENCHMARKS[name] = function
        return function

    return decorate


class BenchError(RuntimeError):
    """A benchmark could not measure (the child failed, hung or never printed its line)."""


def progress(message: str) -> None:
    """Progress goes to stderr: stdout carries only the JSON object."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


_BYTECODE_CACHE = tempfile.TemporaryDirectory(prefix="kiosk-bench-pyc-")


def headless_env(extra: Mapping[str, str] | None = None) -> tuple[dict[str, str], str]:
    """The environment of a measured child: offscreen Qt and a fresh, private runtime dir.

    A fresh XDG_RUNTIME_DIR means the child's control socket and session folders never
    meet a kiosk that is running on this machine. Bytecode is cached (in a folder of this
    bench run, so the tree stays clean) even where PYTHONDONTWRITEBYTECODE is set: an
    installed kiosk starts from compiled bytecode, and recompiling every module on every
    start would measure the compiler. Returns (env, runtime_dir); the caller removes
    runtime_dir.
    """
    runtime_dir = tempfile.mkdtemp(prefix="kiosk-bench-")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": runtime_dir,
            "PYTHONPYCACHEPREFIX": _BYTECODE_CACHE.name,
        }
    )
    env.update(extra or {})
    return env, runtime_dir


def time_until_line(
    command: Sequence[str], marker: str, env: Mapping[str, str], timeout_s: float
) -> float:
    """Seconds from spawning `command` to the moment it prints a line starting with `marker`.

    The child is then left to finish on its own (it quits after printing). A child still
    running after `timeout_s` is killed, whether it printed the line or not.
    """
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            list(command),
            stdout=subprocess.PIPE,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env=dict(env),
            cwd=ROOT,
            text=True,
        )
        watchdog = threading.Timer(timeout_s, child.kill)
        watchdog.start()
        elapsed: float | None = None
        try:
            assert child.stdout is not None
            for line in child.stdout:
                if line.startswith(marker):
                    elapsed = time.perf_counter() - start
                    break
            child.stdout.close()
            child.wait()
        finally:
            timed_out = not watchdog.is_alive() and child.returncode == -signal.SIGKILL
            watchdog.cancel()
        if timed_out:
            what = "did not quit" if elapsed is not None else f"printed no {marker!r} line"
            raise BenchError(f"{' '.join(command)} {what} within {timeout_s} s; killed")
        if elapsed is None:
            stderr.seek(0)
            tail = stderr.read().decode(errors="replace").strip().splitlines()[-15:]
            raise BenchError(
                f"{' '.join(command)} exited with {child.returncode} before printing "
                f"{marker!r}:\n  " + "\n  ".join(tail)
            )
        return elapsed


def median(samples: Sequence[float]) -> float:
    return round(statistics.median(samples), 4)


def median_ms(values: Sequence[float]) -> float:
    """The median of milliseconds, to a tenth."""
    return round(statistics.median(values), 1)


def run_child(
    script: str, name: str, options: Options, extra_env: Mapping[str, str] | None = None
) -> Any:
    """Runs `script --child RUNS` headless and returns the JSON of its last stdout line.

    For benchmarks that measure inside one child process (speech, printing): the child
    prints its samples as one JSON line; a failure or a timeout is a BenchError with the
    end of its stderr.
    """
    import json

    env, runtime_dir = headless_env(extra_env)
    try:
        result = subprocess.run(
            [sys.executable, script, "--child", str(options.runs)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=options.timeout_s + 5 * options.runs,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"the {name} child did not finish in time") from None
    finally:
        shutil.rmtree(runtime_dir, ignore_errors=True)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        tail = "\n  ".join(result.stderr.strip().splitlines()[-15:])
        raise BenchError(f"the {name} child exited with {result.returncode}:\n  {tail}")
    return json.loads(lines[-1])
