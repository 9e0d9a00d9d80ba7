"""The attract screen is painted before anything it does not need is loaded.

Start-up is measured against bare Qt (bench/startup.py, target 1.5): a module imported at
the top of one used before the first paint costs every start. Here the real kiosk runs in a
child process until its first paint, and the modules loaded by then are read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
import kiosk.app as app_module
from PySide6.QtCore import QCoreApplication

def at_paint(shell, app):
    def painted():
        print("LOADED " + json.dumps(sorted(sys.modules)), flush=True)
        QCoreApplication.quit()
    shell.painted.connect(painted)

app_module._exit_after_paint = at_paint
from kiosk.cli import main
main(["--demo", "--windowed"])
"""

NOT_BEFORE_PAINT = (
    "kiosk.flows.documents",  # the flows, their YAML and documents: built after the paint
    "kiosk.flows.library",
    "yaml",
    "kiosk.printing.service",  # pycups and python-escpos: started after the paint
    "cups",
    "escpos",
    "kiosk.web.engine",  # QtWebEngine: made after the paint
    "PySide6.QtWebEngineCore",
    "pyttsx3",  # speech: started after the paint
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
)


def test_what_the_attract_screen_does_not_need_is_loaded_after_its_first_paint(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("LOADED ")]
    assert lines, result.stderr[-2000:]
    loaded = set(json.loads(lines[0].removeprefix("LOADED ")))
    assert "kiosk.ui.shell" in loaded  # (the check sees the kiosk's own modules)
    assert sorted(loaded & set(NOT_BEFORE_PAINT)) == []
