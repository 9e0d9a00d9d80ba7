"""The fonts the kiosk draws with: Noto, for every shipped script, loaded explicitly.

Loading the files ourselves (rather than trusting whatever fontconfig picks) makes the
kiosk, the tests and the screenshots draw the same glyphs on every machine: Noto Sans for
Latin and Cyrillic, Noto Sans Arabic for Arabic, Persian and Pashto.
"""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

log = logging.getLogger(__name__)

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
)
FAMILIES = ["Noto Sans", "Noto Sans Arabic"]

_loaded: list[str] = []


def load() -> list[str]:
    """Registers the Noto files (once); returns the families available, or [] if missing."""
    if _loaded:
        return _loaded
    missing = [name for name in FILES if not (NOTO_DIR / name).is_file()]
    if missing:
        log.warning("fonts missing (install fonts-noto-core): %s", ", ".join(missing))
    for name in FILES:
        path = NOTO_DIR / name
        if path.is_file() and QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("font not loaded: %s", name)
    _loaded.extend(f for f in FAMILIES if f in QFontDatabase.families())
    return _loaded


def kiosk_font(point_size: int = 22) -> QFont:
    font = QFont()
    font.setFamilies(load() or FAMILIES)
    font.setPointSize(point_size)
    return font


def missing_glyphs(text: str) -> set[str]:
    """The characters of `text` that none of the kiosk's fonts can draw."""
    raws = [QRawFont.fromFont(QFont(family)) for family in load()]
    return {
        ch
        for ch in set(text)
        if not ch.isspace()
        and unicodedata.category(ch) not in ("Cc", "Cf")  # controls, direction marks
        and not any(raw.supportsCharacter(ord(ch)) for raw in raws)
    }
