"""The demo's A4 printer: each job's PDF lands in a folder, so a newcomer sees what comes out.

Same interface as CupsBackend (kiosk.printing.service.A4Backend). Its state can be set
(`set_state(PrinterState.OUT_OF_PAPER)`) to show or test what residents are told when
the printer cannot print: jobs then wait in its queue, as CUPS keeps them, and come
out when the state is set back to IDLE. Files are named by job number only
(job-0001.pdf); a cancelled job's file never appears.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from kiosk.printing.model import JobState, JobStatus, PrintError, PrinterState, PrinterStatus


class VirtualA4Printer:
    kind = "a4"

    def __init__(self, folder: Path, name: str = "virtual-a4") -> None:
        self.name = name
        self.folder = folder
        self._lock = threading.Lock()
        self._state = PrinterState.IDLE
        self._next_id = 0
        self._waiting: dict[int, Path] = {}  # job id -> spooled copy
        self._done: set[int] = set()

    def set_state(self, state: PrinterState) -> None:
        """What the printer reports from now on; IDLE lets waiting jobs out."""
        with self._lock:
            self._state = state
        self._flush()

    def _spool(self) -> Path:
        spool = self.folder / ".spool"
        spool.mkdir(parents=True, exist_ok=True, mode=0o700)
        return spool

    def submit(self, pdf: Path) -> int:
        with self._lock:
            if self._state in (PrinterState.OFFLINE, PrinterState.UNKNOWN):
                raise PrintError(self._state, "virtual printer set offline")
            self._next_id += 1
            job_id = self._next_id
        copy = self._spool() / f"job-{job_id:04d}.pdf"
        shutil.copyfile(pdf, copy)
        with self._lock:
            self._waiting[job_id] = copy
        self._flush()
        return job_id

    def _flush(self) -> None:
        with self._lock:
            if self._state is not PrinterState.IDLE:
                return
            waiting, self._waiting = self._waiting, {}
            self._done.update(waiting)
        for copy in waiting.values():
            copy.replace(self.folder / copy.name)

    def job_status(self, job_id: int, pages: int = 0) -> JobStatus:
        self._flush()
        with self._lock:
            if job_id in self._waiting:
                return JobStatus(job_id, JobState.QUEUED, pages, 0, "printer-stopped")
            if job_id in self._done:
                return JobStatus(job_id, JobState.DONE, pages, pages)
        return JobStatus(job_id, JobState.FAILED, pages, 0, "unknown")

    def printer_status(self) -> PrinterStatus:
        self._flush()
        with self._lock:
            state = self._state
        return PrinterStatus(self.name, self.kind, state)

    def cancel(self, job_id: int) -> bool:
        """Cancels a waiting job (its copy is deleted); a printed page stays printed."""
        with self._lock:
            copy = self._waiting.pop(job_id, None)
        if copy is None:
            return False
        copy.unlink(missing_ok=True)
        return True

    def forget(self, job_id: int) -> None:
        with self._lock:
            self._done.discard(job_id)

    def job_ids(self) -> set[int]:
        """Jobs still in the queue (finished ones are forgotten, as with PreserveJobHistory No)."""
        with self._lock:
            return set(self._waiting)

    def outputs(self) -> list[Path]:
        """The PDFs that came out, oldest first."""
        return sorted(self.folder.glob("job-*.pdf"))

    def close(self) -> None:
        """Nothing to release."""
