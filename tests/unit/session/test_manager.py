"""The session lifecycle as a resident lives it: start, idle warning, more time, wipe.

Timings are scaled down (idle 0.3 s, countdown 2 s, wiped message 0.05 s) so the whole
file runs in a few seconds; the manager is driven alone, with fake wipers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.session.manager import SessionManager, State
from kiosk.session.wipe import Wiper, WipeRunner
from tests.unit.session.fakes import CleanWiper, FailingWiper

IDLE_S = 0.3
WARNING_S = 2
WIPED_S = 0.05


class Recorder:
    """Every state the manager went through and every countdown value, with times."""

    def __init__(self, manager: SessionManager) -> None:
        self.states: list[State] = []
        self.times: list[float] = []
        self.countdown: list[int] = []
        manager.state_changed.connect(self._on_state)
        manager.countdown.connect(self.countdown.append)

    def _on_state(self, state: State) -> None:
        self.states.append(state)
        self.times.append(time.monotonic())

    def time_of(self, state: State, occurrence: int = 1) -> float:
        seen = 0
        for recorded, when in zip(self.states, self.times, strict=True):
            if recorded is state:
                seen += 1
                if seen == occurrence:
                    return when
        raise AssertionError(f"{state} not reached {occurrence} time(s): {self.states}")


@pytest.fixture
def make_manager(qtbot: Any) -> Callable[..., tuple[SessionManager, Recorder]]:
    made: list[SessionManager] = []

    def make(
        *wipers: Wiper,
        idle_s: float = IDLE_S,
        warning_s: int = WARNING_S,
        wiped_s: float = WIPED_S,
        retries: int = 1,
    ) -> tuple[SessionManager, Recorder]:
        runner = WipeRunner(timeout_s=0.5, retries=retries)
        for wiper in wipers:
            runner.register(wiper)
        manager = SessionManager(
            runner, idle_timeout_s=idle_s, warning_s=warning_s, wiped_message_s=wiped_s
        )
        runner.setParent(manager)
        made.append(manager)
        return manager, Recorder(manager)

    yield make
    for manager in made:  # stop every timer so nothing fires during the next test
        manager.blockSignals(True)
        manager.end_session("teardown")
        runner = manager.findChild(WipeRunner)
        qtbot.waitUntil(lambda runner=runner: not runner.running, timeout=3000)


def test_activity_on_the_attract_screen_starts_a_session_and_runs_the_start_hooks(
    qtbot, make_manager
):
    manager, seen = make_manager(CleanWiper("a"))
    hooks: list[str] = []
    manager.add_start_hook(lambda: hooks.append("folder"))
    manager.add_start_hook(lambda: hooks.append("profile"))
    assert manager.state is State.ATTRACT

    with qtbot.waitSignal(manager.session_started, timeout=1000):
        manager.activity()

    assert manager.state is State.ACTIVE
    assert hooks == ["folder", "profile"]
    assert manager.sessions_started == 1
    manager.activity()  # more touches in the same visit start nothing new
    assert hooks == ["folder", "profile"]
    assert manager.sessions_started == 1
    assert seen.states == [State.ACTIVE]


def test_idle_timeout_opens_the_warning_which_counts_down_then_wipes(qtbot, make_manager):
    wiper = CleanWiper("a")
    manager, seen = make_manager(wiper)
    manager.activity()
    started = time.monotonic()

    qtbot.waitUntil(lambda: manager.state is State.IDLE_WARNING, timeout=2000)
    assert time.monotonic() - started >= IDLE_S - 0.002
    assert seen.countdown == [WARNING_S]
    assert manager.seconds_left == WARNING_S
    assert wiper.calls == 0  # the warning alone wipes nothing

    qtbot.waitUntil(lambda: manager.state is State.ATTRACT, timeout=WARNING_S * 1000 + 2000)
    assert seen.countdown == [2, 1, 0]
    assert seen.states == [
        State.ACTIVE,
        State.IDLE_WARNING,
        State.WIPING,
        State.WIPED,
        State.ATTRACT,
    ]
    assert wiper.calls == 1
    # The countdown lasted about warning_s seconds, one step a second.
    countdown_s = seen.time_of(State.WIPING) - seen.time_of(State.IDLE_WARNING)
    assert WARNING_S * 0.9 <= countdown_s <= WARNING_S + 1


def test_more_time_returns_to_a_full_idle_timeout_and_a_full_countdown(qtbot, make_manager):
    wiper = CleanWiper("a")
    manager, seen = make_manager(wiper)
    manager.activity()
    qtbot.waitUntil(lambda: manager.state is State.IDLE_WARNING, timeout=2000)
    qtbot.waitUntil(lambda: seen.countdown == [2, 1], timeout=2000)

    manager.extend()
    extended = time.monotonic()
    assert manager.state is State.ACTIVE

    qtbot.waitUntil(lambda: seen.states.count(State.IDLE_WARNING) == 2, timeout=2000)
    assert seen.time_of(State.IDLE_WARNING, 2) - extended >= IDLE_S - 0.002
    # The old countdown stopped: the new warning starts again from the full count.
    assert seen.countdown == [2, 1, 2]
    assert wiper.calls == 0
    assert State.WIPING not in seen.states


def test_activity_while_active_postpones_the_warning(qtbot, make_manager):
    manager, seen = make_manager(CleanWiper("a"), idle_s=0.4)
    manager.activity()
    for _ in range(8):  # 0.8 s of touches, twice the idle timeout
        qtbot.wait(100)
        manager.activity()
        assert manager.state is State.ACTIVE
    last_touch = time.monotonic()

    qtbot.waitUntil(lambda: manager.state is State.IDLE_WARNING, timeout=2000)
    assert seen.time_of(State.IDLE_WARNING) - last_touch >= 0.4 - 0.002


def test_activity_during_the_warning_counts_as_more_time(qtbot, make_manager):
    manager, _seen = make_manager(CleanWiper("a"))
    manager.activity()
    qtbot.waitUntil(lambda: manager.state is State.IDLE_WARNING, timeout=2000)
    manager.activity()
    assert manager.state is State.ACTIVE
    assert manager.sessions_started == 1


@pytest.mark.parametrize("from_warning", [False, True], ids=["from-active", "from-warning"])
def test_ending_the_session_wipes_then_returns_to_attract(qtbot, make_manager, from_warning):
    journal: list[str] = []
    first, second = CleanWiper("first", journal), CleanWiper("second", journal)
    manager, seen = make_manager(first, second)
    manager.activity()
    if from_warning:
        qtbot.waitUntil(lambda: manager.state is State.IDLE_WARNING, timeout=2000)

    with qtbot.waitSignal(manager.wipe_finished, timeout=2000) as finished:
        manager.end_session("button")
        assert manager.state is State.WIPING

    outcome = finished.args[0]
    assert outcome.ok
    assert journal == ["first", "second"]
    assert manager.last_outcome is outcome
    assert manager.state is State.WIPED
    qtbot.waitUntil(lambda: manager.state is State.ATTRACT, timeout=1000)
    assert manager.wipes_ok == 1
    if from_warning:  # the countdown stopped with the session: no tick comes after
        values_at_end = list(seen.countdown)
        qtbot.wait(1100)
        assert seen.countdown == values_at_end
        assert manager.state is State.ATTRACT


def test_end_session_on_the_attract_screen_does_nothing(qtbot, make_manager):
    wiper = CleanWiper("a")
    manager, _seen = make_manager(wiper)
    with qtbot.assertNotEmitted(manager.state_changed, wait=100):
        manager.end_session("button")
    assert manager.state is State.ATTRACT
    assert wiper.calls == 0
    assert manager.last_outcome is None


def test_a_clean_wipe_shows_wiped_for_the_message_time_then_attract(qtbot, make_manager):
    manager, seen = make_manager(CleanWiper("a"), wiped_s=0.2)
    manager.activity()
    manager.end_session("button")
    qtbot.waitUntil(lambda: manager.state is State.WIPED, timeout=1000)
    qtbot.waitUntil(lambda: manager.state is State.ATTRACT, timeout=1000)
    shown = seen.time_of(State.ATTRACT) - seen.time_of(State.WIPED)
    assert shown >= 0.2 - 0.002  # the message stays up long enough to be read
    assert seen.states[-3:] == [State.WIPING, State.WIPED, State.ATTRACT]


def test_a_new_visit_after_a_wipe_starts_a_new_session(qtbot, make_manager):
    wiper = CleanWiper("a")
    manager, _seen = make_manager(wiper)
    hooks: list[int] = []
    manager.add_start_hook(lambda: hooks.append(1))
    manager.activity()
    manager.end_session("button")
    qtbot.waitUntil(lambda: manager.state is State.ATTRACT, timeout=1000)
    manager.activity()
    assert manager.state is State.ACTIVE
    assert hooks == [1, 1]
    assert manager.sessions_started == 2


def test_a_start_hook_that_raises_puts_the_kiosk_out_of_service(qtbot, make_manager, caplog):
    manager, seen = make_manager(CleanWiper("a"))
    later: list[str] = []

    def broken() -> None:
        raise OSError("disk full")

    manager.add_start_hook(broken)
    manager.add_start_hook(lambda: later.append("ran"))

    with qtbot.assertNotEmitted(manager.session_started, wait=50):
        manager.activity()

    assert manager.state is State.OUT_OF_SERVICE
    assert "session start failed" in manager.out_of_service_reason
    assert "OSError" in manager.out_of_service_reason
    assert later == []
    assert manager.sessions_started == 0
    assert "out of service" in caplog.text
    manager.activity()  # touching the dead kiosk does not bring it back
    assert seen.states == [State.OUT_OF_SERVICE]


def test_a_wiper_that_stays_dirty_puts_the_kiosk_out_of_service_not_back_to_attract(
    qtbot, make_manager, caplog
):
    journal: list[str] = []
    before = CleanWiper("before", journal)
    dirty = FailingWiper("dirty", journal=journal)
    after = CleanWiper("after", journal)
    manager, seen = make_manager(before, dirty, after, retries=2)
    manager.activity()

    with qtbot.waitSignal(manager.wipe_finished, timeout=3000) as finished:
        manager.end_session("button")

    assert not finished.args[0].ok
    assert manager.state is State.OUT_OF_SERVICE
    assert "dirty" in manager.out_of_service_reason
    assert journal == ["before", "dirty", "dirty", "dirty"]  # stops at the failing wiper
    assert manager.wipes_ok == 0
    qtbot.wait(100)
    manager.activity()
    manager.end_session("button")
    assert manager.state is State.OUT_OF_SERVICE
    assert State.ATTRACT not in seen.states
    assert "out of service" in caplog.text
    assert "wiper dirty failed" in caplog.text


def test_a_wipe_the_manager_did_not_ask_for_changes_nothing(qtbot, make_manager):
    manager, seen = make_manager(FailingWiper("dirty"))
    runner = manager.findChild(WipeRunner)
    with qtbot.waitSignal(runner.finished, timeout=2000):
        runner.run()  # for example a self-check at start-up
    assert manager.state is State.ATTRACT
    assert seen.states == []
    assert manager.last_outcome is None
