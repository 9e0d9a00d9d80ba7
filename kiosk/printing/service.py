"""The print service: A4 jobs through CUPS, tickets through ESC/POS, never on the GUI thread.

Screens call `print_pdf` or `print_ticket`, get a token back at once, and follow the job
through `job_changed(JobStatus)` whose `job_id` is that token: QUEUED, then PRINTING,
then DONE, or FAILED (reason: a PrinterState value such as "out-of-paper" when the
printer is the cause, "quota-session"/"quota-day" when a limit refuses, "unreadable",
"not-configured", or the CUPS job-state reason), or STUCK ("no-progress"). A printer
that is fixed while the resident waits can turn a FAILED job into PRINTING and DONE.

`printer_changed(PrinterStatus)` comes from a background watch of each printer, so print
buttons can say "L'imprimante n'a plus de papier" before anyone tries; `status(kind)`
gives the last state seen ("a4" or "ticket").

Each device has its own worker thread (kiosk.printing.worker): CUPS calls and ticket
prints run there, in order, and answers come back as queued signals. What the session
sent to CUPS is listed on the A4 worker itself, so `wipe()` cancels and purges exactly
that, even jobs still being handed over when the session ended.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.printing import pdf_pages
from kiosk.printing.jobs import JobTracker
from kiosk.printing.model import JobState, JobStatus, PrintError, PrinterState, PrinterStatus
from kiosk.printing.quota import PrintQuota, QuotaDecision
from kiosk.printing.watcher import PrinterWatcher
from kiosk.printing.worker import Outcome, Worker
from kiosk.session.wipe import WipeReport

log = logging.getLogger(__name__)

VERIFY_TIMEOUT_S = 2.0
"""How long the wipe waits for CUPS to drop cancelled jobs (it took under 1 ms here)."""


class A4Backend(Protocol):
    """CupsBackend and VirtualA4Printer: blocking calls, made from one worker thread."""

    name: str

    def submit(self, pdf: Path) -> int: ...
    def job_status(self, job_id: int, pages: int = 0) -> JobStatus: ...
    def printer_status(self) -> PrinterStatus: ...
    def cancel(self, job_id: int) -> bool: ...
    def forget(self, job_id: int) -> None: ...
    def job_ids(self) -> set[int]: ...
    def close(self) -> None: ...


class TicketBackend(Protocol):
    """The thermal printer (kiosk.printing.escpos_backend): blocking, raises PrintError."""

    def status(self) -> PrinterStatus: ...
    def print_ticket(self, ticket: Any) -> None: ...


def _not_configured(kind: str) -> PrinterStatus:
    return PrinterStatus("", kind, PrinterState.OFFLINE, reasons=("not-configured",))


class PrintService(QObject):
    job_changed = Signal(object)  # JobStatus, job_id = the token print_* returned
    printer_changed = Signal(object)  # PrinterStatus

    def __init__(
        self,
        a4: A4Backend | None,
        quota: PrintQuota,
        ticket: TicketBackend | None = None,
        *,
        watch_interval_s: float = 5.0,
        job_poll_s: float = 0.5,
        stuck_after_s: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.a4, self.ticket, self.quota = a4, ticket, quota
        self._tracker = JobTracker(stuck_after_s, clock)
        self._token = 0
        self._generation = 0
        self._polling_jobs = False
        self._session_ids: list[int] = []  # touched on the A4 worker thread only
        self._ticket_kinds: set[int] = set()
        self.workers: dict[str, Worker] = {}
        self.watchers: dict[str, PrinterWatcher] = {}
        if a4 is not None:
            self._add_device("a4", a4.name, a4.printer_status, watch_interval_s)
        if ticket is not None:
            name = str(getattr(ticket, "name", "ticket"))
            self._add_device("ticket", name, ticket.status, watch_interval_s)
        self._job_timer = QTimer(self)
        self._job_timer.setInterval(max(1, int(job_poll_s * 1000)))
        self._connect_signals()

    def _add_device(
        self, kind: str, name: str, probe: Callable[[], PrinterStatus], interval_s: float
    ) -> None:
        worker = Worker(kind, self)
        self.workers[kind] = worker
        self.watchers[kind] = PrinterWatcher(
            worker, probe, name=name, kind=kind, interval_s=interval_s, parent=self
        )

    def _connect_signals(self) -> None:
        for watcher in self.watchers.values():
            watcher.changed.connect(self.printer_changed)
        self._job_timer.timeout.connect(self._on_job_timer)

    # --- printers -----------------------------------------------------------------------

    def start(self) -> None:
        """Starts the background watch (first answers arrive within milliseconds)."""
        for watcher in self.watchers.values():
            watcher.start()

    def refresh(self) -> None:
        """Asks every printer for its state now."""
        for watcher in self.watchers.values():
            watcher.poll()

    def status(self, kind: str) -> PrinterStatus:
        """The last state seen for "a4" or "ticket" (UNKNOWN before the first answer)."""
        watcher = self.watchers.get(kind)
        return watcher.last if watcher is not None else _not_configured(kind)

    def check_quota(self, pages: int) -> QuotaDecision:
        """What the preview asks before it offers "Imprimer N pages"."""
        return self.quota.check(pages)

    # --- A4 -----------------------------------------------------------------------------

    def print_pdf(self, path: Path, pages: int | None = None) -> int:
        """Prints a PDF of the session folder; returns the token `job_changed` will carry.

        `pages` is the count the preview already has; without it the worker counts.
        Either way the quota is charged before anything reaches CUPS.
        """
        token = self._next_token()
        if self.a4 is None:
            self._emit_later(JobStatus(token, JobState.FAILED, reason="not-configured"))
            return token
        generation = self._generation
        if pages is not None:
            self._charge_and_submit(token, path, pages, generation, deferred=True)
        else:
            self.workers["a4"].run(
                lambda: pdf_pages.count_pages(path),
                lambda outcome: self._on_counted(token, path, generation, outcome),
            )
        return token

    def _on_counted(self, token: int, path: Path, generation: int, outcome: Outcome[int]) -> None:
        if generation != self._generation:
            return
        if outcome.error is not None or outcome.value is None:
            self.job_changed.emit(JobStatus(token, JobState.FAILED, reason="unreadable"))
            return
        self._charge_and_submit(token, path, outcome.value, generation, deferred=False)

    def _charge_and_submit(
        self, token: int, path: Path, pages: int, generation: int, deferred: bool
    ) -> None:
        decision = self.quota.charge(pages)
        if not decision.allowed:
            log.info("print refused by the %s quota: %d page(s)", decision.reason, pages)
            refused = JobStatus(token, JobState.FAILED, pages, 0, decision.reason)
            if deferred:
                self._emit_later(refused)
            else:
                self.job_changed.emit(refused)
            return
        self.workers["a4"].run(
            lambda: self._submit_on_worker(path),
            lambda outcome: self._on_submitted(token, pages, generation, outcome),
        )

    def _submit_on_worker(self, path: Path) -> int:
        assert self.a4 is not None
        job_id = self.a4.submit(path)
        self._session_ids.append(job_id)
        return job_id

    def _on_submitted(self, token: int, pages: int, generation: int, outcome: Outcome[int]) -> None:
        if outcome.error is not None or outcome.value is None:
            self.quota.refund(pages)
            error = outcome.error
            reason = error.reason.value if isinstance(error, PrintError) else "error"
            log.warning("print job not accepted: %s", reason)
            self.job_changed.emit(JobStatus(token, JobState.FAILED, pages, 0, reason))
            self.watchers["a4"].poll()
            return
        log.info("print job accepted: %d page(s)", pages)
        if generation != self._generation:
            return  # the session ended meanwhile: the wipe purges it, nobody is waiting
        self.job_changed.emit(self._tracker.add(token, outcome.value, pages))
        if not self._job_timer.isActive():
            self._job_timer.start()

    def _on_job_timer(self) -> None:
        jobs = [(job.backend_id, job.pages) for job in self._tracker.active()]
        if not jobs:
            self._job_timer.stop()
            return
        if self._polling_jobs:
            return
        self._polling_jobs = True
        generation = self._generation
        self.workers["a4"].run(
            lambda: self._poll_on_worker(jobs),
            lambda outcome: self._on_jobs_polled(generation, outcome),
        )

    def _poll_on_worker(self, jobs: list[tuple[int, int]]) -> tuple[PrinterStatus, list[JobStatus]]:
        assert self.a4 is not None
        printer = self.a4.printer_status()
        statuses = [self.a4.job_status(job_id, pages) for job_id, pages in jobs]
        for status in statuses:
            if status.state.final:
                self.a4.forget(status.job_id)
        return printer, statuses

    def _on_jobs_polled(
        self, generation: int, outcome: Outcome[tuple[PrinterStatus, list[JobStatus]]]
    ) -> None:
        self._polling_jobs = False
        if generation != self._generation:
            return
        if outcome.error is not None or outcome.value is None:
            self.watchers["a4"].poll()
            return
        printer, statuses = outcome.value
        self.watchers["a4"].update(printer)
        for raw in statuses:
            changed = self._tracker.update(raw, printer)
            if changed is not None:
                if changed.state.final:
                    log.info("print job %s", changed.state.value)
                self.job_changed.emit(changed)

    # --- tickets ------------------------------------------------------------------------

    def print_ticket(self, ticket: Any) -> int:
        """Prints a ticket on the thermal printer; same signals and tokens as print_pdf."""
        token = self._next_token()
        backend = self.ticket
        if backend is None:
            self._emit_later(JobStatus(token, JobState.FAILED, reason="not-configured"))
            return token
        self._ticket_kinds.add(token)
        self._emit_later(JobStatus(token, JobState.QUEUED, 1))
        self.workers["ticket"].run(
            lambda: backend.print_ticket(ticket),
            lambda outcome: self._on_ticket_printed(token, outcome),
        )
        return token

    def _on_ticket_printed(self, token: int, outcome: Outcome[None]) -> None:
        error = outcome.error
        if error is None:
            self.job_changed.emit(JobStatus(token, JobState.DONE, 1, 1))
        else:
            reason = error.reason.value if isinstance(error, PrintError) else "error"
            log.warning("ticket not printed: %s", reason)
            self.job_changed.emit(JobStatus(token, JobState.FAILED, 1, 0, reason))
        self.watchers["ticket"].poll()

    def kind_of(self, token: int) -> str:
        return "ticket" if token in self._ticket_kinds else "a4"

    # --- session end --------------------------------------------------------------------

    def wipe(self, done: Callable[[WipeReport], None], name: str = "printing") -> None:
        """Cancels and purges the session's A4 jobs, verifies through CUPS, resets the quota."""
        self._generation += 1
        self._tracker.clear()
        self._job_timer.stop()
        self._ticket_kinds.clear()
        if self.a4 is None:
            self.quota.reset_session()
            done(WipeReport.clean(name, jobs=0, jobs_remaining=0))
            return

        def finished(outcome: Outcome[tuple[int, int, int]]) -> None:
            self.quota.reset_session()
            if outcome.error is not None or outcome.value is None:
                kind = type(outcome.error).__name__
                done(WipeReport.failed(name, f"CUPS not reachable ({kind})"))
                return
            jobs, cancelled, remaining = outcome.value
            counts = {"jobs": jobs, "jobs_cancelled": cancelled, "jobs_remaining": remaining}
            if remaining:
                done(WipeReport.failed(name, f"{remaining} job(s) still listed by CUPS", **counts))
            else:
                done(WipeReport.clean(name, **counts))

        self.workers["a4"].run(self._wipe_on_worker, finished)

    def _wipe_on_worker(self) -> tuple[int, int, int]:
        assert self.a4 is not None
        ids = list(self._session_ids)
        if not ids:  # nothing sent this session: nothing to ask CUPS (which may be down)
            return 0, 0, 0
        cancelled = sum(1 for job_id in ids if self.a4.cancel(job_id))
        deadline = time.monotonic() + VERIFY_TIMEOUT_S
        remaining = set(ids) & self.a4.job_ids()
        while remaining and time.monotonic() < deadline:
            time.sleep(0.05)
            remaining &= self.a4.job_ids()
        self._session_ids = [job_id for job_id in ids if job_id in remaining]
        return len(ids), cancelled, len(remaining)

    def close(self) -> None:
        """Stops watching and lets the workers finish (the backend closes on its thread)."""
        self._job_timer.stop()
        for watcher in self.watchers.values():
            watcher.stop()
        if self.a4 is not None:
            self.workers["a4"].run(self.a4.close, lambda _outcome: None)
        for worker in self.workers.values():
            worker.close(wait=True)

    # --- helpers ------------------------------------------------------------------------

    def _next_token(self) -> int:
        self._token += 1
        return self._token

    def _emit_later(self, status: JobStatus) -> None:
        """Emits after the caller has its token (print_* return first)."""
        QTimer.singleShot(0, self, lambda: self.job_changed.emit(status))
