"""The A4 printer through CUPS (pycups): submit, follow, cancel and purge jobs; printer state.

Every call blocks (IPP over a socket), so PrintService only calls this class from its
worker thread. pycups aborted Python when one `cups.Connection` was shared between
threads, so each thread opens its own.

Anonymity: a job is created with the name "kiosk" and its one document is named "kiosk"
(pycups' printFile would send the file's name); the PDF is streamed, so CUPS never sees
where it came from.

With `PreserveJobHistory No` (deploy/cups) CUPS forgets a job the moment it ends, so
its last state cannot be asked for afterwards. The backend therefore holds a pull
("ippget") subscription on its queue and reads the job-completed event, which says
whether the job completed, was cancelled or aborted.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cups

from kiosk.printing import cups_states
from kiosk.printing.model import JobState, JobStatus, PrintError, PrinterState, PrinterStatus

log = logging.getLogger(__name__)

JOB_NAME = "kiosk"
CHUNK = 64 * 1024
LEASE_S = 3600
IPP_NOT_FOUND = 0x0406
JOB_ATTRIBUTES = ["job-state", "job-state-reasons", "job-impressions-completed"]
PRINTER_ATTRIBUTES = ["printer-state", "printer-state-reasons", "printer-is-accepting-jobs"]
EVENTS = ["job-state-changed", "job-completed", "job-progress"]


def _ipp_status(error: BaseException) -> int:
    args = getattr(error, "args", ())
    return args[0] if args and isinstance(args[0], int) else -1


class CupsBackend:
    """One CUPS queue. `server` is a host name or a socket path (None: the system's CUPS).

    An empty `queue` is CUPS's default destination, found on first use (on the worker).
    """

    kind = "a4"

    def __init__(
        self,
        queue: str,
        server: str | None = None,
        port: int = 631,
        options: Mapping[str, str] | None = None,
    ) -> None:
        self.name = queue
        self.server = server
        self.port = port
        self.options = {str(k): str(v) for k, v in (options or {}).items()}
        self._local = threading.local()
        self._lock = threading.Lock()
        self._subscription: int | None = None
        self._subscribed_at = 0.0
        self._last_sequence = 0
        self._events: dict[int, dict[str, Any]] = {}
        self._mine: set[int] = set()

    # --- connections --------------------------------------------------------------------

    def _connection(self) -> Any:
        """This thread's connection to CUPS (created on first use)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            try:
                if self.server is None:
                    connection = cups.Connection()
                else:
                    connection = cups.Connection(host=self.server, port=self.port)
            except RuntimeError as error:  # pycups: "failed to connect to server"
                raise PrintError(PrinterState.OFFLINE, "CUPS unreachable") from error
            self._local.connection = connection
            if not self.name:  # "" in kiosk.toml: CUPS's default queue, asked on the worker
                with contextlib.suppress(cups.IPPError, RuntimeError):
                    self.name = str(connection.getDefault() or "")
        return connection

    def _forget_connection(self) -> None:
        self._local.connection = None

    # --- jobs ---------------------------------------------------------------------------

    def submit(self, pdf: Path) -> int:
        """Hands the PDF to CUPS as an anonymous job; returns the CUPS job id.

        Raises PrintError when CUPS refuses or cannot be reached, OSError when the file
        cannot be read (then nothing reached CUPS).
        """
        with pdf.open("rb") as source:
            connection = self._connection()
            self._ensure_subscription(connection)
            job_id = self._create_job(connection)
            try:
                connection.startDocument(self.name, job_id, JOB_NAME, "application/pdf", 1)
                while chunk := source.read(CHUNK):
                    connection.writeRequestData(chunk, len(chunk))
                connection.finishDocument(self.name)
            except (cups.IPPError, cups.HTTPError, RuntimeError, OSError) as error:
                self._forget_connection()  # the stream may be left half-written
                with contextlib.suppress(cups.IPPError, cups.HTTPError, RuntimeError, PrintError):
                    self.cancel(job_id)
                raise PrintError(PrinterState.OFFLINE, "document not sent") from error
        return job_id

    def _create_job(self, connection: Any) -> int:
        try:
            job_id = int(connection.createJob(self.name, JOB_NAME, dict(self.options)))
        except cups.IPPError as error:
            raise PrintError(self._refusal_reason(), "job refused") from error
        except (cups.HTTPError, RuntimeError) as error:
            self._forget_connection()
            raise PrintError(PrinterState.OFFLINE, "CUPS unreachable") from error
        with self._lock:
            self._mine.add(job_id)
        return job_id

    def _refusal_reason(self) -> PrinterState:
        status = self.printer_status()
        return status.state if not status.can_print else PrinterState.STOPPED

    def job_status(self, job_id: int, pages: int = 0) -> JobStatus:
        """What CUPS says of a job; a job CUPS has forgotten is read from its last event."""
        connection = self._connection()
        try:
            attributes = connection.getJobAttributes(job_id, requested_attributes=JOB_ATTRIBUTES)
        except cups.IPPError as error:
            if _ipp_status(error) != IPP_NOT_FOUND:
                raise PrintError(PrinterState.OFFLINE, "job state unreadable") from error
            self._pull_events(connection)
            event = self._events.get(job_id)
            if event is None:
                return JobStatus(job_id, JobState.FAILED, pages, 0, "unknown")
            return cups_states.job_status(job_id, event, pages)
        except (cups.HTTPError, RuntimeError) as error:
            self._forget_connection()
            raise PrintError(PrinterState.OFFLINE, "CUPS unreachable") from error
        return cups_states.job_status(job_id, attributes, pages)

    def cancel(self, job_id: int) -> bool:
        """Cancels the job and purges its files and history; False if CUPS had no such job."""
        try:
            self._connection().cancelJob(job_id, purge_job=True)
        except cups.IPPError as error:
            if _ipp_status(error) == IPP_NOT_FOUND:
                return False
            raise
        finally:
            with self._lock:
                self._mine.discard(job_id)
                self._events.pop(job_id, None)
        return True

    def job_ids(self) -> set[int]:
        """Every job CUPS still lists (finished ones included, while it keeps them)."""
        jobs = self._connection().getJobs(which_jobs="all", requested_attributes=["job-id"])
        return {int(job_id) for job_id in jobs}

    def forget(self, job_id: int) -> None:
        """Drops what the backend remembers of a finished job (its last event)."""
        with self._lock:
            self._mine.discard(job_id)
            self._events.pop(job_id, None)

    # --- printer ------------------------------------------------------------------------

    def printer_status(self) -> PrinterStatus:
        """The queue's state; an unreachable CUPS or a missing queue is OFFLINE, never idle."""
        try:
            attributes = self._connection().getPrinterAttributes(
                self.name, requested_attributes=PRINTER_ATTRIBUTES
            )
        except PrintError:
            return PrinterStatus(self.name, self.kind, PrinterState.OFFLINE, reasons=("cups-down",))
        except cups.IPPError as error:
            reason = "queue-missing" if _ipp_status(error) == IPP_NOT_FOUND else "ipp-error"
            return PrinterStatus(self.name, self.kind, PrinterState.OFFLINE, reasons=(reason,))
        except (cups.HTTPError, RuntimeError):
            self._forget_connection()
            return PrinterStatus(self.name, self.kind, PrinterState.OFFLINE, reasons=("cups-down",))
        return cups_states.printer_status(self.name, attributes)

    # --- events -------------------------------------------------------------------------

    def _ensure_subscription(self, connection: Any) -> None:
        now = time.monotonic()
        if self._subscription is not None and now - self._subscribed_at < LEASE_S / 2:
            return
        try:
            if self._subscription is not None:
                connection.renewSubscription(self._subscription, lease_duration=LEASE_S)
            else:
                uri = f"ipp://localhost/printers/{self.name}"
                self._subscription = int(
                    connection.createSubscription(uri, events=EVENTS, lease_duration=LEASE_S)
                )
                self._last_sequence = 0
            self._subscribed_at = now
        except (cups.IPPError, cups.HTTPError, RuntimeError):
            # Without events a finished job reads as "unknown"; printing still works.
            log.warning("CUPS subscription for job events refused")
            self._subscription = None

    def _pull_events(self, connection: Any) -> None:
        if self._subscription is None:
            return
        try:
            answer = connection.getNotifications([self._subscription])
        except (cups.IPPError, cups.HTTPError):
            self._subscription = None  # expired or CUPS restarted: subscribe again
            self._ensure_subscription(connection)
            return
        with self._lock:
            for event in answer.get("events", []):
                sequence = int(event.get("notify-sequence-number", 0))
                job_id = event.get("notify-job-id")
                if sequence <= self._last_sequence or not isinstance(job_id, int):
                    continue
                self._last_sequence = sequence
                if job_id in self._mine:
                    self._events[job_id] = dict(event)

    def close(self) -> None:
        """Ends the event subscription (from the thread that made it)."""
        if self._subscription is None:
            return
        with contextlib.suppress(cups.IPPError, cups.HTTPError, RuntimeError, PrintError):
            self._connection().cancelSubscription(self._subscription)
        self._subscription = None
