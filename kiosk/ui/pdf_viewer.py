"""A locked PDF viewer for the session's downloads: read, turn pages, zoom, print.

Chromium's own PDF viewer offers saving, printing dialogs and links out of the kiosk, so
it is off (kiosk/web/settings.py); QtPdf draws the pages instead, with nothing but big
buttons: no save, no file dialog, no context menu, no drops, no text selection.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScroller, QVBoxLayout, QWidget

from kiosk.i18n import N_, tr
from kiosk.ui import widgets
from kiosk.ui.screens.base import numbered
from kiosk.ui.widgets import BigButton

log = logging.getLogger(__name__)

TITLE = N_("Votre document")
PAGE_OF = N_("Page {number} / {total}")
PREVIOUS = N_("Page précédente")
NEXT = N_("Page suivante")
BIGGER = N_("Plus grand")
SMALLER = N_("Plus petit")
PRINT = N_("Imprimer")
CLOSE = N_("Revenir au site")
ZOOM_LEVEL = N_("Taille : {percent} %")
UNREADABLE = N_("Ce document ne peut pas être affiché sur cette borne.")

ZOOM_STEPS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)
"""1.0 is the page's width fitted to the screen; each step is a multiple of it."""


class LockedPdfView(QPdfView):
    """QPdfView with every way out removed: no context menu, no drops, no key shortcuts."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("PdfView")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.viewport().setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setPageMode(QPdfView.PageMode.SinglePage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the buttons turn pages, not the keys
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)


class PdfViewer(QWidget):
    """One document at a time; `print_requested(path)` hands it to the kiosk's print path."""

    closed = Signal()
    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PdfViewer")
        self.document = QPdfDocument(self)
        self.view = LockedPdfView(self)
        self.view.setDocument(self.document)
        self.path: Path | None = None
        self._zoom = 0
        self._contrast = "standard"

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(12)
        header = QHBoxLayout()
        header.setSpacing(20)
        self.close_button = self._button("retour", header)
        self.title = widgets.title(self)
        header.addWidget(self.title, 1)
        self.position = QLabel(self)
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header.addWidget(self.position, 0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        self.message = widgets.text(self)
        self.message.hide()
        layout.addWidget(self.message, 1)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.previous_button = self._button("page-precedente", row)
        self.next_button = self._button("page-suivante", row)
        self.smaller_button = self._button("zoom-moins", row)
        self.bigger_button = self._button("zoom-plus", row)
        self.print_button = self._button("imprimer", row, kind="accent")
        layout.addLayout(row)
        self.zoom_label = QLabel(self)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.zoom_label)
        self._connect_signals()
        self.retranslate()

    def _button(self, icon: str, row: QHBoxLayout, kind: str = "plain") -> BigButton:
        button = BigButton(icon, kind=kind, vertical=True, icon_px=40, parent=self)
        row.addWidget(button, 1 if row.count() or icon != "retour" else 0)
        return button

    def _connect_signals(self) -> None:
        self.close_button.clicked.connect(self._on_close)
        self.previous_button.clicked.connect(lambda: self.go_to(self.page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.page() + 1))
        self.bigger_button.clicked.connect(lambda: self.set_zoom_step(self._zoom + 1))
        self.smaller_button.clicked.connect(lambda: self.set_zoom_step(self._zoom - 1))
        self.print_button.clicked.connect(self._on_print)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_position())

    # What the screen calls

    def open_file(self, path: Path) -> bool:
        """Shows `path` at page 1, fitted to the width; False (and says so) if unreadable."""
        self.close_document()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() < 1:
            log.info("a downloaded document could not be shown (%s)", error.name)
            self.document.close()
            self._show_unreadable(True)
            return False
        self.path = path
        self._show_unreadable(False)
        self.set_zoom_step(0)
        self.go_to(0)
        return True

    def close_document(self) -> None:
        """Forgets the document (the session's end, or back to the site)."""
        self.document.close()
        self.path = None
        self._zoom = 0
        self._show_position()

    def page(self) -> int:
        """The page shown, from 0."""
        return int(self.view.pageNavigator().currentPage())

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def zoom_factor(self) -> float:
        return ZOOM_STEPS[self._zoom]

    def go_to(self, page: int) -> None:
        if self.page_count() == 0:
            return
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(0, 0), 0)
        self._show_position()

    def set_zoom_step(self, step: int) -> None:
        self._zoom = max(0, min(step, len(ZOOM_STEPS) - 1))
        if self._zoom == 0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            # A custom factor is relative to the page's printed size: scale the fitted width.
            fitted = self._fitted_factor()
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(fitted * ZOOM_STEPS[self._zoom])
        self._show_position()

    def _fitted_factor(self) -> float:
        if self.page_count() == 0:
            return 1.0
        points = self.document.pagePointSize(self.page())
        width = max(self.view.viewport().width(), 1)
        dpi = self.logicalDpiX()
        page_px = points.width() / 72 * dpi
        return width / page_px if page_px > 0 else 1.0

    def _show_unreadable(self, unreadable: bool) -> None:
        self.view.setVisible(not unreadable)
        self.message.setVisible(unreadable)
        for button in self._page_buttons():
            button.setVisible(not unreadable)
        self.zoom_label.setVisible(not unreadable)
        self._show_position()

    def _page_buttons(self) -> list[BigButton]:
        return [
            self.previous_button,
            self.next_button,
            self.smaller_button,
            self.bigger_button,
            self.print_button,
        ]

    def _show_position(self) -> None:
        total = self.page_count()
        text = tr(PAGE_OF).format(number=self.page() + 1, total=total) if total else ""
        self.position.setText(text)
        self.position.setAccessibleName(text)
        self.previous_button.setEnabled(total > 0 and self.page() > 0)
        self.next_button.setEnabled(total > 0 and self.page() < total - 1)
        self.smaller_button.setEnabled(self._zoom > 0)
        self.bigger_button.setEnabled(self._zoom < len(ZOOM_STEPS) - 1)
        percent = round(ZOOM_STEPS[self._zoom] * 100)
        self.zoom_label.setText(tr(ZOOM_LEVEL).format(percent=percent))

    # Look and words

    def retranslate(self) -> None:
        self.title.setText(tr(TITLE))
        self.message.setText(tr(UNREADABLE))
        self.view.setAccessibleName(tr(TITLE))
        for button, label in (
            (self.close_button, CLOSE),
            (self.previous_button, PREVIOUS),
            (self.next_button, NEXT),
            (self.smaller_button, SMALLER),
            (self.bigger_button, BIGGER),
            (self.print_button, PRINT),
        ):
            button.set_label(tr(label))
        self._show_position()

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        for button in self.findChildren(BigButton):
            button.set_contrast(contrast)

    def spoken_text(self) -> str:
        lines = [self.title.text(), self.position.text()]
        if self.message.isVisible():
            lines.append(self.message.text())
        buttons = [b for b in self.findChildren(BigButton) if b.isVisibleTo(self)]
        lines += [numbered(n, b.label()) for n, b in enumerate(buttons, start=1)]
        return "\n".join(line for line in lines if line)

    # Buttons

    def _on_close(self) -> None:
        self.close_document()
        self.closed.emit()

    def _on_print(self) -> None:
        if self.path is not None:
            self.print_requested.emit(str(self.path))
