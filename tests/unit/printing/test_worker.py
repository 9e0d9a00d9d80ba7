"""The print worker and the printer watch: calls off the GUI thread, answers back on it."""

from __future__ import annotations

import threading
from typing import Any

from kiosk.printing.model import PrinterState, PrinterStatus
from kiosk.printing.watcher import PrinterWatcher
from kiosk.printing.worker import Outcome, Worker


def test_calls_run_in_order_on_one_thread_and_answers_on_the_gui_thread(qtbot: Any) -> None:
    worker = Worker("test")
    ran_on: list[int] = []
    answered_on: list[int] = []
    values: list[int] = []

    def call(n: int) -> int:
        ran_on.append(threading.get_ident())
        return n * 10

    def done(outcome: Outcome[int]) -> None:
        answered_on.append(threading.get_ident())
        values.append(outcome.unwrap())

    for n in range(5):
        worker.run(lambda n=n: call(n), done)
    qtbot.waitUntil(lambda: len(values) == 5)
    assert values == [0, 10, 20, 30, 40]
    assert len(set(ran_on)) == 1 and ran_on[0] != threading.get_ident()
    assert set(answered_on) == {threading.get_ident()}
    assert worker.pending == 0
    worker.close()


def test_an_exception_comes_back_as_an_outcome(qtbot: Any) -> None:
    worker = Worker("test")
    outcomes: list[Outcome[None]] = []

    def fail() -> None:
        raise OSError("printer on fire")

    worker.run(fail, outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes))
    assert isinstance(outcomes[0].error, OSError)
    worker.close()


def test_the_watcher_reports_changes_only_and_no_answer_as_offline(qtbot: Any) -> None:
    worker = Worker("test")
    answers = [PrinterState.IDLE, PrinterState.IDLE, PrinterState.OUT_OF_PAPER, None]

    def probe() -> PrinterStatus:
        state = answers.pop(0) if len(answers) > 1 else answers[0]
        if state is None:
            raise TimeoutError("no answer")
        return PrinterStatus("p", "ticket", state)

    watcher = PrinterWatcher(worker, probe, name="p", kind="ticket", interval_s=0.01)
    assert watcher.last.state is PrinterState.UNKNOWN
    seen: list[PrinterStatus] = []
    watcher.changed.connect(seen.append)
    watcher.start()
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert [status.state for status in seen] == [
        PrinterState.IDLE,
        PrinterState.OUT_OF_PAPER,
        PrinterState.OFFLINE,
    ]
    assert seen[-1].reasons == ("TimeoutError",)
    watcher.stop()
    worker.close()


def test_a_slow_probe_is_not_queued_again_and_again(qtbot: Any) -> None:
    worker = Worker("test")
    release = threading.Event()
    calls: list[int] = []

    def probe() -> PrinterStatus:
        calls.append(1)
        release.wait(5)
        return PrinterStatus("p", "a4", PrinterState.IDLE)

    watcher = PrinterWatcher(worker, probe, name="p", kind="a4", interval_s=0.01)
    watcher.start()
    qtbot.wait(150)  # about 15 timer ticks while the first probe hangs
    assert len(calls) == 1
    assert worker.pending == 1
    release.set()
    qtbot.waitUntil(lambda: watcher.last.state is PrinterState.IDLE)
    watcher.stop()
    worker.close()
