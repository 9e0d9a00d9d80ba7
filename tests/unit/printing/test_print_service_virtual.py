"""PrintService with the demo's virtual A4 printer and a duck-typed ticket printer.

The same service runs against a real cupsd in tests/integration/printing; here the
virtual printer shows the rules that do not need CUPS: files that come out, a printer
set out of paper, the wipe, tickets on their own worker.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.flows.documents import Document
from kiosk.printing.a4_document import write_a4_pdf
from kiosk.printing.model import JobState, JobStatus, PrintError, PrinterState, PrinterStatus
from kiosk.printing.quota import PrintQuota
from kiosk.printing.service import PrintService
from kiosk.printing.virtual_a4 import VirtualA4Printer
from kiosk.printing.wiper import PrintWiper
from kiosk.session.wipe import WipeReport


class Tickets:
    """A thermal printer stand-in: blocking calls, PrintError when out of paper."""

    name = "ticket-test"

    def __init__(self) -> None:
        self.state = PrinterState.IDLE
        self.printed: list[Any] = []
        self.threads: set[int] = set()

    def status(self) -> PrinterStatus:
        self.threads.add(threading.get_ident())
        return PrinterStatus(self.name, "ticket", self.state)

    def print_ticket(self, ticket: Any) -> None:
        self.threads.add(threading.get_ident())
        if self.state is not PrinterState.IDLE:
            raise PrintError(self.state, "test")
        self.printed.append(ticket)


@pytest.fixture(scope="module")
def two_pages(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "doc.pdf"
    document = Document("Titre", tuple(f"Ligne {n}" for n in range(45)))
    assert write_a4_pdf(document, path) == 2
    return path


@pytest.fixture
def setup(
    qtbot: Any, tmp_path: Path
) -> Iterator[tuple[PrintService, VirtualA4Printer, Tickets, list[JobStatus]]]:
    printer = VirtualA4Printer(tmp_path / "out")
    tickets = Tickets()
    service = PrintService(
        printer,
        PrintQuota(per_session=4, per_day=None),
        tickets,
        watch_interval_s=0.05,
        job_poll_s=0.02,
    )
    seen: list[JobStatus] = []
    service.job_changed.connect(seen.append)
    service.start()
    yield service, printer, tickets, seen
    service.close()


def _last(seen: list[JobStatus], token: int) -> JobStatus | None:
    mine = [status for status in seen if status.job_id == token]
    return mine[-1] if mine else None


def test_a_job_comes_out_as_a_pdf_named_by_number(qtbot: Any, setup: Any, two_pages: Path) -> None:
    service, printer, _tickets, seen = setup
    token = service.print_pdf(two_pages)
    qtbot.waitUntil(lambda: getattr(_last(seen, token), "state", None) is JobState.DONE)
    assert [s.state for s in seen if s.job_id == token] == [JobState.QUEUED, JobState.DONE]
    assert [path.name for path in printer.outputs()] == ["job-0001.pdf"]
    assert printer.outputs()[0].read_bytes() == two_pages.read_bytes()
    assert _last(seen, token) == JobStatus(token, JobState.DONE, 2, 2)


def test_out_of_paper_is_known_before_a_tap_and_the_job_waits(
    qtbot: Any, setup: Any, two_pages: Path
) -> None:
    service, printer, _tickets, seen = setup
    printer.set_state(PrinterState.OUT_OF_PAPER)
    qtbot.waitUntil(lambda: service.status("a4").state is PrinterState.OUT_OF_PAPER)
    assert not service.status("a4").can_print
    token = service.print_pdf(two_pages, pages=2)
    qtbot.waitUntil(lambda: getattr(_last(seen, token), "state", None) is JobState.FAILED)
    assert _last(seen, token).reason == "out-of-paper"
    assert printer.outputs() == []
    printer.set_state(PrinterState.IDLE)  # an adviser put paper in
    qtbot.waitUntil(lambda: getattr(_last(seen, token), "state", None) is JobState.DONE)
    assert len(printer.outputs()) == 1


def test_the_wipe_cancels_a_waiting_job_and_resets_the_session_quota(
    qtbot: Any, setup: Any, two_pages: Path
) -> None:
    service, printer, _tickets, seen = setup
    printer.set_state(PrinterState.JAMMED)
    token = service.print_pdf(two_pages, pages=2)
    qtbot.waitUntil(lambda: getattr(_last(seen, token), "state", None) is JobState.FAILED)
    assert service.quota.session_pages == 2
    reports: list[WipeReport] = []
    PrintWiper(service).start(reports.append)
    qtbot.waitUntil(lambda: bool(reports))
    assert reports[0].ok
    assert reports[0].counts == {"jobs": 1, "jobs_cancelled": 1, "jobs_remaining": 0}
    assert service.quota.session_pages == 0
    printer.set_state(PrinterState.IDLE)
    qtbot.wait(100)
    assert printer.outputs() == []  # the cancelled job never comes out
    assert not any((printer.folder / ".spool").iterdir())


def test_quota_refusal_is_reported_after_the_token_is_returned(
    qtbot: Any, setup: Any, two_pages: Path
) -> None:
    service, printer, _tickets, seen = setup
    assert service.check_quota(5).reason == "quota-session"
    token = service.print_pdf(two_pages, pages=5)
    assert _last(seen, token) is None  # the caller has its token first
    qtbot.waitUntil(lambda: _last(seen, token) is not None)
    assert _last(seen, token) == JobStatus(token, JobState.FAILED, 5, 0, "quota-session")
    qtbot.wait(50)
    assert printer.outputs() == []


def test_an_unreadable_pdf_fails_plainly(qtbot: Any, setup: Any, tmp_path: Path) -> None:
    service, _printer, _tickets, seen = setup
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    token = service.print_pdf(broken)
    qtbot.waitUntil(lambda: _last(seen, token) is not None)
    assert _last(seen, token) == JobStatus(token, JobState.FAILED, reason="unreadable")
    assert service.quota.session_pages == 0


def test_an_offline_printer_refuses_the_job_and_gives_the_pages_back(
    qtbot: Any, setup: Any, two_pages: Path
) -> None:
    service, printer, _tickets, seen = setup
    printer.set_state(PrinterState.OFFLINE)
    token = service.print_pdf(two_pages, pages=2)
    qtbot.waitUntil(lambda: _last(seen, token) is not None)
    assert _last(seen, token) == JobStatus(token, JobState.FAILED, 2, 0, "offline")
    assert service.quota.session_pages == 0


def test_tickets_print_on_their_own_worker_with_the_same_signals(qtbot: Any, setup: Any) -> None:
    service, _printer, tickets, seen = setup
    qtbot.waitUntil(lambda: service.status("ticket").state is PrinterState.IDLE)
    token = service.print_ticket("ticket one")
    qtbot.waitUntil(lambda: getattr(_last(seen, token), "state", None) is JobState.DONE)
    assert [s.state for s in seen if s.job_id == token] == [JobState.QUEUED, JobState.DONE]
    assert tickets.printed == ["ticket one"]
    assert service.kind_of(token) == "ticket"
    tickets.state = PrinterState.COVER_OPEN
    failed = service.print_ticket("ticket two")
    qtbot.waitUntil(lambda: getattr(_last(seen, failed), "state", None) is JobState.FAILED)
    assert _last(seen, failed).reason == "cover-open"
    qtbot.waitUntil(lambda: service.status("ticket").state is PrinterState.COVER_OPEN)
    assert threading.main_thread().ident not in tickets.threads
    a4_threads = service.workers["a4"].thread_ids()
    assert tickets.threads and not (service.workers["ticket"].thread_ids() & a4_threads)


def test_without_printers_everything_says_not_configured(qtbot: Any, two_pages: Path) -> None:
    service = PrintService(None, PrintQuota(None, None))
    seen: list[JobStatus] = []
    service.job_changed.connect(seen.append)
    assert not service.status("a4").can_print
    assert service.status("ticket").reasons == ("not-configured",)
    a4, ticket = service.print_pdf(two_pages), service.print_ticket("t")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert {(s.job_id, s.reason) for s in seen} == {
        (a4, "not-configured"),
        (ticket, "not-configured"),
    }
    reports: list[WipeReport] = []
    PrintWiper(service).start(reports.append)
    assert reports and reports[0].ok
    service.close()
