"""Tickets through a real TCP ESC/POS printer (escpos_listener.py): bytes, status, timing.

What the listener received is decoded and compared with the golden files in
tests/_reference/tickets/ (KIOSK_UPDATE_GOLDEN=1 rewrites them after a deliberate change).
"""

from __future__ import annotations

import socket
import statistics
import time

import pytest
from PySide6.QtGui import QImage

from kiosk.printing.escpos_backend import EscposTicketPrinter, NetworkConnection, SerialConnection
from kiosk.printing.model import PrintError, PrinterState
from kiosk.printing.ticket_image import MARGIN
from tests._support import ticket_samples as samples
from tests._support.escpos_decode import Raster, decode
from tests.integration.printing import escpos_listener as listener
from tests.integration.printing.escpos_listener import EscposListener

_escpos_printer = listener._escpos_printer  # the fixtures, for this module's tests
escpos_listener = listener.escpos_listener
serial_printer = listener.serial_printer

STATUS_TIMEOUT_S = 0.5
PIXEL_TOLERANCE = 0.005
"""Share of dots that may differ from a golden image (font rasterising across machines)."""


@pytest.fixture
def printer(escpos_listener: EscposListener) -> EscposTicketPrinter:
    connection = NetworkConnection(escpos_listener.host, escpos_listener.port, STATUS_TIMEOUT_S)
    return EscposTicketPrinter(connection, name="accueil", paper_mm=80, send_timeout_s=5)


def assert_golden_text(name: str, text: str) -> None:
    path = samples.GOLDEN / f"{name}.txt"
    if samples.UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def assert_golden_image(name: str, raster: Raster) -> None:
    path = samples.GOLDEN / f"{name}.png"
    image = raster.to_qimage()
    if samples.UPDATE:
        assert image.save(str(path))  # type: ignore[attr-defined]
    golden = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert (golden.width(), golden.height()) == (raster.width, raster.height)
    differ = sum(
        1
        for y in range(raster.height)
        for x in range(raster.width)
        if raster.black(x, y) != (golden.pixelColor(x, y).lightness() < 128)
    )
    assert differ <= PIXEL_TOLERANCE * raster.width * raster.height, f"{differ} dots differ"


def _bands(raster: Raster) -> list[tuple[int, int]]:
    """(leftmost, rightmost) black dot of each run of inked rows: a line of text, a rule."""
    bands, current = [], None
    for y in range(raster.height):
        span = raster.row_span(y)
        if span is None:
            if current:
                bands.append(current)
            current = None
        else:
            current = (
                span if current is None else (min(current[0], span[0]), max(current[1], span[1]))
            )
    if current:
        bands.append(current)
    return bands


@pytest.mark.parametrize("name", ["summary-fr", "checklist-fr", "place-fr", "help-fr"])
def test_french_tickets_print_as_the_golden_text(qapp, printer, escpos_listener, name):
    printer.print_ticket(samples.french_tickets()[name])
    escpos_listener.wait_closed()
    printed = decode(escpos_listener.printed())
    assert_golden_text(name, printed.transcript())
    assert escpos_listener.queries == [1, 2, 3, 4]  # status asked before sending


def test_the_place_tickets_qr_code_calls_the_place(qapp, printer, escpos_listener):
    printer.print_ticket(samples.french_tickets()["place-fr"])
    escpos_listener.wait_closed()
    assert decode(escpos_listener.printed()).qr_codes == ["tel:0123456789"]


@pytest.mark.parametrize(("code", "right_to_left"), [("ar", True), ("fa", True), ("uk", False)])
def test_arabic_persian_and_ukrainian_print_as_images(
    qapp, printer, escpos_listener, code, right_to_left
):
    printer.print_ticket(samples.checklist(code))
    escpos_listener.wait_closed()
    printed = decode(escpos_listener.printed())
    assert printed.lines == []
    (image,) = printed.rasters
    assert image.width == 576 and image.ink() > 5000
    assert_golden_image(f"checklist-{code}", image)
    inner = [b for b in _bands(image) if not (b[0] < 40 and b[1] > image.width - 40)]
    flush_right = [b for b in inner if b[1] >= image.width - MARGIN - 12]
    flush_left = [b for b in inner if b[0] <= MARGIN + 12]
    title_and_three_lines = 4
    if right_to_left:
        assert len(flush_right) >= title_and_three_lines and flush_left == []
    else:
        assert len(flush_left) >= title_and_three_lines and flush_right == []


@pytest.mark.parametrize(
    ("answer", "state", "paper_low"),
    [
        ("ready", PrinterState.IDLE, False),
        ("paper-out", PrinterState.OUT_OF_PAPER, False),
        ("cover-open", PrinterState.COVER_OPEN, False),
        ("paper-low", PrinterState.IDLE, True),
        ("jammed", PrinterState.JAMMED, False),
    ],
)
def test_the_printers_answers_become_its_state(printer, escpos_listener, answer, state, paper_low):
    escpos_listener.reset(answer)
    status = printer.status()
    assert (status.name, status.kind, status.state, status.paper_low) == (
        "accueil",
        "ticket",
        state,
        paper_low,
    )
    assert escpos_listener.queries == [1, 2, 3, 4]


def test_a_silent_printer_is_offline_within_the_short_timeout(printer, escpos_listener):
    escpos_listener.reset("silence")
    started = time.perf_counter()
    status = printer.status()
    elapsed = time.perf_counter() - started
    assert status.state is PrinterState.OFFLINE and not status.can_print
    assert status.reasons == ("no-answer-to-dle-eot-1",)
    assert STATUS_TIMEOUT_S <= elapsed < STATUS_TIMEOUT_S + 0.3, f"{elapsed * 1000:.0f} ms"


def test_a_printer_that_is_not_there_is_offline_at_once(qapp):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    printer = EscposTicketPrinter(NetworkConnection("127.0.0.1", port, STATUS_TIMEOUT_S))
    started = time.perf_counter()
    assert printer.status().state is PrinterState.OFFLINE
    with pytest.raises(PrintError) as refused:
        printer.print_ticket(samples.checklist("uk"))
    assert refused.value.reason is PrinterState.OFFLINE
    assert time.perf_counter() - started < STATUS_TIMEOUT_S


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("paper-out", PrinterState.OUT_OF_PAPER),
        ("cover-open", PrinterState.COVER_OPEN),
        ("silence", PrinterState.OFFLINE),
    ],
)
def test_printing_is_refused_and_nothing_sent_when_the_printer_cannot_print(
    qapp, printer, escpos_listener, answer, reason
):
    escpos_listener.reset(answer)
    with pytest.raises(PrintError) as refused:
        printer.print_ticket(samples.french_tickets()["summary-fr"])
    assert refused.value.reason is reason
    escpos_listener.wait_closed()
    assert escpos_listener.printed() == b""


def test_paper_near_end_still_prints(qapp, printer, escpos_listener):
    escpos_listener.reset("paper-low")
    printer.print_ticket(samples.french_tickets()["help-fr"])
    escpos_listener.wait_closed()
    assert "042" in decode(escpos_listener.printed()).text


def test_a_summary_ticket_reaches_the_printer_quickly(qapp, printer, escpos_listener):
    summary = samples.french_tickets()["summary-fr"]
    printer.print_ticket(summary)  # warm: python-escpos's import and profile
    escpos_listener.wait_closed()
    times = []
    for n in range(2, 12):
        started = time.perf_counter()
        printer.print_ticket(summary)
        escpos_listener.wait_closed(n)
        times.append((escpos_listener.last_byte_at - started) * 1000)
    assert statistics.median(times) < 100, times


@pytest.fixture
def on_serial(serial_printer: listener.SerialPrinter) -> listener.SerialPrinter:
    serial_printer.reset()
    return serial_printer


def _serial(port: listener.SerialPrinter) -> EscposTicketPrinter:
    return EscposTicketPrinter(SerialConnection(port.device, 115200, STATUS_TIMEOUT_S))


@pytest.mark.parametrize(
    ("answer", "state"),
    [("ready", PrinterState.IDLE), ("paper-out", PrinterState.OUT_OF_PAPER)],
)
def test_a_serial_printer_answers_the_same_way(on_serial, answer, state):
    on_serial.reset(answer)
    assert _serial(on_serial).status().state is state
    assert on_serial.queries == [1, 2, 3, 4]


def test_a_silent_serial_printer_is_offline_within_the_short_timeout(on_serial):
    on_serial.reset("silence")
    started = time.perf_counter()
    assert _serial(on_serial).status().state is PrinterState.OFFLINE
    assert time.perf_counter() - started < STATUS_TIMEOUT_S + 0.3


def test_a_ticket_prints_over_a_serial_line(qapp, on_serial):
    _serial(on_serial).print_ticket(samples.french_tickets()["help-fr"])
    on_serial.wait_cut()
    assert_golden_text("help-fr", decode(on_serial.printed()).transcript())
