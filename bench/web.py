"""Web: from the tap on a service to its first painted page, the wipe, and memory over 500 sessions.

The official sites are stood in for by the local HTTPS server of the tests
(tests/integration/web/servers.py), started in this process; the Chromium flags that map
the production host names to it go to every child, which runs offscreen in a fresh
XDG_RUNTIME_DIR (and without Chromium's sandbox as root, as the tests do).

The kiosk child (bench/web_kiosk.py) is the real kiosk (`kiosk.cli.main --config ...
--windowed`, so `kiosk.app.run()` with everything it starts after the first paint), with
a driver that acts as a resident does once the attract screen has shown: it opens the
shipped flow ameli-attestation, taps its way to the web step and measures, session after
session:

- web_first_paint_s: from the tap on the web step's button ("Aller sur le site ...") to
  the first frame of the kiosk's web view that shows the page (after loadFinished(ok), a
  grab() that is not one uniform colour), median of the sessions. The driver first lets
  0.3 s pass, as a resident reads the step, and waits (5 s at most) for the engine's
  warm-up: web_warm_at_tap says how many taps found it warm. The first session of the
  process is reported apart (web_first_paint_first_session_s), and the time to
  loadFinished(ok) beside (web_load_finished_s);
- wipe_ms: with the service's page open and storage.html having written every kind of
  storage, from the tap on "Oui, tout effacer" (Terminer) to the first paint of a clean
  attract screen (every wiper reported clean; `wiped_message_s = 0` so that the
  configured pause of the "wiped" message is not counted), median; wipe_ms_login_hop is
  the same after a session that also went through a FranceConnect login's sites (four
  origins for the web wiper to probe in the next profile), reported beside it;
- soak_pss_growth_pct: in a second kiosk child, PSS (from /proc/PID/smaps_rollup) summed
  over the kiosk and all its QtWebEngineProcess descendants after 500 wiped sessions
  (each loads the service page and storage.html), against after the first 10; each point
  is the median of 5 readings after a 2 s pause. The figure is the PSS of anonymous and
  shared memory (Pss_Anon + Pss_Shmem: what the kiosk and its renderers allocate, where a
  leak shows); the file-backed share of the libraries depends on how many other
  processes on the machine map them, so the total PSS is reported beside it
  (soak_pss_total_growth_pct), not judged. With `--runs` under 15 the soak is shortened
  to 10 x runs sessions (at least 20) for a quick check, and says so (soak_sessions).

The baseline is bench/bare_webengine.py: a bare, cold QWebEngineView in a fresh process
(its QApplication already made) loading the same page, from the view's creation — what a
kiosk without warm-up does on the tap — to its first painted frame; half of its runs go
before the kiosk child and half after, so drift on the machine hits both. The same
baseline timed from load() only, the view made beforehand, is reported beside it
(bare_webengine_load_only_s, web_ratio_vs_bare_load_only), not judged.

As a resident reads a web step before tapping "Aller sur le site", the kiosk loads the
service's start page and has Chromium draw it under the step, out of sight and out of
reach (ShellWindow.show_beneath: Chromium draws no frame for a hidden view, and showing
one cost 50 to 120 ms); the driver reads the step for READ_PAUSE_S, then until the kiosk
is warm, then taps (bench/web_kiosk.py). web_load_finished_s near 0 says the page was
loaded before the tap.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _harness import (
    BENCH_DIR,
    ROOT,
    BenchError,
    Figures,
    Options,
    headless_env,
    median,
    progress,
    register,
)

TARGET_RATIO = 0.5
TARGET_WIPE_MS = 300
TARGET_SOAK_PCT = 10
SOAK_SESSIONS = 500
SOAK_BASELINE_AFTER = 10
SERVICE_URL = "https://www.ameli.fr/"  # ameli-attestation's web step (bench/web_kiosk.py)


def _web_env() -> tuple[dict[str, str], str]:
    """A child's environment: offscreen, fresh runtime dir, host names mapped to the server."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.integration.web.servers import chromium_flags

    extra = {"QTWEBENGINE_CHROMIUM_FLAGS": chromium_flags(), "PYTHONUNBUFFERED": "1"}
    if os.geteuid() == 0:
        extra["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # only as root (FIELD-NOTES.md)
    return headless_env(extra)


def _bare_once(options: Options) -> tuple[float, float]:
    env, runtime_dir = _web_env()
    command = (sys.executable, str(BENCH_DIR / "bare_webengine.py"), SERVICE_URL)
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=options.timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchError("bare_webengine.py did not paint in time") from None
    finally:
        shutil.rmtree(runtime_dir, ignore_errors=True)
    painted = [line for line in result.stdout.splitlines() if line.startswith("painted ")]
    if result.returncode != 0 or not painted:
        tail = "\n  ".join(result.stderr.strip().splitlines()[-10:])
        raise BenchError(f"bare_webengine.py exited with {result.returncode}:\n  {tail}")
    after_load = [line for line in result.stdout.splitlines() if line.startswith("painted_after")]
    return float(painted[-1].split()[1]), float(after_load[-1].split()[1])


def _kiosk_child(mode: str, sessions: int, timeout_s: float) -> dict[str, Any]:
    """Runs the real kiosk with the driver in `mode` ("sessions" or "soak"); its JSON."""
    env, runtime_dir = _web_env()
    config = Path(runtime_dir) / "kiosk.toml"
    config.write_text(
        f"""
[session]
folder_root = "{Path(runtime_dir) / "sessions"}"
wiped_message_s = 0.0
warning_sound = false
[printing]
state_folder = "{Path(runtime_dir) / "state"}"
""",
        encoding="utf-8",
    )
    command = [sys.executable, str(BENCH_DIR / "web_kiosk.py"), mode, str(sessions), str(config)]
    with tempfile.TemporaryFile(mode="w+") as stderr:
        child = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
            text=True,
        )
        assert child.stdout is not None
        deadline = time.monotonic() + timeout_s
        result: dict[str, Any] | None = None
        try:
            for line in child.stdout:  # progress lines, then the JSON
                if line.startswith("progress "):
                    progress(line.removeprefix("progress ").strip())
                elif line.startswith("{"):
                    result = json.loads(line)
                if time.monotonic() > deadline:
                    break
            child.wait(max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            shutil.rmtree(runtime_dir, ignore_errors=True)
        if result is None or "error" in result:
            stderr.seek(0)
            tail = "\n  ".join(stderr.read().strip().splitlines()[-15:])
            why = result["error"] if result else f"exited with {child.returncode}"
            raise BenchError(f"the kiosk web child ({mode}) failed: {why}:\n  {tail}")
        return result


def _soak_sessions(options: Options) -> int:
    if options.runs >= Options().runs:
        return SOAK_SESSIONS
    return max(2 * SOAK_BASELINE_AFTER, 10 * options.runs)


@register("web")
def web(options: Options) -> Figures:
    _bare_once(options)  # warm-up, not measured: bytecode and disk caches
    half = max(1, options.runs // 2)
    bare = [_bare_once(options) for _ in range(half)]
    progress(f"web: {options.runs} kiosk sessions (tap to painted page, wipe)")
    runs = _kiosk_child("sessions", options.runs, options.timeout_s + 10 * options.runs)
    bare += [_bare_once(options) for _ in range(max(1, options.runs - half))]
    if options.verbose:
        for index, (paint, wipe) in enumerate(zip(runs["paint_s"], runs["wipe_ms"], strict=True)):
            progress(f"web session {index + 1}: painted {paint:.3f} s, wiped {wipe:.0f} ms")
        progress("bare WebEngine: " + ", ".join(f"{b[0]:.3f}" for b in bare))
    sessions = _soak_sessions(options)
    progress(f"web: soak of {sessions} wiped sessions (PSS of the kiosk and its renderers)")
    soak = _kiosk_child("soak", sessions, options.timeout_s + 8 * sessions)
    first_paint = median(runs["paint_s"])
    bare_paint = median([b[0] for b in bare])
    bare_load_only = median([b[1] for b in bare])
    start, end = soak["start"], soak["end"]

    def growth(key: str) -> float:
        return round(100 * (end[key] - start[key]) / start[key], 2)

    return {
        "web_first_paint_s": first_paint,
        "web_first_paint_first_session_s": round(runs["paint_s"][0], 4),
        "web_load_finished_s": median(runs["loaded_s"]),
        "web_warm_at_tap": f"{runs['warm_at_tap']}/{len(runs['paint_s'])}",
        "bare_webengine_first_paint_s": bare_paint,
        "web_ratio_vs_bare_webengine": round(first_paint / bare_paint, 3),
        "bare_webengine_load_only_s": bare_load_only,
        "web_ratio_vs_bare_load_only": round(first_paint / bare_load_only, 3),
        "web_ratio_target": TARGET_RATIO,
        "wipe_ms": round(median(runs["wipe_ms"]), 1),
        "wipe_runner_ms": round(median(runs["runner_ms"]), 1),
        "wipe_web_wiper_ms": round(median(runs["web_wiper_ms"]), 1),
        "wipe_ms_login_hop": round(median(runs["login_hop"]["wipe_ms"]), 1),
        "wipe_web_wiper_ms_login_hop": round(median(runs["login_hop"]["web_wiper_ms"]), 1),
        "wipe_login_hop_origins": int(median(runs["login_hop"]["origins"])),
        "wipe_target_ms": TARGET_WIPE_MS,
        "soak_pss_growth_pct": growth("owned"),
        "soak_pss_total_growth_pct": growth("Pss"),
        "soak_pss_start_mb": round(start["owned"] / 1024, 1),
        "soak_pss_end_mb": round(end["owned"] / 1024, 1),
        "soak_pss_kiosk_process_start_mb": round(start["kiosk_owned"] / 1024, 1),
        "soak_pss_kiosk_process_end_mb": round(end["kiosk_owned"] / 1024, 1),
        "soak_pss_total_start_mb": round(start["Pss"] / 1024, 1),
        "soak_pss_total_end_mb": round(end["Pss"] / 1024, 1),
        "soak_processes": end["processes"],
        "soak_sessions": sessions,
        "soak_target_pct": TARGET_SOAK_PCT,
    }
