"""The wipe protocol: every subsystem registers a wiper that wipes, then verifies.

A wiper is asynchronous (the web wiper must wait for Chromium), so it reports through a
callback. The runner runs wipers one after another, each within a timeout; a wiper that
fails or times out is tried again, up to `retries` times. The result is either every
report clean, or the name and reason of the wiper that could not be made clean.
"""

from __future__ import annotations

import logging
import time
import traceback
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from PySide6.QtCore import QObject, Qt, QTimer, Signal

log = logging.getLogger(__name__)


def describe_error(error: BaseException) -> str:
    """The exception's type and where it was raised, without its message.

    Messages carry content (an OSError names the resident's file), so they never reach
    the log; the type and the code location are enough for IT to find the fault.
    """
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " <- ".join(
        f"{PurePath(frame.filename).name}:{frame.lineno} {frame.name}" for frame in reversed(frames)
    )
    return f"{type(error).__name__} at {where}" if where else type(error).__name__


@dataclass(frozen=True)
class WipeReport:
    """What a wiper checked. `counts` are numbers only, never content."""

    wiper: str
    ok: bool
    counts: dict[str, int] = field(default_factory=dict)
    reason: str = ""

    @classmethod
    def clean(cls, wiper: str, **counts: int) -> WipeReport:
        return cls(wiper, True, dict(counts))

    @classmethod
    def failed(cls, wiper: str, reason: str, **counts: int) -> WipeReport:
        return cls(wiper, False, dict(counts), reason)


Done = Callable[[WipeReport], None]


class Wiper(ABC):
    """Base of all wipers: `start(done)` wipes, verifies, then calls `done` exactly once."""

    name = "wiper"

    @abstractmethod
    def start(self, done: Done) -> None: ...


class SyncWiper(Wiper):
    """A wiper whose work is quick and synchronous (runs on the GUI thread)."""

    def start(self, done: Done) -> None:
        try:
            report = self.wipe_and_verify()
        except Exception as error:  # a wiper must never take the kiosk down
            log.error("wiper %s raised %s", self.name, describe_error(error))
            report = WipeReport.failed(self.name, f"raised {type(error).__name__}")
        done(report)

    @abstractmethod
    def wipe_and_verify(self) -> WipeReport: ...


@dataclass
class WipeOutcome:
    ok: bool
    reports: list[WipeReport]
    duration_ms: int
    failed: WipeReport | None = None

    def summary(self) -> str:
        """One log line of counts, never content."""
        parts = [f"wipe {'ok' if self.ok else 'FAILED'}", f"wipers={len(self.reports)}"]
        for report in self.reports:
            counts = ",".join(f"{k}={v}" for k, v in sorted(report.counts.items()))
            parts.append(f"{report.wiper}[{counts}]" if counts else report.wiper)
        parts.append(f"duration_ms={self.duration_ms}")
        if self.failed is not None:
            parts.append(f"failed={self.failed.wiper} reason={self.failed.reason!r}")
        return " ".join(parts)


class WipeRunner(QObject):
    """Runs every registered wiper in order, with a timeout and retries for each."""

    finished = Signal(object)  # WipeOutcome

    def __init__(self, timeout_s: float, retries: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wipers: list[Wiper] = []
        self._timeout_ms = int(timeout_s * 1000)
        self._retries = retries
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may fire 5 % early: a wiper must get all of its timeout.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)
        self._running = False
        self._index = 0
        self._attempt = 0
        self._token = 0
        self._reports: list[WipeReport] = []
        self._started = 0.0

    def register(self, wiper: Wiper) -> None:
        if any(existing.name == wiper.name for existing in self._wipers):
            raise ValueError(f"a wiper named {wiper.name!r} is already registered")
        self._wipers.append(wiper)

    def wiper_names(self) -> list[str]:
        return [wiper.name for wiper in self._wipers]

    @property
    def running(self) -> bool:
        return self._running

    def run(self) -> None:
        if self._running:
            return
        self._running = True
        self._index = 0
        self._attempt = 0
        self._reports = []
        self._started = time.monotonic()
        self._start_current()

    def _start_current(self) -> None:
        if self._index >= len(self._wipers):
            self._finish(None)
            return
        self._token += 1
        token = self._token
        wiper = self._wipers[self._index]
        self._timer.start(self._timeout_ms)
        # Deferred so that a synchronous wiper does not recurse through the whole list.
        QTimer.singleShot(0, self, lambda: self._call(wiper, token))

    def _call(self, wiper: Wiper, token: int) -> None:
        if token != self._token:
            return
        try:
            wiper.start(lambda report: self._on_report(report, token))
        except Exception as error:
            log.error("wiper %s raised when started: %s", wiper.name, describe_error(error))
            self._on_report(WipeReport.failed(wiper.name, f"raised {type(error).__name__}"), token)

    def _on_report(self, report: WipeReport, token: int) -> None:
        if token != self._token or not self._running:
            return  # a late answer from an attempt that already timed out
        self._timer.stop()
        if report.ok:
            self._reports.append(report)
            self._index += 1
            self._attempt = 0
            self._start_current()
        else:
            self._retry_or_fail(report)

    def _on_timeout(self) -> None:
        wiper = self._wipers[self._index]
        self._token += 1
        self._retry_or_fail(WipeReport.failed(wiper.name, f"timed out after {self._timeout_ms} ms"))

    def _retry_or_fail(self, report: WipeReport) -> None:
        if self._attempt < self._retries:
            self._attempt += 1
            log.warning(
                "wiper %s failed (%s); retry %d of %d",
                report.wiper,
                report.reason,
                self._attempt,
                self._retries,
            )
            self._start_current()
            return
        self._reports.append(report)
        self._finish(report)

    def _finish(self, failed: WipeReport | None) -> None:
        self._timer.stop()
        self._running = False
        duration = int((time.monotonic() - self._started) * 1000)
        outcome = WipeOutcome(failed is None, list(self._reports), duration, failed)
        self.finished.emit(outcome)
