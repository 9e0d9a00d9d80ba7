"""A kiosk document (a flow's checklist or summary, a directory entry) as an A4 PDF.

Laid out with QtGui only (QTextDocument on a QPdfWriter), so it runs without widgets and
keeps real text in the PDF (searchable, and what the tests read back with pdftotext).
Text goes in through QTextCursor, never as HTML, so nothing a line contains can be taken
for markup. Arabic, Persian and Pashto are laid out right to left; the fonts are the
Noto families the UI loads (kiosk/fonts.py; the print controller passes fonts.load()), so the
paper shows the glyphs the screen showed.

Nothing of the document goes into the PDF's metadata: no title, no subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from kiosk import fonts
from kiosk.flows.documents import Document
from kiosk.i18n.languages import LANGUAGES

DEFAULT_FAMILIES = fonts.FAMILIES
RESOLUTION_DPI = 300
MARGIN_MM = 20.0
BODY_PT, TITLE_PT, HEADER_PT = 12, 20, 10
RIGHT_TO_LEFT = frozenset(lang.code for lang in LANGUAGES if lang.right_to_left)


def _font(families: Sequence[str], points: int, bold: bool = False) -> QFont:
    """Latin ligatures off: "fi" printed as one glyph lost its text on the way through CUPS
    (pdftops, Ghostscript), and the PDF's text is what copy, search and tests read.
    Arabic keeps its required ligatures (rlig), which shaping cannot do without."""
    font = QFont()
    font.setFamilies(list(families))
    font.setPointSize(points)
    font.setBold(bold)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _char_format(families: Sequence[str], points: int, bold: bool = False) -> QTextCharFormat:
    char = QTextCharFormat()
    char.setFont(_font(families, points, bold))
    return char


def write_a4_pdf(
    document: Document,
    path: Path,
    *,
    header: str = "",
    language: str = "fr",
    families: Sequence[str] = DEFAULT_FAMILIES,
) -> int:
    """Writes `document` to `path` (A4, 20 mm margins); returns the number of pages.

    `header` is the town hall's line printed above the title (from the configuration).
    """
    rtl = language in RIGHT_TO_LEFT
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION_DPI)
    writer.setCreator("kiosk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    text.setDefaultFont(_font(families, BODY_PT))
    option = QTextOption()
    option.setTextDirection(direction)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    text.setDefaultTextOption(option)
    paint = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    text.setPageSize(QSizeF(paint.width(), paint.height()))
    text.setDocumentMargin(0)

    cursor = QTextCursor(text)
    block = QTextBlockFormat()
    block.setLayoutDirection(direction)
    first = True

    def paragraph(line: str, char: QTextCharFormat, space_after_pt: float = 0.0) -> None:
        nonlocal first
        fmt = QTextBlockFormat(block)
        fmt.setBottomMargin(space_after_pt * RESOLUTION_DPI / 72)
        if first:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(char)
            first = False
        else:
            cursor.insertBlock(fmt, char)
        cursor.insertText(line, char)

    if header:
        header_format = _char_format(families, HEADER_PT)
        header_format.setForeground(QColor("#444444"))
        for line in header.splitlines():
            paragraph(line, header_format)
        paragraph("", header_format, 6)
    paragraph(document.title, _char_format(families, TITLE_PT, bold=True), 12)
    body = _char_format(families, BODY_PT)
    for line in document.lines:
        paragraph(line, body, 3)

    text.print_(writer)
    pages = text.pageCount()
    del writer  # the file is complete once the writer is gone
    return pages
