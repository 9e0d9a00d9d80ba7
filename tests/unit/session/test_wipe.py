"""The wipe protocol: order, retries, timeouts, late answers, and logs without content."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from kiosk.session.folder import SessionFolders, SessionFolderWiper
from kiosk.session.manager import SessionManager, State
from kiosk.session.wipe import WipeOutcome, WipeReport, WipeRunner
from tests.unit.session.fakes import (
    CleanWiper,
    FailingWiper,
    ManualWiper,
    RaisingOnStartWiper,
    RaisingWiper,
)

SECRET = "MARIE-DUPONT-passeport-12AB34567"


def run(qtbot: Any, runner: WipeRunner, timeout_ms: int = 3000) -> WipeOutcome:
    with qtbot.waitSignal(runner.finished, timeout=timeout_ms) as finished:
        runner.run()
    outcome = finished.args[0]
    assert isinstance(outcome, WipeOutcome)
    assert not runner.running
    return outcome


def test_wipers_run_in_order_and_every_report_is_kept(qtbot):
    journal: list[str] = []
    runner = WipeRunner(timeout_s=1, retries=2)
    for name in ("ui", "folder", "clipboard"):
        runner.register(CleanWiper(name, journal, removed=len(name)))

    outcome = run(qtbot, runner)

    assert journal == ["ui", "folder", "clipboard"]
    assert outcome.ok
    assert outcome.failed is None
    assert [r.wiper for r in outcome.reports] == ["ui", "folder", "clipboard"]
    assert [r.counts for r in outcome.reports] == [{"removed": 2}, {"removed": 6}, {"removed": 9}]
    assert all(r.ok for r in outcome.reports)


def test_no_wipers_is_a_clean_wipe(qtbot):
    outcome = run(qtbot, WipeRunner(timeout_s=1, retries=0))
    assert outcome.ok
    assert outcome.reports == []


def test_a_wiper_failing_once_is_retried_and_the_wipe_is_clean(qtbot):
    journal: list[str] = []
    flaky = FailingWiper("flaky", failures=1, journal=journal)
    runner = WipeRunner(timeout_s=1, retries=2)
    runner.register(flaky)
    runner.register(CleanWiper("next", journal))

    outcome = run(qtbot, runner)

    assert outcome.ok
    assert flaky.calls == 2
    assert journal == ["flaky", "flaky", "next"]
    assert [(r.wiper, r.ok) for r in outcome.reports] == [("flaky", True), ("next", True)]


@pytest.mark.parametrize("retries", [0, 1, 3])
def test_a_wiper_that_always_fails_is_tried_one_plus_retries_times_and_the_wipe_stops(
    qtbot, retries
):
    journal: list[str] = []
    before = CleanWiper("before", journal)
    dirty = FailingWiper("dirty", journal=journal)
    after = CleanWiper("after", journal)
    runner = WipeRunner(timeout_s=1, retries=retries)
    for wiper in (before, dirty, after):
        runner.register(wiper)

    outcome = run(qtbot, runner)

    assert not outcome.ok
    assert dirty.calls == 1 + retries
    # Decided: the runner stops at the wiper that cannot be made clean. The kiosk goes out
    # of service anyway (see test_manager), so later wipers would change nothing for the
    # next resident, and a half-working kiosk must not look clean.
    assert after.calls == 0
    assert outcome.failed is not None
    assert outcome.failed.wiper == "dirty"
    assert outcome.failed.reason == "still dirty"
    assert [(r.wiper, r.ok) for r in outcome.reports] == [("before", True), ("dirty", False)]


def test_an_asynchronous_wiper_that_never_answers_times_out_and_is_retried(qtbot):
    silent = ManualWiper("silent")
    after = CleanWiper("after")
    runner = WipeRunner(timeout_s=0.1, retries=2)
    runner.register(silent)
    runner.register(after)

    outcome = run(qtbot, runner, timeout_ms=2000)

    assert not outcome.ok
    assert silent.calls == 3
    assert outcome.failed is not None
    assert outcome.failed.wiper == "silent"
    assert "timed out" in outcome.failed.reason
    assert after.calls == 0
    assert 300 <= outcome.duration_ms < 2000


def test_a_wiper_that_times_out_once_then_answers_gives_a_clean_wipe(qtbot):
    slow_once = ManualWiper("slow_once", answer_on_attempt=2)
    runner = WipeRunner(timeout_s=0.1, retries=1)
    runner.register(slow_once)

    outcome = run(qtbot, runner)

    assert outcome.ok
    assert slow_once.calls == 2
    assert [r.wiper for r in outcome.reports] == ["slow_once"]


def test_a_late_answer_from_a_timed_out_attempt_is_ignored(qtbot):
    silent = ManualWiper("silent")
    runner = WipeRunner(timeout_s=0.1, retries=1)
    runner.register(silent)
    outcomes: list[WipeOutcome] = []
    runner.finished.connect(outcomes.append)

    runner.run()
    qtbot.waitUntil(lambda: silent.calls == 2, timeout=1000)
    # The first attempt answers "clean" while the second is still pending: it must not
    # count, or a wiper that hung could pass for one that verified.
    silent.dones[0](WipeReport.clean("silent", items_removed=1))
    assert runner.running
    assert outcomes == []

    qtbot.waitUntil(lambda: bool(outcomes), timeout=1000)
    assert not outcomes[0].ok
    assert "timed out" in outcomes[0].failed.reason
    # Answers after the end change nothing and finish nothing a second time.
    silent.dones[1](WipeReport.clean("silent"))
    silent.dones[0](WipeReport.failed("silent", "late"))
    qtbot.wait(150)
    assert len(outcomes) == 1
    assert not runner.running


def test_answering_twice_does_not_skip_the_next_wiper(qtbot):
    class TwiceWiper(ManualWiper):
        def start(self, done):  # type: ignore[no-untyped-def]
            super().start(done)
            done(WipeReport.clean(self.name))
            done(WipeReport.clean(self.name))

    journal: list[str] = []
    runner = WipeRunner(timeout_s=1, retries=0)
    runner.register(TwiceWiper("twice"))
    dirty = FailingWiper("dirty", journal=journal)
    runner.register(dirty)

    outcome = run(qtbot, runner)

    assert not outcome.ok
    assert dirty.calls == 1
    assert [r.wiper for r in outcome.reports] == ["twice", "dirty"]


@pytest.mark.parametrize(
    "wiper",
    [RaisingWiper("raises", ValueError("bug")), RaisingOnStartWiper("raises")],
    ids=["sync", "async"],
)
def test_a_wiper_that_raises_counts_as_failed(qtbot, wiper):
    runner = WipeRunner(timeout_s=1, retries=1)
    runner.register(wiper)

    outcome = run(qtbot, runner)

    assert not outcome.ok
    assert wiper.calls == 2
    assert outcome.failed is not None
    assert outcome.failed.wiper == "raises"
    assert outcome.failed.reason.startswith("raised ")


def test_two_wipers_with_the_same_name_are_refused():
    runner = WipeRunner(timeout_s=1, retries=0)
    runner.register(CleanWiper("clipboard"))
    with pytest.raises(ValueError, match="clipboard"):
        runner.register(CleanWiper("clipboard"))
    assert runner.wiper_names() == ["clipboard"]


def test_a_run_requested_while_running_does_not_start_a_second_wipe(qtbot):
    slow = ManualWiper("slow")
    runner = WipeRunner(timeout_s=0.2, retries=0)
    runner.register(slow)
    outcomes: list[WipeOutcome] = []
    runner.finished.connect(outcomes.append)
    runner.run()
    qtbot.waitUntil(lambda: slow.calls == 1, timeout=1000)
    runner.run()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=1000)
    qtbot.wait(50)
    assert slow.calls == 1
    assert len(outcomes) == 1


def _plant_secret(folders: SessionFolders) -> Path:
    current = folders.create()
    (current / f"{SECRET}.pdf").write_bytes(b"%PDF-1.4 " + SECRET.encode())
    (current / "telechargements").mkdir()
    (current / "telechargements" / f"avis-{SECRET}.txt").write_text(SECRET)
    return current


def test_the_summary_line_has_counts_but_never_file_names(qtbot, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    folders = SessionFolders(tmp_path / "sessions")
    runner = WipeRunner(timeout_s=1, retries=1)
    runner.register(SessionFolderWiper(folders))
    manager = SessionManager(runner, idle_timeout_s=10, warning_s=5, wiped_message_s=0.05)
    manager.add_start_hook(lambda: _plant_secret(folders))
    manager.start_session()

    with qtbot.waitSignal(manager.wipe_finished, timeout=2000) as finished:
        manager.end_session("button")
    qtbot.waitUntil(lambda: manager.state is State.ATTRACT, timeout=1000)

    outcome = finished.args[0]
    summary = outcome.summary()
    assert outcome.ok
    assert "wipe ok" in summary
    assert "wipers=1" in summary
    assert "entries_removed=3" in summary
    assert SECRET not in summary
    assert summary in caplog.text  # the one line is logged
    assert SECRET not in caplog.text


def test_a_wiper_error_naming_a_file_does_not_put_the_name_in_the_logs(qtbot, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    secret_file = tmp_path / f"{SECRET}.pdf"
    error = PermissionError(13, "Permission denied", str(secret_file))
    runner = WipeRunner(timeout_s=1, retries=1)
    runner.register(RaisingWiper("downloads", error))
    manager = SessionManager(runner, idle_timeout_s=10, warning_s=5, wiped_message_s=0.05)
    manager.start_session()

    with qtbot.waitSignal(manager.wipe_finished, timeout=2000) as finished:
        manager.end_session("button")

    outcome = finished.args[0]
    assert not outcome.ok
    assert manager.state is State.OUT_OF_SERVICE
    assert "PermissionError" in outcome.summary()  # IT learns what went wrong...
    assert "downloads" in caplog.text
    assert "PermissionError at fakes.py" in caplog.text  # where it broke, for IT
    assert SECRET not in outcome.summary()  # ...but not what the resident had
    assert SECRET not in manager.out_of_service_reason
    assert SECRET not in caplog.text
