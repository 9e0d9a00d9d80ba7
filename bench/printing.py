"""Printing: from a tap to CUPS accepting the job, and to the ticket's last byte at the printer.

The benchmark runs this file as a child program (root is needed: it starts a private
cupsd with a cups-pdf queue, tests/_support/cupsd.py, as the print tests do) with a real
ESC/POS network printer listening on 127.0.0.1 (tests/integration/printing/escpos_listener.py).
The kiosk's PrintService does the work, through its worker threads, exactly as the print
panels call it:

- print_submit_ms: `print_pdf()` of a 2-page document until `job_changed` says CUPS
  accepted the job (QUEUED); print_done_ms: until DONE (cups-pdf wrote the PDF);
- print_submit_direct_ms: the baseline, `CupsBackend.submit()` of the same file called
  directly (no service, no thread): what the service adds is the difference;
- ticket_ms / ticket_image_ms: `print_ticket()` of a French summary (printer's fonts) /
  an Arabic checklist (drawn as an image) until the listener received the last byte;
  ticket_direct_ms: the baseline, `EscposTicketPrinter.print_ticket()` called directly;
- max_event_loop_stall_ms: the longest gap between two ticks of a 1 ms timer on the GUI
  thread while those jobs are submitted (target at most 50), over every run;
  idle_event_loop_stall_ms: the same timer with nothing to do, the floor of that figure.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from _harness import (
    ROOT,
    Figures,
    Options,
    median_ms,
    progress,
    register,
    run_child,
)

TARGET_STALL_MS = 50
JOB_TIMEOUT_S = 20.0


@register("printing")
def printing(options: Options) -> Figures:
    runs = run_child(__file__, "printing", options)
    if options.verbose:
        for index, submit in enumerate(runs["submit_ms"]):
            progress(f"printing run {index + 1}: submit {submit:.1f} ms")
    stalls = runs["stall_a4_ms"] + runs["stall_ticket_ms"]
    return {
        "print_submit_ms": median_ms(runs["submit_ms"]),
        "print_submit_direct_ms": median_ms(runs["submit_direct_ms"]),
        "print_done_ms": median_ms(runs["done_ms"]),
        "ticket_ms": median_ms(runs["ticket_ms"]),
        "ticket_image_ms": median_ms(runs["ticket_image_ms"]),
        "ticket_direct_ms": median_ms(runs["ticket_direct_ms"]),
        "max_event_loop_stall_ms": round(max(stalls), 1),
        "max_event_loop_stall_a4_ms": round(max(runs["stall_a4_ms"]), 1),
        "max_event_loop_stall_ticket_ms": round(max(runs["stall_ticket_ms"]), 1),
        "idle_event_loop_stall_ms": round(max(runs["stall_idle_ms"]), 1),
        "max_event_loop_stall_target_ms": TARGET_STALL_MS,
    }


# --- the child ------------------------------------------------------------------------------


class _Child:
    """The measured program: PrintService on a private cupsd and an ESC/POS listener."""

    def __init__(self, cups: Any, listener: Any, folder: Path) -> None:
        from PySide6.QtCore import QCoreApplication, Qt, QTimer

        from kiosk.printing.cups_backend import CupsBackend
        from kiosk.printing.escpos_backend import EscposTicketPrinter, NetworkConnection
        from kiosk.printing.quota import PrintQuota
        from kiosk.printing.service import PrintService
        from tests._support import ticket_samples
        from tests.integration.printing.helpers import TWO_PAGES, write_pdf

        self.app = QCoreApplication.instance()
        self.cups, self.listener = cups, listener
        self.pdf = write_pdf(TWO_PAGES, folder / "two.pdf")
        connection = NetworkConnection(listener.host, listener.port, 0.5)
        self.tickets = EscposTicketPrinter(connection, name="bench", send_timeout_s=5)
        self.direct_cups = CupsBackend("pdf", server=cups.server)
        self.direct_tickets = EscposTicketPrinter(connection, name="bench", send_timeout_s=5)
        self.service = PrintService(
            CupsBackend("pdf", server=cups.server),
            PrintQuota(None, None),
            self.tickets,
            watch_interval_s=5.0,
            job_poll_s=0.05,
        )
        self.statuses: list[Any] = []
        self.service.job_changed.connect(self.statuses.append)
        self.french = ticket_samples.french_tickets()["summary-fr"]
        self.arabic = ticket_samples.checklist("ar")
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def spin_until(self, predicate: Any, timeout_s: float = JOB_TIMEOUT_S) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.perf_counter() + timeout_s
        while not predicate():
            if time.perf_counter() > deadline:
                raise SystemExit("timed out waiting for the printer")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)  # type: ignore[union-attr]
            time.sleep(0.0002)

    def reached(self, token: int, state: Any) -> bool:
        return any(s.job_id == token and s.state is state for s in self.statuses)

    def stall(self) -> float:
        gaps = [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return max(gaps, default=0.0)

    def watched(self) -> None:
        self.ticks.clear()
        self.timer.start()
        self.ticks.append(time.perf_counter())

    def queue_empty(self) -> bool:
        return not self.cups.connection().getJobs(which_jobs="not-completed")

    def a4(self) -> tuple[float, float, float]:
        from kiosk.printing.model import JobState

        self.spin_until(self.queue_empty)
        self.watched()
        begin = time.perf_counter()
        token = self.service.print_pdf(self.pdf, pages=2)
        self.spin_until(lambda: self.reached(token, JobState.QUEUED))
        accepted = (time.perf_counter() - begin) * 1000
        self.spin_until(lambda: self.reached(token, JobState.DONE))
        done = (time.perf_counter() - begin) * 1000
        self.timer.stop()
        return accepted, done, self.stall()

    def ticket(self, ticket: Any) -> tuple[float, float]:
        from kiosk.printing.model import JobState

        self.listener.reset()
        self.watched()
        begin = time.perf_counter()
        token = self.service.print_ticket(ticket)
        self.spin_until(lambda: self.reached(token, JobState.DONE) and self.listener.closed >= 1)
        self.timer.stop()
        return (self.listener.last_byte_at - begin) * 1000, self.stall()

    def baselines(self) -> tuple[float, float, float]:
        self.spin_until(self.queue_empty)
        begin = time.perf_counter()
        self.direct_cups.submit(self.pdf)
        submit = (time.perf_counter() - begin) * 1000
        self.listener.reset()
        begin = time.perf_counter()
        self.direct_tickets.print_ticket(self.french)
        self.listener.wait_closed(1)
        ticket = (self.listener.last_byte_at - begin) * 1000
        self.watched()
        self.spin_until(lambda: len(self.ticks) >= 300)  # about 300 ms of an idle loop
        self.timer.stop()
        return submit, ticket, self.stall()

    def run(self, runs: int) -> dict[str, Any]:
        self.service.start()
        self.a4()  # warm-up: connections, subscription, fonts, first filters
        self.ticket(self.french)
        self.ticket(self.arabic)
        keys = (
            "submit_ms", "done_ms", "stall_a4_ms", "ticket_ms", "stall_ticket_ms",
            "ticket_image_ms", "submit_direct_ms", "ticket_direct_ms", "stall_idle_ms",
        )  # fmt: skip
        figures: dict[str, list[float]] = {key: [] for key in keys}
        for _ in range(runs):
            submit, done, stall_a4 = self.a4()
            ticket, stall_ticket = self.ticket(self.french)
            image, stall_image = self.ticket(self.arabic)
            direct_submit, direct_ticket, idle = self.baselines()
            values = (
                submit, done, stall_a4, ticket, max(stall_ticket, stall_image),
                image, direct_submit, direct_ticket, idle,
            )  # fmt: skip
            for key, value in zip(keys, values, strict=True):
                figures[key].append(value)
        self.spin_until(self.queue_empty)
        self.service.close()
        self.direct_cups.close()
        return figures


def _child(runs: int) -> dict[str, Any]:
    import os
    import tempfile

    sys.path.insert(0, str(ROOT))
    if os.geteuid() != 0:
        raise SystemExit("the printing benchmark starts a private cupsd and needs root")
    from kiosk import qtcompat

    qtcompat.install()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    from tests._support.cupsd import private_cupsd
    from tests.integration.printing.escpos_listener import EscposListener

    listener = EscposListener()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-print-"))
    try:
        with private_cupsd() as cups:
            return _Child(cups, listener, folder).run(runs)
    finally:
        listener.close()
        shutil.rmtree(folder, ignore_errors=True)
        del app


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(int(sys.argv[2]))), flush=True)
