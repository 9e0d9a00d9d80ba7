"""kiosk.printing.from_config: each [printing] combination builds the backend it names.

The backends are only built here (no connection is opened: pycups and python-escpos
connect on first use), so these run without CUPS or a printer; the same builders are
exercised against a real cupsd and ESC/POS listener in tests/integration/printing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kiosk.config.schema import PrintingSettings
from kiosk.printing import from_config
from kiosk.printing.cups_backend import CupsBackend
from kiosk.printing.escpos_backend import (
    EscposTicketPrinter,
    NetworkConnection,
    SerialConnection,
    UsbConnection,
)
from kiosk.printing.virtual_a4 import VirtualA4Printer
from kiosk.printing.virtual_ticket import VirtualTicketPrinter


def settings(tmp_path: Path, **values: Any) -> PrintingSettings:
    base = PrintingSettings(
        virtual_folder=str(tmp_path / "virtual"), state_folder=str(tmp_path / "state")
    )
    return replace(base, **values)


def test_none_builds_no_printer(tmp_path: Path) -> None:
    found = from_config.printers(settings(tmp_path, a4_printer="none", ticket_printer="none"))
    assert (found.a4, found.ticket) == (None, None)
    assert found.named() == {}


def test_virtual_printers_write_under_the_virtual_folder(tmp_path: Path) -> None:
    found = from_config.printers(settings(tmp_path, ticket_paper_mm=58))
    assert isinstance(found.a4, VirtualA4Printer)
    assert found.a4.folder == tmp_path / "virtual" / "a4"
    assert isinstance(found.ticket, VirtualTicketPrinter)
    assert found.ticket.folder == tmp_path / "virtual" / "tickets"
    assert found.ticket.paper.mm == 58
    assert set(found.named()) == {"virtual-a4", "virtual-ticket"}


@pytest.mark.parametrize(
    ("server", "host", "port"),
    [
        ("", None, 631),
        ("print.mairie.local", "print.mairie.local", 631),
        ("print.mairie.local:8631", "print.mairie.local", 8631),
        ("10.0.0.5:631", "10.0.0.5", 631),
        ("/run/cups/cups.sock", "/run/cups/cups.sock", 631),
        ("host:notaport", "host:notaport", 631),
    ],
)
def test_cups_server_forms(tmp_path: Path, server: str, host: str | None, port: int) -> None:
    backend = from_config.a4_backend(
        settings(tmp_path, a4_printer="cups", cups_queue="mairie-a4", cups_server=server)
    )
    assert isinstance(backend, CupsBackend)
    assert (backend.name, backend.server, backend.port) == ("mairie-a4", host, port)


def test_an_empty_queue_is_cups_default_found_later(tmp_path: Path) -> None:
    backend = from_config.a4_backend(settings(tmp_path, a4_printer="cups"))
    assert isinstance(backend, CupsBackend)
    assert backend.name == ""


def test_network_ticket_printer(tmp_path: Path) -> None:
    backend = from_config.ticket_backend(
        settings(
            tmp_path,
            ticket_printer="network",
            ticket_host="192.168.1.50",
            ticket_port=9101,
            status_timeout_s=0.7,
            ticket_paper_mm=58,
            ticket_profile="TM-T88V",
            ticket_code_pages=("CP858", "CP866"),
        )
    )
    assert isinstance(backend, EscposTicketPrinter)
    assert backend.connection == NetworkConnection("192.168.1.50", 9101, 0.7)
    assert (backend.name, backend.paper.mm, backend.profile) == ("ticket-network", 58, "TM-T88V")
    assert backend.text_code_pages == ("CP858", "CP866")


def test_usb_ticket_printer(tmp_path: Path) -> None:
    backend = from_config.ticket_backend(
        settings(
            tmp_path, ticket_printer="usb", ticket_usb_vendor=0x04B8, ticket_usb_product=0x0202
        )
    )
    assert isinstance(backend, EscposTicketPrinter)
    assert backend.connection == UsbConnection(0x04B8, 0x0202, 1.5)
    assert backend.name == "ticket-usb"


def test_serial_ticket_printer(tmp_path: Path) -> None:
    backend = from_config.ticket_backend(
        settings(
            tmp_path,
            ticket_printer="serial",
            ticket_serial_device="/dev/ttyS0",
            ticket_serial_baudrate=38400,
        )
    )
    assert isinstance(backend, EscposTicketPrinter)
    assert backend.connection == SerialConnection("/dev/ttyS0", 38400, 1.5)
    assert backend.name == "ticket-serial"


def test_service_gets_the_printers_quotas_and_timings(qapp: Any, tmp_path: Path) -> None:
    chosen = settings(
        tmp_path,
        pages_per_session=7,
        pages_per_day=70,
        watch_interval_s=2.0,
        stuck_after_s=30.0,
    )
    service = from_config.service(chosen)
    try:
        assert isinstance(service.a4, VirtualA4Printer)
        assert isinstance(service.ticket, VirtualTicketPrinter)
        assert (service.quota.per_session, service.quota.per_day) == (7, 70)
        assert service.quota.charge(7).allowed
        assert not service.quota.charge(1).allowed
        assert (tmp_path / "state" / "print-quota.json").exists()
        assert set(service.watchers) == {"a4", "ticket"}
        assert service._tracker.stuck_after_s == 30.0
        assert service.watchers["a4"]._timer.interval() == 2000
    finally:
        service.close()


def test_service_without_printers_refuses_both_kinds(qapp: Any, tmp_path: Path) -> None:
    service = from_config.service(settings(tmp_path, a4_printer="none", ticket_printer="none"))
    try:
        assert service.workers == {}
        assert service.status("a4").reasons == ("not-configured",)
        assert service.status("ticket").reasons == ("not-configured",)
    finally:
        service.close()
