"""No devtools: a remote-debugging port would let anyone on the network read the pages.

Plain Python (no Qt), so the kiosk calls it before the QApplication exists and before
QtWebEngine is loaded, at no cost to the first paint.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping

log = logging.getLogger(__name__)

DEBUG_ENV = ("QTWEBENGINE_REMOTE_DEBUGGING",)
DEBUG_SWITCHES = ("--remote-debugging-port", "--remote-debugging-pipe", "--auto-open-devtools")


def refuse_remote_debugging(argv: list[str], environ: MutableMapping[str, str]) -> int:
    """Removes devtools switches from argv and the environment; returns how many.

    Call before QtWebEngine starts: a debugging port would let anyone on the network read
    the resident's pages.
    """
    removed = 0
    for name in DEBUG_ENV:
        if environ.pop(name, None) is not None:
            removed += 1
    for name in ("QTWEBENGINE_CHROMIUM_FLAGS",):
        flags = environ.get(name)
        if flags:
            kept = [f for f in flags.split() if not f.startswith(DEBUG_SWITCHES)]
            removed += len(flags.split()) - len(kept)
            environ[name] = " ".join(kept)
    kept_argv = [arg for arg in argv if not arg.startswith(DEBUG_SWITCHES)]
    removed += len(argv) - len(kept_argv)
    argv[:] = kept_argv
    if removed:
        log.warning("remote debugging refused: %d switch(es) removed", removed)
    return removed
