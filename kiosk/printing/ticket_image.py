"""A ticket drawn by Qt, for scripts a thermal printer cannot spell, and for the demo's PNGs.

Printers' code pages have no Arabic shaping and no right-to-left order, and most have no
Romanian or Ukrainian letters: Qt shapes and orders text itself, so such tickets are drawn
here with the Noto fonts the screens use, then thresholded to black and white (no
dithering: grey edges would turn letters into dust) and sent as raster images.

Painting on a QImage needs a QGuiApplication but no widgets, and is safe on a worker thread.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QTextLayout,
    QTextOption,
    qGray,
)

from kiosk import fonts
from kiosk.printing.ticket_layout import Block, Kind, Paper, Style

MARGIN = 8
QR_MODULE_DOTS = 6
PIXEL_SIZES = {
    Style.HEADER: 24,
    Style.HEADER_BOLD: 26,
    Style.TITLE: 34,
    Style.NUMBER: 120,
    Style.BODY: 26,
    Style.LABEL: 26,
    Style.SMALL: 22,
}
BOLD = (Style.HEADER_BOLD, Style.TITLE, Style.NUMBER, Style.LABEL)


def load_fonts() -> list[str]:
    """The Noto families the screens use (kiosk/fonts.py): a ticket looks like what was shown."""
    return fonts.load()


def _font(style: Style) -> QFont:
    font = QFont()
    font.setFamilies(load_fonts() or list(fonts.FAMILIES))
    font.setPixelSize(PIXEL_SIZES[style])
    font.setBold(style in BOLD)
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    return font


def first_strong_is_rtl(text: str, default: bool) -> bool:
    """The paragraph's own direction: a French address stays left to right in Arabic."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return default


class _Painter:
    """Lays blocks out once to measure them, then draws them at the measured places."""

    def __init__(self, paper: Paper, rtl: bool, draw_qr: bool) -> None:
        self.paper = paper
        self.rtl = rtl
        self.draw_qr = draw_qr
        self.width = paper.dots - 2 * MARGIN
        self._device = QImage(1, 1, QImage.Format.Format_RGB32)

    def _paragraph(self, block: Block, indent: int) -> tuple[QTextLayout, float]:
        layout = QTextLayout(block.text, _font(block.style), self._device)
        rtl = first_strong_is_rtl(block.text, self.rtl)
        if block.centered:
            align = Qt.AlignmentFlag.AlignHCenter
        elif self.rtl:
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
        else:
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        layout.setTextOption(option)
        height = 0.0
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(self.width - indent)
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, height

    def _qr_matrix(self, payload: str) -> list[list[bool]]:
        import qrcode  # python-escpos's own dependency

        code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(payload)
        code.make(fit=True)
        return [[bool(cell) for cell in row] for row in code.get_matrix()]

    def _box_size(self, style: Style) -> int:
        return int(PIXEL_SIZES[style] * 0.8)

    def _height(self, block: Block) -> float:
        if block.kind is Kind.RULE:
            return 18
        if block.kind is Kind.GAP:
            return 14
        if block.kind is Kind.QR:
            return len(self._qr_matrix(block.text)) * QR_MODULE_DOTS + 12 if self.draw_qr else 0
        indent = self._box_size(block.style) * 3 // 2 if block.box else 0
        return self._paragraph(block, indent)[1]

    def image(self, blocks: Iterable[Block]) -> QImage:
        blocks = list(blocks)
        height = int(sum(self._height(block) for block in blocks)) + 2 * MARGIN
        image = QImage(self.paper.dots, max(height, 1), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            painter.setPen(QColor("black"))
            y = float(MARGIN)
            for block in blocks:
                y = self._draw(painter, block, y)
        finally:
            painter.end()
        return image

    def _draw(self, painter: QPainter, block: Block, y: float) -> float:
        if block.kind is Kind.RULE:
            painter.fillRect(QRectF(MARGIN, y + 8, self.width, 2), QColor("black"))
            return y + 18
        if block.kind is Kind.GAP:
            return y + 14
        if block.kind is Kind.QR:
            if not self.draw_qr:
                return y
            matrix = self._qr_matrix(block.text)
            left = (self.paper.dots - len(matrix) * QR_MODULE_DOTS) // 2
            for row, cells in enumerate(matrix):
                for col, dark in enumerate(cells):
                    if dark:
                        painter.fillRect(
                            left + col * QR_MODULE_DOTS,
                            int(y) + 6 + row * QR_MODULE_DOTS,
                            QR_MODULE_DOTS,
                            QR_MODULE_DOTS,
                            QColor("black"),
                        )
            return y + len(matrix) * QR_MODULE_DOTS + 12
        box = self._box_size(block.style)
        indent = box * 3 // 2 if block.box else 0
        layout, height = self._paragraph(block, indent)
        x = MARGIN if self.rtl else MARGIN + indent
        layout.draw(painter, QPointF(x, y))
        if block.box:
            first = layout.lineAt(0)
            top = y + first.ascent() - box
            left = MARGIN + self.width - box if self.rtl else MARGIN
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = painter.pen()
            pen.setWidth(3)
            painter.setPen(pen)
            painter.drawRect(QRectF(left + 1.5, top + 1.5, box - 3, box - 3))
        return y + height


def ticket_image(blocks: Iterable[Block], paper: Paper, rtl: bool, draw_qr: bool = True) -> QImage:
    """The blocks drawn as a thermal printer prints them: black on white, `paper.dots` wide.

    With `draw_qr` off, QR blocks take no room: the printer draws them itself, natively.
    """
    image = _Painter(paper, rtl, draw_qr).image(blocks)
    return image.convertToFormat(
        QImage.Format.Format_Mono,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.MonoOnly,
    )


def raster_rows(image: QImage) -> tuple[int, list[bytes]]:
    """A 1-bit image as ESC/POS raster rows: (bytes per row, rows), bit 1 = a black dot."""
    mono = image.convertToFormat(
        QImage.Format.Format_Mono,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.MonoOnly,
    )
    width_bytes = (mono.width() + 7) // 8
    table = mono.colorTable()
    one_is_black = len(table) > 1 and qGray(table[1]) < qGray(table[0])
    spare = width_bytes * 8 - mono.width()
    last_mask = (0xFF << spare) & 0xFF
    data = bytes(mono.constBits())
    per_line = mono.bytesPerLine()
    rows = []
    for y in range(mono.height()):
        row = bytearray(data[y * per_line : y * per_line + width_bytes])
        if not one_is_black:
            row = bytearray(b ^ 0xFF for b in row)
        row[-1] &= last_mask
        rows.append(bytes(row))
    return width_bytes, rows
