"""What the resident sees when printing: what will come out, then how the printing goes.

The preview shows the document before anything is printed (an A4 PDF's pages as pictures,
a ticket's text as on paper) and says plainly, before anyone tries, when the printer
cannot print or the document goes beyond the page quota. The progress panel follows the
job and ends with where to take the paper, or why nothing came out and who can help.
Both only show: the shell asks the print service, and calls them with what it answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QWidget,
)

from kiosk.flows.documents import Document
from kiosk.i18n import N_, tr
from kiosk.printing import messages
from kiosk.printing.model import JobState, JobStatus, PrinterStatus
from kiosk.printing.quota import QuotaDecision
from kiosk.ui import widgets
from kiosk.ui.overlays import Overlay
from kiosk.ui.pdf_pages_view import PdfPagesView
from kiosk.ui.screens.base import numbered
from kiosk.ui.theme import PALETTES
from kiosk.ui.widgets import BigButton

PREVIEW_TITLE = N_("Aperçu de ce qui sera imprimé")
DOCUMENT_NAME = N_("Document à imprimer")
TICKET_TEXT = N_("Voici le ticket qui va sortir.")
PRINT_TICKET = N_("Imprimer le ticket")
CANCEL = N_("Annuler")
LISTEN = N_("Écouter")
ADVISER = N_("Appeler un conseiller")
OK = N_("OK")
PROGRESS_NAME = N_("Avancement de l'impression")

BUTTON_MIN_PX = 300
TICKET_COLUMNS = 42
"""About as many characters as an 80 mm ticket has on a line: the words wrap as on paper."""
TALL_SCREEN_PX = 1300
"""Below this height, the A4 preview gives the pictogram's room to the pages."""


def _restyle(button: BigButton, icon: str, kind: str, contrast: str) -> None:
    """A button that changes meaning changes pictogram and look, not only its words."""
    if button.icon_name == icon and button.kind == kind:
        return
    button.icon_name, button.kind = icon, kind
    button.setProperty("kind", kind)
    for widget in (button, button.text_label):  # the words' colour follows the kind too
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    button.set_contrast(contrast)


class PrintPreviewPanel(Overlay):
    """Before printing: the pages or the ticket, the page count, and whether it can print."""

    name = "print-preview"
    icon = "imprimer"
    print_confirmed = Signal()
    cancelled = Signal()
    adviser_requested = Signal()
    listen_requested = Signal()
    """Écouter: the shade covers the top bar, so the ticket has its own button to be heard."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.pages_view = PdfPagesView(self.card)
        self.pages_view.setObjectName("Document")
        self.body_layout.insertWidget(3, self.pages_view, 1)
        self.ticket_area = QScrollArea(self.card)
        self.ticket_area.setObjectName("Document")
        self.ticket_area.setWidgetResizable(True)
        paper = QWidget(self.ticket_area)
        paper.setObjectName("Document")
        column = QHBoxLayout(paper)
        column.setContentsMargins(0, 0, 0, 0)
        self.ticket = QLabel(paper)
        self.ticket.setObjectName("Document")
        self.ticket.setWordWrap(True)
        self.ticket.setContentsMargins(16, 16, 16, 16)
        self.ticket.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        # Centred by stretches, not by an alignment flag: a layout item with an alignment
        # loses its height-for-width, and a long ticket would be cut instead of scrolling.
        column.addStretch(1)
        column.addWidget(self.ticket, 100)
        column.addStretch(1)
        self.ticket_area.setWidget(paper)
        QScroller.grabGesture(
            self.ticket_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.body_layout.insertWidget(4, self.ticket_area, 1)
        self.problem = widgets.text(self.card)
        self.problem.setProperty("role", "subtitle")
        self.body_layout.insertWidget(5, self.problem)
        self.extra_row = QHBoxLayout()
        self.extra_row.setSpacing(30)
        self.body_layout.insertLayout(6, self.extra_row)
        # Made in the order the focus prefers them; laid out in reading order.
        self.print_button = self._button("imprimer", "accent", self.print_confirmed)
        self.cancel_button = self._button("non", "plain", self.cancelled)
        self.listen_button = self._button("ecouter", "plain", self.listen_requested)
        self.adviser_button = self._button("conseiller", "plain", self.adviser_requested)
        self.row.addWidget(self.cancel_button, 1)
        self.row.addWidget(self.print_button, 1)
        self.extra_row.addWidget(self.listen_button, 1)
        self.extra_row.addWidget(self.adviser_button, 1)
        self.kind = ""
        """"a4" or "ticket": what is shown."""
        self.pages = 0
        self.document: Document | None = None
        self.printer: PrinterStatus | None = None
        self.quota: QuotaDecision | None = None
        self.listen_available = False

    def _button(self, icon: str, kind: str, signal: SignalInstance) -> BigButton:
        button = BigButton(icon, kind=kind, parent=self.card)
        button.setMinimumWidth(BUTTON_MIN_PX)
        button.clicked.connect(signal)
        return button

    # What the shell calls

    def show_pdf(
        self,
        path: Path,
        printer: PrinterStatus | None = None,
        quota: QuotaDecision | None = None,
    ) -> int:
        """Shows an A4 PDF's pages; returns how many (0: it does not open, nothing to print).

        `quota` is the print service's `check_quota(pages)` for them (None: not known yet;
        `set_quota` can give it once the count returned here has been checked).
        """
        self.kind, self.document = "a4", None
        self.pages = self.pages_view.load(path)
        self.printer, self.quota = printer, quota
        self.open()
        return self.pages

    def show_ticket(self, document: Document, printer: PrinterStatus | None = None) -> None:
        """Shows a ticket's words as they will be printed (and as Écouter reads them)."""
        self.pages_view.clear()
        self.kind, self.document, self.pages = "ticket", document, 0
        self.printer, self.quota = printer, None
        self.open()

    def set_printer_status(self, status: PrinterStatus | None) -> None:
        """The printer changed (printer_changed): the print button says it at once.

        Only the printer of what is shown counts: a ticket printer out of paper does not
        stop an A4 page, so the shell can pass on every printer_changed as it comes.
        """
        if status is not None and self.kind and status.kind != self.kind:
            return
        self.printer = status
        if self.isVisible():
            self.retranslate()

    def set_quota(self, decision: QuotaDecision | None) -> None:
        """The quota's answer for the pages shown: beyond it, why, and an adviser instead."""
        self.quota = decision
        if self.isVisible():
            self.retranslate()

    def set_listen_available(self, available: bool) -> None:
        """Shows Écouter for tickets when the kiosk can speak the session's language."""
        self.listen_available = available
        if self.isVisible():
            self.retranslate()

    def can_confirm(self) -> bool:
        return self.print_button.isVisibleTo(self) and self.print_button.isEnabled()

    # Showing

    def open(self) -> None:
        self._fit_mode()
        super().open()
        self._focus_first()

    def _focus_first(self) -> None:
        for button in (self.print_button, self.cancel_button, self.adviser_button):
            if button.isVisibleTo(self) and button.isEnabled():
                button.setFocus()
                return

    def hideEvent(self, event: QHideEvent) -> None:
        """Closed: the resident's pages leave memory (the session folder can be wiped).

        A turn of the event loop later, so that closing every overlay and opening this one
        again (the shell's `open_overlay`) keeps the document.
        """
        super().hideEvent(event)
        if not event.spontaneous():
            QTimer.singleShot(0, self, self._forget_if_closed)

    def _forget_if_closed(self) -> None:
        if self.isVisible():
            return
        self.pages_view.clear()
        self.pages = 0
        self.document = None
        self.ticket.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_mode()

    def _fit_mode(self) -> None:
        """A4 pages take the whole height (and, on a short screen, the pictogram's room);
        a ticket keeps the card as small as its words, centred like every other card."""
        a4 = self.kind == "a4"
        self.picture.setVisible(not a4 or self.height() >= TALL_SCREEN_PX)
        vertical = QSizePolicy.Policy.Expanding if a4 else QSizePolicy.Policy.Maximum
        self.card.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
        alignment = Qt.AlignmentFlag(0) if a4 else Qt.AlignmentFlag.AlignVCenter
        self._outer.setAlignment(self.card, alignment)
        paper = self.ticket.fontMetrics().horizontalAdvance("0" * TICKET_COLUMNS)
        self.ticket.setMaximumWidth(paper + 32)

    def retranslate(self) -> None:
        self.title.setText(tr(PREVIEW_TITLE))
        a4, ticket = self.kind == "a4", self.kind == "ticket"
        readable = ticket or self.pages > 0
        self.pages_view.setVisible(a4 and readable)
        self.pages_view.setAccessibleName(tr(DOCUMENT_NAME))
        self.pages_view.retranslate()
        self.ticket_area.setVisible(ticket)
        self.ticket_area.setAccessibleName(tr(DOCUMENT_NAME))
        self.ticket.setText(self.document.text() if self.document is not None else "")
        self._fit_mode()
        if not readable:
            self.text.setText(tr(messages.UNREADABLE))
        elif a4:
            self.text.setText(messages.page_count_text(self.pages))
        else:
            self.text.setText(tr(TICKET_TEXT))
        self.text.setVisible(bool(self.text.text()))

        blocked = messages.availability_text(self.printer)
        refusal = messages.refusal_text(self.quota) if a4 else ""
        refused = bool(refusal)
        self.problem.setText(refusal)
        self.problem.setVisible(bool(self.problem.text()))
        self.print_button.setVisible(readable and not refused)
        self.print_button.setEnabled(not blocked)
        contrast = self._contrast
        if blocked:
            _restyle(self.print_button, "interdit", "plain", contrast)
            self.print_button.set_label(blocked)
        else:
            _restyle(self.print_button, "imprimer", "accent", contrast)
            label = messages.print_pages_label(self.pages) if a4 else tr(PRINT_TICKET)
            self.print_button.set_label(label)
        self.cancel_button.set_label(tr(CANCEL))
        self.listen_button.set_label(tr(LISTEN))
        self.listen_button.setVisible(ticket and self.listen_available)
        self.adviser_button.set_label(tr(ADVISER))
        self.adviser_button.setVisible(bool(blocked) or refused or not readable)
        focused = self.focusWidget()
        if self.isVisible() and (focused is None or not focused.isEnabled()):
            self._focus_first()

    def spoken_text(self) -> str:
        """What is shown, in reading order: the ticket's own words before its buttons."""
        lines = [self.title.text(), self.text.text()]
        if self.ticket_area.isVisibleTo(self):
            lines.append(self.ticket.text())
        lines.append(self.problem.text() if self.problem.isVisibleTo(self) else "")
        order = [self.listen_button, self.adviser_button, self.cancel_button, self.print_button]
        shown = [b for b in order if b.isVisibleTo(self) and b.isEnabled()]
        lines += [numbered(n, b.label()) for n, b in enumerate(shown, start=1)]
        if self.print_button.isVisibleTo(self) and not self.print_button.isEnabled():
            lines.append(self.print_button.label())  # why not: said, but not as a button
        return "\n".join(line for line in lines if line)


class PrintProgressPanel(Overlay):
    """After Imprimer: the job's progress in words and a bar, then the outcome."""

    name = "print-progress"
    icon = "imprimer"
    closed = Signal()
    adviser_requested = Signal()
    message_changed = Signal(str)
    """The sentence changed (not a page count): the shell speaks it if speech is in use."""

    ICONS: ClassVar[dict[JobState, str]] = {
        JobState.QUEUED: "sablier",
        JobState.PRINTING: "imprimer",
        JobState.DONE: "document-pret",
        JobState.FAILED: "hors-service",
        JobState.STUCK: "hors-service",
        JobState.CANCELLED: "non",
    }

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self.card)
        self.bar.setTextVisible(False)  # the words say it, in the resident's language
        self.bar.setMinimumHeight(36)
        self.body_layout.insertWidget(3, self.bar)
        self.ok_button = self.add_button("oui", "accent")
        self.ok_button.clicked.connect(self.closed)
        self.adviser_button = BigButton("conseiller", kind="plain", parent=self.card)
        self.adviser_button.setMinimumWidth(BUTTON_MIN_PX)
        self.adviser_button.clicked.connect(self.adviser_requested)
        self.row.insertWidget(0, self.adviser_button, 1)
        self.kind = "a4"
        self.job = JobStatus(0, JobState.QUEUED)
        self._said: tuple[JobState, str] | None = None

    def set_contrast(self, contrast: str) -> None:
        super().set_contrast(contrast)
        palette = PALETTES[contrast]
        self.bar.setStyleSheet(
            f"QProgressBar {{ border: 3px solid {palette.border}; border-radius: 8px;"
            f" background: {palette.window}; }}"
            f" QProgressBar::chunk {{ background: {palette.accent}; }}"
        )

    def start(self, kind: str = "a4", pages: int = 0) -> None:
        """A job was handed to the service: shows "Votre document s'imprime" at once."""
        self.kind = kind
        self._said = None
        self.show_job(JobStatus(0, JobState.QUEUED, pages=pages))
        self.open()

    def show_job(self, status: JobStatus) -> None:
        """Each job_changed: progress, outcome; `message_changed` when the sentence changes."""
        self.job = status
        self.icon = self.ICONS[status.state]
        self.set_contrast(self._contrast)
        self.retranslate()
        key = (status.state, status.reason)
        if key != self._said:
            self._said = key
            self.message_changed.emit(f"{self.title.text()}\n{self.text.text()}")

    def retranslate(self) -> None:
        job = self.job
        self.title.setText(messages.job_title(job))
        self.text.setText(messages.job_text(job, self.kind))
        self.text.setVisible(True)
        running = job.state in (JobState.QUEUED, JobState.PRINTING)
        self.bar.setVisible(running)
        if job.state is JobState.PRINTING and job.pages > 0:
            self.bar.setRange(0, job.pages)
            self.bar.setValue(min(max(job.pages_done, 0), job.pages))
        else:
            self.bar.setRange(0, 0)  # pages not known yet: it moves, without a number
        self.bar.setAccessibleName(tr(PROGRESS_NAME))
        self.bar.setAccessibleDescription(self.text.text())
        self.ok_button.set_label(tr(OK))
        self.adviser_button.set_label(tr(ADVISER))
        self.adviser_button.setVisible(messages.job_needs_help(job))

    def spoken_text(self) -> str:
        lines = [self.title.text(), self.text.text()]
        shown = [b for b in (self.adviser_button, self.ok_button) if b.isVisibleTo(self)]
        lines += [numbered(n, b.label()) for n, b in enumerate(shown, start=1)]
        return "\n".join(line for line in lines if line)
