"""From a print button to paper: preview, quota, the print service, progress, outcome.

The shell's screens ask to print a kiosk document (a flow's checklist or summary, a
directory entry) or a PDF of the session (a download, a web page); this object shows the
preview, hands the job to the PrintService (which never blocks the GUI thread) and follows
it in the progress panel, speaking each new sentence to a resident who uses speech.
The service arrives after the first paint (`attach`); until then the preview says the
printer is not ready.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.i18n import current_language
from kiosk.printing.model import JobState, JobStatus, PrinterStatus

if TYPE_CHECKING:
    # Not at run time: the flows' modules are not loaded before the attract screen shows.
    from kiosk.flows.documents import Document
    from kiosk.printing.service import PrintService
    from kiosk.ui.shell import ShellWindow

log = logging.getLogger(__name__)

_counter = itertools.count(1)


class PrintController(QObject):
    availability_changed = Signal()
    """A printer's state changed: print buttons elsewhere may say it (availability())."""

    def __init__(
        self,
        shell: ShellWindow,
        session_folder: object,
        header: str = "",
        ticket_header: tuple[str, ...] = (),
    ) -> None:
        super().__init__(shell)
        self.shell = shell
        self._folder = session_folder  # a SessionFolders: .current is this session's folder
        self.header = header
        self.ticket_header = ticket_header
        self.service: PrintService | None = None
        self._pending: tuple[str, Path | Document, int] | None = None
        self._token: int | None = None
        self._connected = False

    # Set-up

    def attach(self, service: PrintService) -> None:
        """The print service, once the kiosk shows (importing pycups is not free)."""
        self.service = service
        service.job_changed.connect(self._on_job)
        service.printer_changed.connect(self._on_printer)

    def connect_panels(self) -> None:
        """Called by the shell once its overlays exist."""
        if self._connected:
            return
        self._connected = True
        shell = self.shell
        preview, progress = shell.preview, shell.print_progress
        shell.flow_screen.print_note = self.availability
        self.availability_changed.connect(shell.flow_screen.mark_print_buttons)
        preview.print_confirmed.connect(self._on_confirmed)
        preview.cancelled.connect(self._cancel)
        preview.adviser_requested.connect(lambda: shell.open_overlay("help"))
        preview.listen_requested.connect(shell.listen)
        progress.closed.connect(shell.close_overlays)
        progress.adviser_requested.connect(lambda: shell.open_overlay("help"))
        progress.message_changed.connect(self._speak)

    # What screens ask

    def status(self, kind: str) -> PrinterStatus | None:
        """The printer's last known state; None before the service has started."""
        return None if self.service is None else self.service.status(kind)

    def kind_for(self, wanted: str) -> str:
        """The printer a document goes to: the one its flow asks for, else the other one."""
        if self.service is None:
            return wanted
        other = "a4" if wanted == "ticket" else "ticket"
        configured = {k for k in ("a4", "ticket") if self._configured(k)}
        return wanted if wanted in configured or other not in configured else other

    def _configured(self, kind: str) -> bool:
        status = self.status(kind)
        return status is None or "not-configured" not in status.reasons

    def availability(self, wanted: str) -> str:
        """Why a document of format `wanted` cannot be printed now ("" when it can)."""
        from kiosk.printing.messages import availability_text

        return availability_text(self.status(self.kind_for(wanted)))

    def print_document(self, document: Document) -> None:
        """A flow's print button: a ticket, or an A4 page made from the document."""
        kind = self.kind_for(document.format)
        shell = self.shell
        self._set_listen()
        if kind == "ticket":
            self._pending = ("ticket", document, 1)
            shell.preview.show_ticket(document, self.status("ticket"))
        else:
            path = self._new_path("document")
            if path is None:
                return
            from kiosk.printing.a4_document import write_a4_pdf
            from kiosk.ui import fonts

            language = current_language()
            write_a4_pdf(
                document, path, header=self.header, language=language, families=fonts.load()
            )
            self._show_pdf(path)
        shell.after_overlay_opened()

    def print_pdf(self, path: Path) -> None:
        """A PDF of this session (a download, a web page): its pages, then Imprimer N pages."""
        self._set_listen()
        self._show_pdf(path)
        self.shell.after_overlay_opened()

    def _show_pdf(self, path: Path) -> None:
        preview = self.shell.preview
        pages = preview.show_pdf(path, self.status("a4"))
        self._pending = ("a4", path, pages)
        if pages and self.service is not None:
            preview.set_quota(self.service.check_quota(pages))

    def _set_listen(self) -> None:
        speaker = self.shell.speech.speaker
        available = speaker is not None and speaker.available(current_language())
        self.shell.preview.set_listen_available(available)

    def _new_path(self, stem: str) -> Path | None:
        folder = getattr(self._folder, "current", None)
        if folder is None:
            log.error("no session folder: nothing to print into")
            return None
        return Path(folder) / f"{stem}-{next(_counter):04d}.pdf"

    # Printing

    def _on_confirmed(self) -> None:
        pending, self._pending = self._pending, None
        shell = self.shell
        shell.close_overlays()
        if pending is None:
            return
        kind, what, pages = pending
        if self.service is None:
            shell.print_progress.start(kind, pages)
            shell.print_progress.show_job(JobStatus(0, JobState.FAILED, reason="not-configured"))
            shell.after_overlay_opened()
            return
        if kind == "ticket":
            from kiosk.flows.documents import Document
            from kiosk.printing.ticket import from_document, from_place

            assert isinstance(what, Document)

            language, header = current_language(), self._ticket_lines()
            if len(what.places) == 1:  # one place: its address, hours and a QR code to call
                ticket = from_place(what.places[0], language, header)
            else:
                ticket = from_document(what, language, header)
            self._token = self.service.print_ticket(ticket)
        else:
            assert isinstance(what, Path)
            self._token = self.service.print_pdf(what, pages or None)
        shell.print_progress.start(kind, pages)
        shell.after_overlay_opened()

    def _ticket_lines(self) -> tuple[str, ...]:
        return tuple(line for line in (self.header, *self.ticket_header) if line)

    def _cancel(self) -> None:
        self._pending = None
        self.shell.close_overlays()

    def _on_job(self, status: JobStatus) -> None:
        if self._token is None or status.job_id != self._token:
            return
        progress = self.shell.print_progress
        progress.show_job(status)
        if status.state.final:
            self._token = None
        ended = status.state.final or status.state == JobState.STUCK
        if ended and not progress.isVisible() and self.shell.manager_active():
            # The resident closed the panel: the outcome still reaches them.
            self.shell.open_overlay("print-progress")

    def _on_printer(self, status: PrinterStatus) -> None:
        self.shell.preview.set_printer_status(status)
        self.availability_changed.emit()

    def _speak(self, text: str) -> None:
        speech = self.shell.speech
        if speech.on or speech.used:
            speech.say(text, current_language())

    def reset(self) -> None:
        """The session ended: nothing pending, no job followed."""
        self._pending = None
        self._token = None
