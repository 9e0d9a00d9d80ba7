"""The printers kiosk.toml describes, made into backends and one PrintService.

Used by the running kiosk (after the first paint: importing pycups and python-escpos is not
free), and by `kiosk printers` / `kiosk print-test`, so what IT tests is what residents use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config.schema import PrintingSettings

if TYPE_CHECKING:
    from kiosk.printing.escpos_backend import EscposTicketPrinter
    from kiosk.printing.service import A4Backend, PrintService, TicketBackend
    from kiosk.printing.virtual_ticket import VirtualTicketPrinter


@dataclass(frozen=True)
class Printers:
    a4: A4Backend | None
    ticket: TicketBackend | None

    def named(self) -> dict[str, A4Backend | TicketBackend]:
        found: dict[str, A4Backend | TicketBackend] = {}
        if self.a4 is not None:
            found[self.a4.name] = self.a4
        if self.ticket is not None:
            found[str(getattr(self.ticket, "name", "ticket"))] = self.ticket
        return found


def a4_backend(settings: PrintingSettings) -> A4Backend | None:
    if settings.a4_printer == "none":
        return None
    if settings.a4_printer == "virtual":
        from kiosk.printing.virtual_a4 import VirtualA4Printer

        return VirtualA4Printer(Path(settings.resolved_virtual_folder()) / "a4")
    from kiosk.printing.cups_backend import CupsBackend

    server, port = _server(settings.cups_server)
    return CupsBackend(settings.cups_queue, server, port)


def ticket_backend(settings: PrintingSettings) -> EscposTicketPrinter | VirtualTicketPrinter | None:
    kind = settings.ticket_printer
    if kind == "none":
        return None
    if kind == "virtual":
        from kiosk.printing.virtual_ticket import VirtualTicketPrinter

        folder = Path(settings.resolved_virtual_folder()) / "tickets"
        return VirtualTicketPrinter(folder, "virtual-ticket", settings.ticket_paper_mm)
    from kiosk.printing import escpos_backend as escpos

    timeout = settings.status_timeout_s
    connection: escpos.Connection
    if kind == "network":
        connection = escpos.NetworkConnection(settings.ticket_host, settings.ticket_port, timeout)
    elif kind == "usb":
        connection = escpos.UsbConnection(
            settings.ticket_usb_vendor, settings.ticket_usb_product, timeout
        )
    else:
        connection = escpos.SerialConnection(
            settings.ticket_serial_device, settings.ticket_serial_baudrate, timeout
        )
    return escpos.EscposTicketPrinter(
        connection,
        name=f"ticket-{kind}",
        paper_mm=settings.ticket_paper_mm,
        profile=settings.ticket_profile,
        text_code_pages=settings.ticket_code_pages,
    )


def printers(settings: PrintingSettings) -> Printers:
    return Printers(a4_backend(settings), ticket_backend(settings))


def service(settings: PrintingSettings, found: Printers | None = None) -> PrintService:
    """The print service (not started: call start() once the kiosk shows)."""
    from kiosk.printing.quota import PrintQuota
    from kiosk.printing.service import PrintService

    found = found or printers(settings)
    state = Path(settings.resolved_state_folder()) / "print-quota.json"
    quota = PrintQuota(settings.pages_per_session, settings.pages_per_day, state)
    return PrintService(
        found.a4,
        quota,
        found.ticket,
        watch_interval_s=settings.watch_interval_s,
        stuck_after_s=settings.stuck_after_s,
    )


def _server(text: str) -> tuple[str | None, int]:
    """`host`, `host:port` or a socket path, as pycups takes them."""
    if not text:
        return None, 631
    if text.startswith("/"):
        return text, 631
    host, _, port = text.rpartition(":")
    if host and port.isdigit():
        return host, int(port)
    return text, 631
