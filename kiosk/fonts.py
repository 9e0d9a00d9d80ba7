"""The Noto files the kiosk draws with, on screen and on paper (QtGui only, no widgets).

Loading the files ourselves (rather than trusting whatever fontconfig picks) makes the
screens, the printed pages and tickets, the tests and the screenshots draw the same
glyphs on every machine: Noto Sans for Latin and Cyrillic, Noto Sans Arabic for Arabic,
Persian and Pashto. Safe from any thread (tickets are drawn on a print worker).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
)
FAMILIES = ("Noto Sans", "Noto Sans Arabic")

_lock = threading.Lock()
_loaded: list[str] = []


def load() -> list[str]:
    """Registers the Noto files (once); returns the families available, or [] if missing."""
    with _lock:
        if _loaded:
            return list(_loaded)
        missing = [name for name in FILES if not (NOTO_DIR / name).is_file()]
        if missing:
            log.warning("fonts missing (install fonts-noto-core): %s", ", ".join(missing))
        for name in FILES:
            path = NOTO_DIR / name
            if path.is_file() and QFontDatabase.addApplicationFont(str(path)) < 0:
                log.warning("font not loaded: %s", name)
        known = set(QFontDatabase.families())
        _loaded.extend(family for family in FAMILIES if family in known)
        return list(_loaded)
