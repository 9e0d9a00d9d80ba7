"""Following a job: CUPS' state, the printer's condition, and time without progress."""

from __future__ import annotations

from kiosk.printing.jobs import JobTracker
from kiosk.printing.model import JobState, JobStatus, PrinterState, PrinterStatus

IDLE = PrinterStatus("q", "a4", PrinterState.PRINTING)
NO_PAPER = PrinterStatus("q", "a4", PrinterState.OUT_OF_PAPER, reasons=("media-empty",))
UNKNOWN = PrinterStatus("q", "a4", PrinterState.UNKNOWN)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _tracker() -> tuple[JobTracker, Clock]:
    clock = Clock()
    tracker = JobTracker(stuck_after_s=30, clock=clock)
    assert tracker.add(token=7, backend_id=41, pages=2) == JobStatus(7, JobState.QUEUED, 2)
    return tracker, clock


def test_states_carry_the_token_and_only_changes_are_reported() -> None:
    tracker, _clock = _tracker()
    assert tracker.update(JobStatus(41, JobState.QUEUED), IDLE) is None
    assert tracker.update(JobStatus(41, JobState.PRINTING), IDLE) == JobStatus(
        7, JobState.PRINTING, 2
    )
    assert tracker.update(JobStatus(41, JobState.PRINTING, 2, 1), IDLE) == JobStatus(
        7, JobState.PRINTING, 2, 1
    )
    assert tracker.update(JobStatus(41, JobState.DONE, 0, 2), IDLE) == JobStatus(
        7, JobState.DONE, 2, 2
    )
    assert tracker.active() == []
    assert tracker.update(JobStatus(41, JobState.DONE), IDLE) is None  # no longer followed


def test_no_progress_for_the_limit_is_stuck_and_progress_unsticks() -> None:
    tracker, clock = _tracker()
    tracker.update(JobStatus(41, JobState.PRINTING), IDLE)
    clock.now += 29.9
    assert tracker.update(JobStatus(41, JobState.PRINTING), IDLE) is None
    clock.now += 0.1
    stuck = tracker.update(JobStatus(41, JobState.PRINTING), IDLE)
    assert stuck == JobStatus(7, JobState.STUCK, 2, 0, "no-progress")
    clock.now += 100
    assert tracker.update(JobStatus(41, JobState.PRINTING), IDLE) is None  # said once
    moving = tracker.update(JobStatus(41, JobState.PRINTING, 2, 1), IDLE)
    assert moving is not None and moving.state is JobState.PRINTING


def test_a_printer_that_cannot_print_fails_the_job_with_its_reason_then_may_recover() -> None:
    tracker, clock = _tracker()
    blocked = tracker.update(JobStatus(41, JobState.QUEUED, reason="printer-stopped"), NO_PAPER)
    assert blocked == JobStatus(7, JobState.FAILED, 2, 0, "out-of-paper")
    clock.now += 1000  # blocked, not stuck: the reason stays the printer's
    assert tracker.update(JobStatus(41, JobState.QUEUED), NO_PAPER) is None
    assert tracker.active()  # CUPS still holds it: still followed
    resumed = tracker.update(JobStatus(41, JobState.PRINTING), IDLE)
    assert resumed == JobStatus(7, JobState.PRINTING, 2)
    assert tracker.update(JobStatus(41, JobState.DONE), IDLE) == JobStatus(7, JobState.DONE, 2)


def test_an_unknown_printer_state_does_not_fail_a_job() -> None:
    tracker, _clock = _tracker()
    assert tracker.update(JobStatus(41, JobState.PRINTING), UNKNOWN) == JobStatus(
        7, JobState.PRINTING, 2
    )


def test_cups_final_states_end_the_follow_up() -> None:
    for final in (JobState.CANCELLED, JobState.FAILED):
        tracker, _clock = _tracker()
        status = tracker.update(JobStatus(41, final, reason="aborted-by-system"), IDLE)
        assert status is not None and status.state is final and status.job_id == 7
        assert tracker.active() == []


def test_an_unknown_job_is_ignored() -> None:
    tracker, _clock = _tracker()
    assert tracker.update(JobStatus(99, JobState.DONE), IDLE) is None
