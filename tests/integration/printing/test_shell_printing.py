"""Printing as a resident does it: a flow's print button, the preview, paper (or not).

The real shell, the real PrintService, a private cupsd with a cups-pdf queue (and a queue
that fails on demand) and a real ESC/POS network listener: what comes out is read back
(pdftotext, the ESC/POS decoder), what the resident is told is read on the panels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import attach_printing
from kiosk.printing.cups_backend import CupsBackend
from kiosk.printing.escpos_backend import EscposTicketPrinter, NetworkConnection
from kiosk.printing.quota import PrintQuota
from kiosk.printing.service import PrintService
from kiosk.session.manager import State
from kiosk.ui.runtime import watch_activity
from kiosk.ui.screenshot import step_of_type
from tests._support.escpos_decode import decode
from tests._support.touch import touch
from tests.conftest import config_with
from tests.integration.printing.helpers import pdf_text

FAST = {"warning_sound": False, "wiped_message_s": 0.05}


@pytest.fixture
def printing_kiosk(
    qtbot: Any, make_kiosk: Callable[..., Any], private_cups: Any
) -> Callable[..., Any]:
    services: list[PrintService] = []

    def make(queue: str | None = "pdf", ticket: Any = None, per_session: int | None = None) -> Any:
        kiosk = make_kiosk(config_with(session=FAST))
        a4 = CupsBackend(queue, server=private_cups.server) if queue else None
        service = PrintService(
            a4, PrintQuota(per_session, None), ticket, watch_interval_s=0.2, job_poll_s=0.1
        )
        services.append(service)
        attach_printing(kiosk.runner, kiosk.shell, service)
        service.start()
        watch_activity(kiosk.shell, kiosk.manager.activity)
        touch(qtbot, kiosk.shell.attract)
        assert kiosk.manager.state is State.ACTIVE
        step_of_type(kiosk, "checklist")  # a shipped flow's list of papers to bring
        return kiosk

    yield make
    for service in services:
        service.close()


def _print_button(shell: Any) -> Any:
    QApplication.processEvents()  # a new step's widgets show on the next turn of the loop
    for candidate in shell.flow_screen.findChildren(type(shell.preview.print_button)):
        if candidate.isVisible() and candidate.property("role") == "print":
            return candidate
    raise AssertionError("no print button on the step")


def _wait_printer_known(qtbot: Any, kiosk: Any, kind: str) -> None:
    service = kiosk.shell.printing.service
    qtbot.waitUntil(lambda: service.status(kind).state.value != "unknown", timeout=5000)


def test_a_checklist_printed_on_a4_comes_out_of_cups_with_its_words(
    qtbot, printing_kiosk, private_cups
):
    kiosk = printing_kiosk("pdf")
    shell = kiosk.shell
    _wait_printer_known(qtbot, kiosk, "a4")
    before = set(private_cups.outputs())
    touch(qtbot, _print_button(shell))  # no ticket printer: the list goes on A4
    assert shell.open_overlay_name() == "print-preview"
    preview = shell.preview
    assert preview.kind == "a4" and preview.pages >= 1
    assert preview.print_button.label() == (
        "Imprimer 1 page" if preview.pages == 1 else f"Imprimer {preview.pages} pages"
    )
    touch(qtbot, preview.print_button)
    assert shell.open_overlay_name() == "print-progress"
    progress = shell.print_progress
    qtbot.waitUntil(lambda: progress.job is not None and progress.job.state.final, timeout=15000)
    assert progress.job.state.value == "done", progress.job
    assert progress.title.text().startswith("C'est imprimé")
    qtbot.waitUntil(lambda: len(set(private_cups.outputs()) - before) == 1, timeout=10000)
    (printed,) = set(private_cups.outputs()) - before
    text = " ".join(pdf_text(printed).split())
    runner = shell.flow_screen.runner
    checklist = runner.flow.step(runner.position.step)
    assert "Mairie de Démoville" in text
    assert " ".join(checklist.items[0].get("fr").split())[:40] in text


def test_out_of_paper_is_said_in_the_residents_language_and_nothing_is_left_in_cups(
    qtbot, printing_kiosk, fail_queue, private_cups
):
    kiosk = printing_kiosk(fail_queue.name)
    shell = kiosk.shell
    shell.apply_language("en")
    _wait_printer_known(qtbot, kiosk, "a4")
    fail_queue.set_mode("paper-out")
    touch(qtbot, _print_button(shell))
    touch(qtbot, shell.preview.print_button)
    progress = shell.print_progress
    qtbot.waitUntil(lambda: progress.job is not None and progress.job.state.final, timeout=15000)
    assert progress.job.state.value == "failed"
    shown = progress.title.text() + " " + progress.text.text()
    assert "paper" in shown.lower(), shown  # English, not French
    assert progress.adviser_button.isVisible()
    # The next look at the printer says it before anyone tries again.
    qtbot.waitUntil(lambda: not shell.printing.service.status("a4").can_print, timeout=5000)
    touch(qtbot, progress.adviser_button)
    assert shell.open_overlay_name() == "help"


def test_a_ticket_reaches_the_thermal_printer_and_a_paperless_one_is_refused_before_trying(
    qtbot, printing_kiosk, escpos_listener
):
    printer = EscposTicketPrinter(
        NetworkConnection(escpos_listener.host, escpos_listener.port, 1.0), name="ticket"
    )
    kiosk = printing_kiosk(None, ticket=printer)
    shell = kiosk.shell
    _wait_printer_known(qtbot, kiosk, "ticket")
    touch(qtbot, _print_button(shell))
    preview = shell.preview
    assert preview.kind == "ticket"
    runner = shell.flow_screen.runner
    title = runner.flow.title.get("fr")
    assert title in preview.spoken_text()  # heard before it is printed
    touch(qtbot, preview.print_button)
    progress = shell.print_progress
    qtbot.waitUntil(lambda: progress.job is not None and progress.job.state.final, timeout=10000)
    assert progress.job.state.value == "done"
    escpos_listener.wait_cut()
    printed = decode(escpos_listener.printed()).text
    assert "Mairie de Démoville" in printed
    assert title.split()[0] in printed

    escpos_listener.reset("paper-out")
    qtbot.waitUntil(lambda: not shell.printing.service.status("ticket").can_print, timeout=5000)
    shell.close_overlays()
    # The step's own button says it before anyone tries.
    assert "papier" in _print_button(shell).label()
    assert _print_button(shell).icon_name == "interdit"
    touch(qtbot, _print_button(shell))
    assert not shell.preview.can_confirm()
    assert "papier" in shell.preview.print_button.label()


def test_the_wipe_cancels_and_purges_an_unfinished_job(qtbot, printing_kiosk, fail_queue):
    kiosk = printing_kiosk(fail_queue.name)
    shell = kiosk.shell
    _wait_printer_known(qtbot, kiosk, "a4")
    fail_queue.set_mode("stuck")  # the printer takes the job and never finishes it
    touch(qtbot, _print_button(shell))
    touch(qtbot, shell.preview.print_button)
    progress = shell.print_progress
    qtbot.waitUntil(
        lambda: progress.job is not None and progress.job.state.value == "printing", timeout=10000
    )
    kiosk.manager.end_session("test")
    qtbot.waitUntil(lambda: kiosk.manager.state is State.ATTRACT, timeout=15000)
    report = next(r for r in kiosk.manager.last_outcome.reports if r.wiper == "printing")
    assert report.ok and report.counts["jobs"] == 1 and report.counts["jobs_remaining"] == 0
    connection = __import__("cups").Connection(host=str(fail_queue_server(kiosk)))
    assert connection.getJobs(which_jobs="all") == {}


def fail_queue_server(kiosk: Any) -> str:
    return kiosk.shell.printing.service.a4.server


def test_one_place_of_the_directory_prints_as_a_ticket_with_a_qr_code_to_call_it(
    qtbot, printing_kiosk, escpos_listener
):
    printer = EscposTicketPrinter(
        NetworkConnection(escpos_listener.host, escpos_listener.port, 1.0), name="ticket"
    )
    kiosk = printing_kiosk(None, ticket=printer)
    shell = kiosk.shell
    step_of_type(kiosk, "directory")
    place = shell.flow_screen.runner.step.places[0]
    _wait_printer_known(qtbot, kiosk, "ticket")
    QApplication.processEvents()
    buttons = [
        b
        for b in shell.flow_screen.findChildren(type(shell.preview.print_button))
        if b.property("role") == "print" and b.label() == "Imprimer cette adresse" and b.isVisible()
    ]
    assert len(buttons) == len(shell.flow_screen.runner.step.places)
    # In a column long enough to scroll, the flick gesture holds a press back and replays
    # it through the window system, which the offscreen platform has not: click directly.
    buttons[0].click()
    assert shell.preview.kind == "ticket" and place.address in shell.preview.spoken_text()
    touch(qtbot, shell.preview.print_button)
    progress = shell.print_progress
    qtbot.waitUntil(lambda: progress.job is not None and progress.job.state.final, timeout=10000)
    assert progress.job.state.value == "done"
    escpos_listener.wait_cut()
    printed = decode(escpos_listener.printed())
    digits = "".join(ch for ch in place.phone.split("(")[0] if ch.isdigit())
    assert printed.qr_codes == [f"tel:{digits}"]
    assert place.name in printed.text
