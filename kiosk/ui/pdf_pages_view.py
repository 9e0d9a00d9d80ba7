"""A PDF's pages as pictures, one under the other, scrolled by dragging a finger.

QtPdf draws each page (no browser PDF viewer, which cannot be locked down). Pages are
drawn only near what is on the screen, one per turn of the event loop, and far ones are
dropped again: a 40-page download neither freezes the kiosk nor fills its memory.
The resident's document stays in memory only while it is shown (`clear()`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QScroller, QWidget

from kiosk.i18n import N_, tr

MAX_PAGE_PX = 720
"""A page is never wider than this: the text of an A4 page is readable, and more of the
page fits on a landscape screen."""
MIN_PAGE_PX = 200
MARGIN_PX = 20
SPACING_PX = 24
PAPER = QColor("#FFFFFF")
EDGE = QColor("#000000")
"""The paper's edge: black on white paper, and white paper on a dark theme, show a page."""

PAGE_NAME = N_("Page {number} sur {total}")


class PdfPagesView(QScrollArea):
    """The pages of one PDF, fitted to the width; `rendered` when what is near is drawn."""

    rendered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._document = QPdfDocument(self)
        self._labels: list[QLabel] = []
        self._sizes: list[QSize] = []
        self._drawn: dict[int, int] = {}
        """Page index -> the width it was drawn at."""
        self._width = 0
        # Pages are placed by hand, not by a layout: their sizes are known from the PDF, and
        # a layout inside a scroll area lagged one resize behind (pages drawn over each other).
        self._container = QWidget(self)
        self._container.setObjectName("Document")
        self.setWidget(self._container)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw_next)
        self.verticalScrollBar().valueChanged.connect(self._schedule)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)

    def load(self, path: Path) -> int:
        """Shows `path`; returns its number of pages (0 if it does not open as a PDF)."""
        self.clear()
        error = self._document.load(str(path))
        count = self._document.pageCount()
        if error != QPdfDocument.Error.None_ or count <= 0:
            self._document.close()
            return 0
        for index in range(count):
            points = self._document.pagePointSize(index)
            self._sizes.append(QSize(max(1, round(points.width())), max(1, round(points.height()))))
            label = QLabel(self._container)
            label.setObjectName("PdfPage")
            label.show()
            self._labels.append(label)
        self.retranslate()
        self._fit()
        self.verticalScrollBar().setValue(0)
        self._schedule()
        return count

    def clear(self) -> None:
        """Forgets the document: its pictures, its file (the session folder can go)."""
        self._timer.stop()
        for label in self._labels:
            label.hide()
            label.deleteLater()
        self._labels.clear()
        self._sizes.clear()
        self._drawn.clear()
        self._width = 0
        self._container.setMinimumSize(0, 0)
        self._document.close()

    def page_count(self) -> int:
        return len(self._labels)

    def page_labels(self) -> list[QLabel]:
        return list(self._labels)

    def drawn_pages(self) -> list[int]:
        """Pages drawn at the current width (the others wait until they come near)."""
        return sorted(index for index, width in self._drawn.items() if width == self._width)

    def retranslate(self) -> None:
        total = len(self._labels)
        for number, label in enumerate(self._labels, start=1):
            label.setAccessibleName(tr(PAGE_NAME).format(number=number, total=total))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        self._schedule()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
        self._schedule()

    def _page_width(self) -> int:
        available = self.viewport().width() - 2 * MARGIN_PX
        return max(MIN_PAGE_PX, min(MAX_PAGE_PX, available))

    def _fit(self) -> None:
        """Sizes every page for the current width, drawn or not, so the scroll bar is true.

        Only once shown: before, the viewport's width is not the one the resident will see.
        """
        if not self._labels or not self.isVisible():
            return
        width = self._page_width()
        self._width = width
        x = max(MARGIN_PX, (self.viewport().width() - width) // 2)
        y = MARGIN_PX
        for label, points in zip(self._labels, self._sizes, strict=True):
            height = round(width * points.height() / points.width())
            label.setGeometry(x, y, width, height)
            y += height + SPACING_PX
        self._container.setMinimumSize(width + 2 * MARGIN_PX, y - SPACING_PX + MARGIN_PX)

    def _schedule(self) -> None:
        if self._labels:
            self._timer.start()

    def _near(self) -> list[int]:
        """Pages on the screen, and one screen's height above and below it."""
        top = self.verticalScrollBar().value()
        height = self.viewport().height()
        window = QRect(0, top - height, self._container.width(), 3 * height)
        return [i for i, label in enumerate(self._labels) if label.geometry().intersects(window)]

    def _draw_next(self) -> None:
        near = self._near()
        for index in near:
            if self._drawn.get(index) != self._width:
                self._draw(index)
                self._timer.start()  # one page per turn: the event loop keeps breathing
                return
        for index in list(self._drawn):  # far away: dropped, drawn again if it comes near
            if index not in near:
                self._labels[index].clear()
                del self._drawn[index]
        self.rendered.emit()

    def _draw(self, index: int) -> None:
        label = self._labels[index]
        size = label.size()
        ratio = self.devicePixelRatioF()
        pixels = QSize(round(size.width() * ratio), round(size.height() * ratio))
        page = self._document.render(index, pixels)
        image = QImage(pixels, QImage.Format.Format_RGB32)
        image.fill(PAPER)  # PDF pages are transparent where nothing is printed
        painter = QPainter(image)
        painter.drawImage(0, 0, page)
        edge = max(2, round(2 * ratio))
        painter.setPen(QPen(EDGE, edge))
        painter.drawRect(QRect(edge // 2, edge // 2, pixels.width() - edge, pixels.height() - edge))
        painter.end()
        picture = QPixmap.fromImage(image)
        picture.setDevicePixelRatio(ratio)
        label.setPixmap(picture)
        self._drawn[index] = self._width
