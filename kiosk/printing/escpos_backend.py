"""The thermal ticket printer over USB, serial or the network, with a status that does not lie.

python-escpos's own status calls answer "paper OK" when the printer says nothing, and a
silent network printer holds them for 60 s (FIELD-NOTES). So the status is asked here
with the ESC/POS real-time queries (DLE EOT 1 to 4), each answer waited for a short
time only, and the bits read here: no answer at all is OFFLINE, never "ready".

Both calls block and are made by the print service's worker thread, one at a time (a
lock keeps them so): `status()` and `print_ticket(ticket)`, which asks the status on the
same connection first, refuses with PrintError(state) when the printer cannot print,
then sends the whole ticket in one write bounded by `send_timeout_s` and closes. What is
logged is counts and reasons, never what the ticket says.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

from kiosk.printing.model import PrintError, PrinterState, PrinterStatus
from kiosk.printing.ticket import Ticket
from kiosk.printing.ticket_layout import paper_for
from kiosk.printing.ticket_render import (
    DEFAULT_TEXT_CODE_PAGES,
    RenderedTicket,
    escpos_printer_module,
    render,
)

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
QUERIES = (1, 2, 3, 4)
"""Printer, offline cause, error cause, roll paper sensor."""
FIXED_MASK, FIXED_BITS = 0x93, 0x12
"""Bits 1 and 4 are always set and 0 and 7 always clear in every answer: a check on noise."""


@dataclass(frozen=True)
class NetworkConnection:
    """A printer on the network (raw port 9100, "JetDirect")."""

    host: str
    port: int = 9100
    timeout_s: float = 1.0
    """For connecting and for each status answer."""


@dataclass(frozen=True)
class UsbConnection:
    vendor_id: int
    product_id: int
    timeout_s: float = 1.0
    in_ep: int = 0x82
    out_ep: int = 0x01


@dataclass(frozen=True)
class SerialConnection:
    device: str
    baudrate: int = 9600
    timeout_s: float = 1.0


Connection = NetworkConnection | UsbConnection | SerialConnection


def parse_status(answers: dict[int, int]) -> tuple[PrinterState, bool, tuple[str, ...]]:
    """(state, paper low, reasons) from the answers to DLE EOT 1..4 (one byte each).

    A missing answer is OFFLINE: a printer that does not answer cannot be said to have paper.
    """
    missing = [n for n in QUERIES if n not in answers]
    if missing:
        return PrinterState.OFFLINE, False, (f"no-answer-to-dle-eot-{missing[0]}",)
    if any(byte & FIXED_MASK != FIXED_BITS for byte in answers.values()):
        return PrinterState.UNKNOWN, False, ("malformed-status",)
    printer, offline, error, paper = (answers[n] for n in QUERIES)
    paper_low = bool(paper & 0x0C)
    reasons = ["paper-near-end"] if paper_low else []
    checks = (
        (offline & 0x04, PrinterState.COVER_OPEN, "cover-open"),
        (paper & 0x60 or offline & 0x20, PrinterState.OUT_OF_PAPER, "paper-end"),
        (error & 0x08, PrinterState.JAMMED, "cutter-error"),
        (error & 0x20, PrinterState.STOPPED, "unrecoverable-error"),
    )
    for found, state, reason in checks:
        if found:
            return state, paper_low, (reason, *reasons)
    if error & 0x40:  # the head is too hot: printing resumes by itself when it cools
        return PrinterState.PRINTING, paper_low, ("auto-recoverable-error", *reasons)
    if printer & 0x08 or offline & 0x40:
        return PrinterState.STOPPED, paper_low, ("offline-without-cause", *reasons)
    return PrinterState.IDLE, paper_low, tuple(reasons)


def _errors() -> tuple[type[BaseException], ...]:
    escpos_printer_module()
    import escpos.exceptions

    return (OSError, escpos.exceptions.Error)


class _Link:
    """One open connection through python-escpos, with our own short timeouts."""

    def __init__(self, connection: Connection, profile: str) -> None:
        printers = escpos_printer_module()
        self.connection = connection
        self.printer: Any
        if isinstance(connection, NetworkConnection):
            self.printer = printers.Network(
                connection.host, connection.port, timeout=connection.timeout_s, profile=profile
            )
            # Network.open() leaks its socket when the connection is refused: connect here.
            address = (connection.host, connection.port)
            self.printer.device = socket.create_connection(address, connection.timeout_s)
            return
        if isinstance(connection, UsbConnection):
            self.printer = printers.Usb(
                connection.vendor_id,
                connection.product_id,
                timeout=int(connection.timeout_s * 1000),
                in_ep=connection.in_ep,
                out_ep=connection.out_ep,
                profile=profile,
            )
        else:
            self.printer = printers.Serial(
                connection.device,
                baudrate=connection.baudrate,
                timeout=connection.timeout_s,
                profile=profile,
            )
        self.printer.open()

    def ask(self, n: int, timeout_s: float) -> int | None:
        """The answer to DLE EOT n, or None when none came within `timeout_s`."""
        device = self.printer.device
        self.printer._raw(DLE_EOT + bytes([n]))
        try:
            if isinstance(self.connection, NetworkConnection):
                device.settimeout(timeout_s)
                data = device.recv(16)
            elif isinstance(self.connection, UsbConnection):
                data = bytes(device.read(self.printer.in_ep, 16, int(timeout_s * 1000)))
            else:
                device.timeout = timeout_s
                data = device.read(1)
        except TimeoutError:
            return None
        return data[-1] if data else None

    def send(self, data: bytes, timeout_s: float) -> None:
        device = self.printer.device
        if isinstance(self.connection, NetworkConnection):
            device.settimeout(timeout_s)
            device.sendall(data)
        elif isinstance(self.connection, UsbConnection):
            device.write(self.printer.out_ep, data, int(timeout_s * 1000))
        else:
            device.write_timeout = timeout_s
            device.write(data)
            device.flush()

    def close(self) -> None:
        if isinstance(self.connection, NetworkConnection) and self.printer.device:
            # The data goes out, then FIN: the printer sees the whole ticket, then the end.
            with contextlib.suppress(OSError):
                self.printer.device.shutdown(socket.SHUT_WR)
        self.printer.close()


class EscposTicketPrinter:
    """A thermal printer that python-escpos drives; blocking calls for a worker thread."""

    kind = "ticket"

    def __init__(
        self,
        connection: Connection,
        *,
        name: str = "ticket",
        paper_mm: int = 80,
        profile: str = "default",
        text_code_pages: tuple[str, ...] = DEFAULT_TEXT_CODE_PAGES,
        send_timeout_s: float = 10.0,
    ) -> None:
        self.connection = connection
        self.name = name
        self.paper = paper_for(paper_mm)
        self.profile = profile
        self.text_code_pages = text_code_pages
        self.send_timeout_s = send_timeout_s
        self._lock = threading.Lock()

    def _status(self, link: _Link) -> PrinterStatus:
        deadline = time.monotonic() + self.connection.timeout_s
        answers: dict[int, int] = {}
        for n in QUERIES:
            answer = link.ask(n, max(deadline - time.monotonic(), 0.01))
            if answer is None:
                break
            answers[n] = answer
        state, paper_low, reasons = parse_status(answers)
        return PrinterStatus(self.name, self.kind, state, paper_low=paper_low, reasons=reasons)

    def _offline(self, error: BaseException) -> PrinterStatus:
        reason = "timeout" if isinstance(error, TimeoutError) else type(error).__name__
        return PrinterStatus(self.name, self.kind, PrinterState.OFFLINE, reasons=(reason,))

    def status(self) -> PrinterStatus:
        """What the printer says now, within about `connection.timeout_s` (twice at worst)."""
        with self._lock:
            try:
                link = _Link(self.connection, self.profile)
            except _errors() as error:
                return self._offline(error)
            try:
                return self._status(link)
            except _errors() as error:
                return self._offline(error)
            finally:
                link.close()

    def render(self, ticket: Ticket) -> RenderedTicket:
        return render(ticket, self.paper, self.profile, self.text_code_pages)

    def print_ticket(self, ticket: Ticket) -> None:
        """Prints, or raises PrintError(state) with the reason the resident will be told."""
        rendered = self.render(ticket)  # before connecting: the printer is not held meanwhile
        with self._lock:
            try:
                link = _Link(self.connection, self.profile)
            except _errors() as error:
                raise PrintError(PrinterState.OFFLINE, self._offline(error).reasons[0]) from None
            try:
                status = self._status(link)
                if not status.can_print:
                    log.info(
                        "ticket refused: %s (%s)", status.state.value, ",".join(status.reasons)
                    )
                    raise PrintError(status.state, ",".join(status.reasons))
                link.send(rendered.data, self.send_timeout_s)
            except _errors() as error:
                raise PrintError(PrinterState.OFFLINE, self._offline(error).reasons[0]) from None
            finally:
                link.close()
        log.info("ticket sent: %d bytes as %s", len(rendered.data), rendered.mode)
