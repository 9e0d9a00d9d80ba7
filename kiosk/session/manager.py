"""The session lifecycle: attract -> active -> idle warning -> wiping -> attract.

Pure logic on QtCore timers: the UI reports activity and button presses, and follows
`state_changed`. The manager never shows anything itself, so it is tested without a
display, with timeouts of a fraction of a second.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.session.wipe import WipeOutcome, WipeRunner, describe_error

log = logging.getLogger(__name__)


class State(enum.Enum):
    ATTRACT = "attract"
    ACTIVE = "active"
    IDLE_WARNING = "idle_warning"
    WIPING = "wiping"
    WIPED = "wiped"
    OUT_OF_SERVICE = "out_of_service"


class SessionManager(QObject):
    state_changed = Signal(object)  # State
    countdown = Signal(int)  # seconds left in the idle warning
    session_started = Signal()
    wipe_finished = Signal(object)  # WipeOutcome

    def __init__(
        self,
        runner: WipeRunner,
        *,
        idle_timeout_s: float,
        warning_s: int,
        wiped_message_s: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._state = State.ATTRACT
        self._warning_s = warning_s
        self._left = 0
        self._start_hooks: list[Callable[[], None]] = []
        self.out_of_service_reason = ""
        self.sessions_started = 0
        self.wipes_ok = 0
        self.last_outcome: WipeOutcome | None = None
        self.started_at = time.monotonic()

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(idle_timeout_s * 1000))
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._wiped = QTimer(self)
        self._wiped.setSingleShot(True)
        self._wiped.setInterval(int(wiped_message_s * 1000))
        # Coarse timers may fire 5 % early: the warning would open, and the wipe would
        # start, before the resident had the time the settings promise.
        for timer in (self._idle, self._tick, self._wiped):
            timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._idle.timeout.connect(self._on_idle)
        self._tick.timeout.connect(self._on_tick)
        self._wiped.timeout.connect(self._on_wiped_shown)
        self._runner.finished.connect(self._on_wipe_finished)

    @property
    def state(self) -> State:
        return self._state

    @property
    def seconds_left(self) -> int:
        return self._left

    def add_start_hook(self, hook: Callable[[], None]) -> None:
        """Called at every session start (for example, to create the session folder)."""
        self._start_hooks.append(hook)

    def activity(self) -> None:
        """Any touch, click, key or wheel anywhere in the kiosk."""
        if self._state is State.ATTRACT:
            self.start_session()
        elif self._state is State.ACTIVE:
            self._idle.start()
        elif self._state is State.IDLE_WARNING:
            self.extend()

    def start_session(self) -> None:
        if self._state is not State.ATTRACT:
            return
        try:
            for hook in self._start_hooks:
                hook()
        except Exception as error:
            log.error("session start failed: %s", describe_error(error))
            self._go_out_of_service(f"session start failed: {type(error).__name__}")
            return
        self.sessions_started += 1
        log.info("session started")
        self._set_state(State.ACTIVE)
        self._idle.start()
        self.session_started.emit()

    def extend(self) -> None:
        """'J'ai besoin de plus de temps': back to a full idle timeout."""
        if self._state is not State.IDLE_WARNING:
            return
        self._tick.stop()
        self._set_state(State.ACTIVE)
        self._idle.start()

    def end_session(self, reason: str) -> None:
        """Wipes now. `reason` is a word for the log (button, idle, control)."""
        if self._state not in (State.ACTIVE, State.IDLE_WARNING):
            return
        log.info("session ending: %s", reason)
        self._idle.stop()
        self._tick.stop()
        self._set_state(State.WIPING)
        self._runner.run()

    def _on_idle(self) -> None:
        if self._state is not State.ACTIVE:
            return
        self._left = self._warning_s
        self._set_state(State.IDLE_WARNING)
        self.countdown.emit(self._left)
        self._tick.start()

    def _on_tick(self) -> None:
        self._left -= 1
        self.countdown.emit(self._left)
        if self._left <= 0:
            self._tick.stop()
            self.end_session("idle")

    def _on_wipe_finished(self, outcome: WipeOutcome) -> None:
        if self._state is not State.WIPING:
            return  # a wipe this manager did not ask for
        self.last_outcome = outcome
        self.wipe_finished.emit(outcome)
        if outcome.ok:
            log.info("%s", outcome.summary())
            self.wipes_ok += 1
            self._set_state(State.WIPED)
            self._wiped.start()
        else:
            log.error("%s", outcome.summary())
            reason = outcome.failed.reason if outcome.failed else "unknown"
            name = outcome.failed.wiper if outcome.failed else "?"
            self._go_out_of_service(f"wiper {name} failed: {reason}")

    def _on_wiped_shown(self) -> None:
        if self._state is State.WIPED:
            self._set_state(State.ATTRACT)

    def _go_out_of_service(self, reason: str) -> None:
        self.out_of_service_reason = reason
        log.error("out of service: %s", reason)
        self._idle.stop()
        self._tick.stop()
        self._wiped.stop()
        self._set_state(State.OUT_OF_SERVICE)

    def _set_state(self, state: State) -> None:
        if state is self._state:
            return
        self._state = state
        self.state_changed.emit(state)
