"""The demo's ticket printer: each ticket becomes a PNG of what the thermal roll would show.

`kiosk --demo` runs without hardware, yet a newcomer should see what comes out: the
ticket is drawn exactly as image mode sends it to a real printer (same blocks, fonts and
black-and-white threshold, the QR code drawn in), paper width included. Its state can be
set (out of paper, cover open...) to show and test how the kiosk tells residents.
File names carry a counter, never what the ticket says.
"""

from __future__ import annotations

import itertools
import logging
import threading
from pathlib import Path

from kiosk.printing.model import PrintError, PrinterState, PrinterStatus
from kiosk.printing.ticket import Ticket
from kiosk.printing.ticket_image import ticket_image
from kiosk.printing.ticket_layout import layout, paper_for

log = logging.getLogger(__name__)


class VirtualTicketPrinter:
    """Same blocking interface as EscposTicketPrinter; writes ticket-0001.png, ticket-0002.png..."""

    kind = "ticket"

    def __init__(self, folder: Path, name: str = "ticket", paper_mm: int = 80) -> None:
        self.folder = folder
        self.name = name
        self.paper = paper_for(paper_mm)
        self._state = PrinterState.IDLE
        self._paper_low = False
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self.written: list[Path] = []

    def set_state(self, state: PrinterState, paper_low: bool = False) -> None:
        with self._lock:
            self._state, self._paper_low = state, paper_low

    def status(self) -> PrinterStatus:
        with self._lock:
            reasons = ("virtual",) + (("paper-near-end",) if self._paper_low else ())
            return PrinterStatus(
                self.name, self.kind, self._state, paper_low=self._paper_low, reasons=reasons
            )

    def print_ticket(self, ticket: Ticket) -> None:
        """Writes the ticket as a PNG, its path added to `written`; refuses as a printer would."""
        status = self.status()
        if not status.can_print:
            raise PrintError(status.state, "virtual printer")
        image = ticket_image(layout(ticket), self.paper, ticket.right_to_left)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            while (path := self.folder / f"ticket-{next(self._numbers):04d}.png").exists():
                pass
            if not image.save(str(path)):
                raise PrintError(PrinterState.STOPPED, "image not written")
            self.written.append(path)
        log.info("virtual ticket written: %d x %d dots", image.width(), image.height())
