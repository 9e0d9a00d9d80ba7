"""The demo's ticket printer: a PNG per ticket, and the same refusals as a real printer."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from kiosk.printing.model import PrintError, PrinterState
from kiosk.printing.virtual_ticket import VirtualTicketPrinter
from tests._support import ticket_samples as samples


def _ink(image: QImage) -> int:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return sum(
        1
        for y in range(gray.height())
        for x in range(gray.width())
        if gray.pixelColor(x, y).lightness() < 128
    )


def test_each_ticket_becomes_a_png_a_roll_wide_with_text_and_code(qapp, tmp_path):
    printer = VirtualTicketPrinter(tmp_path / "tickets", paper_mm=58)
    place = samples.french_tickets()["place-fr"]
    printer.print_ticket(place)
    printer.print_ticket(samples.checklist("ar"))
    first, second = printer.written
    assert [p.name for p in sorted((tmp_path / "tickets").iterdir())] == [
        "ticket-0001.png",
        "ticket-0002.png",
    ]
    assert (first.name, second.name) == ("ticket-0001.png", "ticket-0002.png")
    image = QImage(str(first))
    assert image.width() == 384 and image.height() > 600
    assert _ink(image) > 10000  # text and a QR code, not a blank page


def test_it_says_what_it_was_told_and_refuses_without_paper(qapp, tmp_path):
    printer = VirtualTicketPrinter(tmp_path)
    assert printer.status().state is PrinterState.IDLE and printer.status().can_print
    printer.set_state(PrinterState.IDLE, paper_low=True)
    assert printer.status().paper_low and printer.status().can_print
    printer.set_state(PrinterState.OUT_OF_PAPER)
    with pytest.raises(PrintError) as refused:
        printer.print_ticket(samples.checklist("uk"))
    assert refused.value.reason is PrinterState.OUT_OF_PAPER
    assert list(tmp_path.iterdir()) == []


def test_numbers_continue_after_a_restart_without_overwriting(qapp, tmp_path):
    VirtualTicketPrinter(tmp_path).print_ticket(samples.checklist("fa"))
    again = VirtualTicketPrinter(tmp_path)
    again.print_ticket(samples.checklist("fa"))
    assert [path.name for path in again.written] == ["ticket-0002.png"]
