"""The fonts the screens draw with: Noto for every shipped script (kiosk/fonts.py loads
the files), the kiosk's base font, and a check for glyphs the fonts lack."""

from __future__ import annotations

import logging
import unicodedata

from PySide6.QtGui import QFont, QRawFont

from kiosk import fonts as shared

log = logging.getLogger(__name__)

# The files and families are declared once, for screens and paper alike.
FILES, FAMILIES, NOTO_DIR = shared.FILES, shared.FAMILIES, shared.NOTO_DIR


def load() -> list[str]:
    """Registers the Noto files (once); returns the families available, or [] if missing."""
    return shared.load()


def kiosk_font(point_size: int = 22) -> QFont:
    font = QFont()
    font.setFamilies(load() or list(FAMILIES))
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
