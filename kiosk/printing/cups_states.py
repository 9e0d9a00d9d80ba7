"""What CUPS says about a printer or a job, mapped onto the kiosk's words (pure functions).

CUPS reports a printer as an IPP state (idle, processing, stopped) and a list of
printer-state-reasons keywords, each possibly suffixed -report, -warning or -error. Two
traps decide the rules below:

- Reasons set by a backend (media-empty...) stay set after the job ends, until the next
  job clears them. An idle queue with a stale media-empty would keep every print button
  off forever (no job, so nothing ever clears it), so reasons only block printing while the
  queue is processing or stopped; on an idle queue they are kept for IT but the kiosk tries.
- A -warning reason (media-empty-warning: one tray of two is empty) does not stop the
  printer; only toner and ink warnings are worth telling an adviser.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kiosk.printing.model import JobState, JobStatus, PrinterState, PrinterStatus

IPP_PRINTER_IDLE, IPP_PRINTER_PROCESSING, IPP_PRINTER_STOPPED = 3, 4, 5
IPP_JOB_PENDING, IPP_JOB_HELD, IPP_JOB_PROCESSING = 3, 4, 5
IPP_JOB_STOPPED, IPP_JOB_CANCELED, IPP_JOB_ABORTED, IPP_JOB_COMPLETED = 6, 7, 8, 9

SUFFIXES = ("-report", "-warning", "-error")

BLOCKING: tuple[tuple[PrinterState, frozenset[str]], ...] = (
    # Most specific first: a jammed printer is often also "stopped".
    (PrinterState.JAMMED, frozenset({"media-jam", "jam"})),
    (PrinterState.OUT_OF_PAPER, frozenset({"media-empty", "media-needed"})),
    (PrinterState.COVER_OPEN, frozenset({"cover-open", "door-open", "interlock-open"})),
    (
        PrinterState.OFFLINE,
        frozenset({"offline", "connecting-to-device", "timed-out", "timeout", "shutdown"}),
    ),
    (PrinterState.STOPPED, frozenset({"paused", "stopped", "moving-to-paused"})),
)
TONER = frozenset({"toner-low", "toner-empty", "marker-supply-low", "marker-supply-empty"})


def split_reason(reason: str) -> tuple[str, str]:
    """('media-empty', '-error') from 'media-empty-error'; ('offline', '-report') likewise."""
    for suffix in SUFFIXES:
        if reason.endswith(suffix):
            return reason[: -len(suffix)], suffix
    return reason, ""


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(item) for item in value)
    return (str(value),)


def blocking_state(reasons: Iterable[str]) -> PrinterState | None:
    """The most serious condition named by `reasons` that stops printing, if any."""
    keywords = set()
    for reason in reasons:
        keyword, suffix = split_reason(reason)
        if suffix != "-warning":
            keywords.add(keyword)
    for state, names in BLOCKING:
        if keywords & names:
            return state
    return None


def printer_status(name: str, attributes: Mapping[str, Any]) -> PrinterStatus:
    """A PrinterStatus from getPrinterAttributes' answer (printer-state, -reasons, accepting)."""
    reasons = tuple(r for r in _as_tuple(attributes.get("printer-state-reasons")) if r != "none")
    keywords = {split_reason(r)[0] for r in reasons}
    toner_low = bool(keywords & TONER)
    paper_low = "media-low" in keywords
    ipp_state = attributes.get("printer-state")
    blocked = blocking_state(reasons)
    if ipp_state == IPP_PRINTER_STOPPED:
        state = blocked or PrinterState.STOPPED
    elif ipp_state == IPP_PRINTER_PROCESSING:
        state = blocked if blocked not in (None, PrinterState.STOPPED) else PrinterState.PRINTING
    elif ipp_state == IPP_PRINTER_IDLE:
        state = PrinterState.IDLE
    else:
        state = PrinterState.UNKNOWN
    if attributes.get("printer-is-accepting-jobs") is False and state in (
        PrinterState.IDLE,
        PrinterState.PRINTING,
    ):
        state = PrinterState.STOPPED  # rejecting jobs: a print would fail at once
    return PrinterStatus(
        name, "a4", state, toner_low=toner_low, paper_low=paper_low, reasons=reasons
    )


def job_status(job_id: int, attributes: Mapping[str, Any], pages: int = 0) -> JobStatus:
    """A JobStatus from a job's attributes (or a job event's), without the printer's view.

    `reason` carries the CUPS job-state-reasons keyword of a job that did not finish
    well; PrintService replaces it with the printer's state when the printer is the cause.
    """
    ipp_state = attributes.get("job-state")
    reasons = _as_tuple(attributes.get("job-state-reasons"))
    done = attributes.get("job-impressions-completed")
    pages_done = done if isinstance(done, int) and done > 0 else 0
    reason = next((r for r in reasons if r not in ("none", "job-printing")), "")
    if ipp_state in (IPP_JOB_PENDING, IPP_JOB_HELD):
        state = JobState.QUEUED
    elif ipp_state == IPP_JOB_PROCESSING:
        state, reason = JobState.PRINTING, ""
    elif ipp_state == IPP_JOB_STOPPED:
        state = JobState.FAILED
        reason = reason or PrinterState.STOPPED.value
    elif ipp_state == IPP_JOB_CANCELED:
        state = JobState.CANCELLED
    elif ipp_state == IPP_JOB_ABORTED:
        state = JobState.FAILED
        reason = reason or "aborted"
    elif ipp_state == IPP_JOB_COMPLETED:
        state, reason = JobState.DONE, ""
        pages_done = max(pages_done, pages)
    else:
        state, reason = JobState.FAILED, "unknown"
    return JobStatus(job_id, state, pages, pages_done, reason)
