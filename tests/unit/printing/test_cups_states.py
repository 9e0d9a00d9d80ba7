"""What CUPS says, in the kiosk's words: printer states and reasons, job states."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.printing.cups_states import job_status, printer_status, split_reason
from kiosk.printing.model import JobState, PrinterState

IDLE, PROCESSING, STOPPED = 3, 4, 5


def _printer(state: int, *reasons: str, accepting: bool = True) -> Any:
    return printer_status(
        "q",
        {
            "printer-state": state,
            "printer-state-reasons": list(reasons) or ["none"],
            "printer-is-accepting-jobs": accepting,
        },
    )


@pytest.mark.parametrize(
    ("ipp_state", "reasons", "expected"),
    [
        (IDLE, (), PrinterState.IDLE),
        (PROCESSING, (), PrinterState.PRINTING),
        (STOPPED, ("paused",), PrinterState.STOPPED),
        (STOPPED, (), PrinterState.STOPPED),
        (STOPPED, ("media-empty", "paused"), PrinterState.OUT_OF_PAPER),
        (STOPPED, ("media-empty-error",), PrinterState.OUT_OF_PAPER),
        (PROCESSING, ("media-needed",), PrinterState.OUT_OF_PAPER),
        (PROCESSING, ("media-needed-report",), PrinterState.OUT_OF_PAPER),
        (STOPPED, ("media-jam-error", "paused"), PrinterState.JAMMED),
        (PROCESSING, ("media-jam",), PrinterState.JAMMED),
        (PROCESSING, ("cover-open-error",), PrinterState.COVER_OPEN),
        (PROCESSING, ("door-open",), PrinterState.COVER_OPEN),
        (PROCESSING, ("offline-report",), PrinterState.OFFLINE),
        (PROCESSING, ("connecting-to-device",), PrinterState.OFFLINE),
        (PROCESSING, ("timed-out",), PrinterState.OFFLINE),
        (STOPPED, ("offline-report", "paused"), PrinterState.OFFLINE),
        # A warning does not stop the printer (one tray of two is empty).
        (PROCESSING, ("media-empty-warning",), PrinterState.PRINTING),
        # "paused" while processing: the current job finishes, the printer is still printing.
        (PROCESSING, ("paused",), PrinterState.PRINTING),
        # Stale reasons on an idle queue do not block: the next job tries, and clears them.
        (IDLE, ("media-empty",), PrinterState.IDLE),
        (IDLE, ("offline-report",), PrinterState.IDLE),
        (7, (), PrinterState.UNKNOWN),
    ],
)
def test_printer_state_and_reasons(
    ipp_state: int, reasons: tuple[str, ...], expected: PrinterState
) -> None:
    status = _printer(ipp_state, *reasons)
    assert status.state is expected
    assert status.reasons == reasons
    assert status.kind == "a4"


def test_jam_wins_over_out_of_paper_and_stopped() -> None:
    assert _printer(STOPPED, "paused", "media-empty", "media-jam").state is PrinterState.JAMMED


@pytest.mark.parametrize(
    "reason", ["toner-low", "toner-low-warning", "marker-supply-low-report", "toner-empty-error"]
)
def test_toner_low_is_a_flag_not_a_state(reason: str) -> None:
    status = _printer(IDLE, reason)
    assert status.toner_low and status.state is PrinterState.IDLE and status.can_print


def test_media_low_is_paper_low() -> None:
    status = _printer(PROCESSING, "media-low-report")
    assert status.paper_low and status.can_print and not status.toner_low


def test_a_queue_rejecting_jobs_is_stopped() -> None:
    assert _printer(IDLE, accepting=False).state is PrinterState.STOPPED
    assert _printer(STOPPED, "media-empty", accepting=False).state is PrinterState.OUT_OF_PAPER


def test_a_single_reason_string_is_read_as_one_reason() -> None:
    status = printer_status("q", {"printer-state": STOPPED, "printer-state-reasons": "media-jam"})
    assert status.reasons == ("media-jam",)
    assert status.state is PrinterState.JAMMED


@pytest.mark.parametrize(
    ("reason", "split"),
    [
        ("media-empty-error", ("media-empty", "-error")),
        ("offline-report", ("offline", "-report")),
        ("toner-low-warning", ("toner-low", "-warning")),
        ("paused", ("paused", "")),
    ],
)
def test_suffixes(reason: str, split: tuple[str, str]) -> None:
    assert split_reason(reason) == split


@pytest.mark.parametrize(
    ("ipp_state", "reasons", "state", "reason"),
    [
        (3, "none", JobState.QUEUED, ""),
        (3, "printer-stopped", JobState.QUEUED, "printer-stopped"),
        (4, "job-hold-until-specified", JobState.QUEUED, "job-hold-until-specified"),
        (5, "job-printing", JobState.PRINTING, ""),
        (6, "none", JobState.FAILED, "stopped"),
        (7, "job-canceled-by-user", JobState.CANCELLED, "job-canceled-by-user"),
        (8, "aborted-by-system", JobState.FAILED, "aborted-by-system"),
        (8, "none", JobState.FAILED, "aborted"),
        (9, "job-completed-successfully", JobState.DONE, ""),
        (None, "none", JobState.FAILED, "unknown"),
    ],
)
def test_job_states(ipp_state: int | None, reasons: str, state: JobState, reason: str) -> None:
    status = job_status(12, {"job-state": ipp_state, "job-state-reasons": reasons}, pages=3)
    assert (status.job_id, status.state, status.reason, status.pages) == (12, state, reason, 3)


def test_pages_done_when_cups_reports_them() -> None:
    printing = job_status(1, {"job-state": 5, "job-impressions-completed": 2}, pages=4)
    assert printing.pages_done == 2
    silent = job_status(1, {"job-state": 5}, pages=4)
    assert silent.pages_done == 0
    done = job_status(1, {"job-state": 9, "job-impressions-completed": 0}, pages=4)
    assert done.pages_done == 4
