"""Startup: spawn to first painted screen, the kiosk against a bare PySide6 window.

The kiosk runs as `python -m kiosk --demo --windowed` with KIOSK_EXIT_AFTER_PAINT=1: it
prints `painted ...` once its attract screen has been painted, then quits (see
kiosk/app.py). bench/bare_qt.py does the same with one plain widget. Runs alternate
(bare, kiosk, bare, kiosk, ...) so that drift on the machine hits both alike, after one
unmeasured warm-up of each (bytecode and disk caches). The ratio is the median of the
ratios of each pair.
"""

from __future__ import annotations

import shutil
import sys

from _harness import (
    BENCH_DIR,
    Figures,
    Options,
    headless_env,
    median,
    progress,
    register,
    time_until_line,
)

TARGET_RATIO = 1.5

KIOSK = (sys.executable, "-m", "kiosk", "--demo", "--windowed")
BARE_QT = (sys.executable, str(BENCH_DIR / "bare_qt.py"))


def _once(command: tuple[str, ...], options: Options) -> float:
    env, runtime_dir = headless_env({"KIOSK_EXIT_AFTER_PAINT": "1"})
    try:
        return time_until_line(command, "painted", env, options.timeout_s)
    finally:
        shutil.rmtree(runtime_dir, ignore_errors=True)


@register("startup")
def startup(options: Options) -> Figures:
    _once(BARE_QT, options)  # warm-up, not measured
    _once(KIOSK, options)
    bare: list[float] = []
    kiosk: list[float] = []
    for index in range(options.runs):
        bare.append(_once(BARE_QT, options))
        kiosk.append(_once(KIOSK, options))
        if options.verbose:
            progress(
                f"startup run {index + 1}/{options.runs}: "
                f"bare Qt {bare[-1]:.3f} s, kiosk {kiosk[-1]:.3f} s"
            )
    # Each kiosk run is compared with the bare run just before it, and the median of those
    # ratios is reported: a busy moment on the machine slows both runs of a pair alike.
    ratios = sorted(k / b for k, b in zip(kiosk, bare, strict=True))
    quarter = len(ratios) // 4
    return {
        "startup_s": median(kiosk),
        "bare_qt_startup_s": median(bare),
        "startup_ratio_vs_bare_qt": round(median(ratios), 3),
        "startup_ratio_quartiles": [round(ratios[quarter], 3), round(ratios[-1 - quarter], 3)],
        "startup_target_ratio": TARGET_RATIO,
    }
