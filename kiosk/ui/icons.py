"""Pictograms (Tabler icons, MIT: see icons/SOURCES.md), recoloured to the theme."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent / "icons"


def icon_path(name: str) -> Path:
    return ICON_DIR / f"{name}.svg"


@lru_cache(maxsize=256)
def pixmap(name: str, colour: str, size: int, mirrored: bool = False) -> QPixmap:
    """`name` drawn in `colour` at `size` px; an unknown name gives the info pictogram."""
    path = icon_path(name)
    if not path.is_file():
        path = icon_path("info")
    data = path.read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(data.encode()))
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    if mirrored:
        painter.translate(size, 0)
        painter.scale(-1, 1)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image
