"""Following a session's A4 jobs: what CUPS says, what the printer says, and time (pure).

A job CUPS still holds is reported as the resident should hear it:
- the printer cannot print (out of paper, jammed, offline...): FAILED with the printer's
  state as the reason, although CUPS keeps the job and prints it if an adviser fixes the
  printer before the session ends (then it moves on to PRINTING and DONE);
- no progress (same state, same pages done, same printer condition) for `stuck_after_s`:
  STUCK;
- otherwise CUPS' own state.
A job CUPS has finished (done, cancelled, aborted) is reported once and no longer followed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.printing.model import JobState, JobStatus, PrinterState, PrinterStatus


@dataclass
class TrackedJob:
    token: int
    backend_id: int
    pages: int
    last: JobStatus
    progress: tuple[object, ...]
    progressed_at: float


class JobTracker:
    def __init__(self, stuck_after_s: float, clock: Callable[[], float]) -> None:
        self.stuck_after_s = stuck_after_s
        self._clock = clock
        self._jobs: dict[int, TrackedJob] = {}  # by backend id

    def add(self, token: int, backend_id: int, pages: int) -> JobStatus:
        status = JobStatus(token, JobState.QUEUED, pages)
        self._jobs[backend_id] = TrackedJob(
            token, backend_id, pages, status, (JobState.QUEUED, 0, ""), self._clock()
        )
        return status

    def active(self) -> list[TrackedJob]:
        return list(self._jobs.values())

    def clear(self) -> None:
        self._jobs.clear()

    def update(self, raw: JobStatus, printer: PrinterStatus) -> JobStatus | None:
        """The job's new status if it changed (raw.job_id is the backend's id), else None."""
        job = self._jobs.get(raw.job_id)
        if job is None:
            return None
        now = self._clock()
        if raw.state.final:
            del self._jobs[raw.job_id]
            status = replace(raw, job_id=job.token, pages=job.pages)
            return status if status != job.last else None
        blocked = (
            printer.state.value
            if not printer.can_print and printer.state is not PrinterState.UNKNOWN
            else ""
        )
        progress = (raw.state, raw.pages_done, blocked)
        if progress != job.progress:
            job.progress, job.progressed_at = progress, now
        if blocked:
            status = JobStatus(job.token, JobState.FAILED, job.pages, raw.pages_done, blocked)
        elif now - job.progressed_at >= self.stuck_after_s:
            status = JobStatus(job.token, JobState.STUCK, job.pages, raw.pages_done, "no-progress")
        else:
            status = JobStatus(job.token, raw.state, job.pages, raw.pages_done, raw.reason)
        if status == job.last:
            return None
        job.last = status
        return status
