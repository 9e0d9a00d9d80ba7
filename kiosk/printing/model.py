"""The words the print service, its backends and the screens share (plain data, no Qt).

A printer's state is what residents are told before they try ("L'imprimante n'a plus de
papier"); a job's state is what they are told after. Backends map whatever their library
reports onto these, and treat "no answer" as OFFLINE, never as "ready".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class PrinterState(Enum):
    IDLE = "idle"
    PRINTING = "printing"
    STOPPED = "stopped"
    OFFLINE = "offline"
    OUT_OF_PAPER = "out-of-paper"
    JAMMED = "jammed"
    COVER_OPEN = "cover-open"
    UNKNOWN = "unknown"


class JobState(Enum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"
    STUCK = "stuck"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


NOT_ASKED_YET = "not-asked-yet"
"""The reason of a printer's UNKNOWN state before its first answer (moments after start)."""


@dataclass(frozen=True)
class PrinterStatus:
    """One printer as last seen by the background watcher."""

    name: str
    kind: str  # "a4" or "ticket"
    state: PrinterState
    toner_low: bool = False
    paper_low: bool = False
    """A ticket roll past its near-end sensor: still printing, but someone should bring paper."""
    reasons: tuple[str, ...] = ()
    """The backend's own reason codes (CUPS printer-state-reasons...), for IT, never shown."""

    @property
    def can_print(self) -> bool:
        return self.state in (PrinterState.IDLE, PrinterState.PRINTING)


@dataclass(frozen=True)
class JobStatus:
    """One job as last seen. `reason` is a PrinterState value when the printer is the cause."""

    job_id: int
    state: JobState
    pages: int = 0
    pages_done: int = 0
    reason: str = ""


class PrintError(Exception):
    """A job could not be handed to the printer. `reason` is a PrinterState value."""

    def __init__(self, reason: PrinterState, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail
