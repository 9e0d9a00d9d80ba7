"""The one way printing work leaves the GUI thread: a serial worker with queued answers.

Every CUPS or ESC/POS call can block (a network printer that does not answer holds a
call for its whole timeout), so each device gets one thread that runs its calls in
order, and each answer comes back to the GUI thread through a queued signal, where the
caller's callback runs. One thread per device also gives pycups the connection-per-thread
it needs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.session.wipe import describe_error

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A call's value, or the exception it raised (never both)."""

    value: T | None = None
    error: BaseException | None = None

    def unwrap(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


class Worker(QObject):
    """Runs callables one at a time on its own thread; callbacks run on the owner's thread."""

    _delivered = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"print-{name}")
        self._pending = 0
        self._closed = False
        self._thread_ids: set[int] = set()
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """Calls submitted whose callback has not run yet."""
        return self._pending

    def thread_ids(self) -> set[int]:
        """The native ids of the threads that ran this worker's calls (tests check them)."""
        return set(self._thread_ids)

    def run(self, call: Callable[[], T], on_done: Callable[[Outcome[T]], None]) -> None:
        if self._closed:
            return
        self._pending += 1
        self._executor.submit(self._call, call, on_done)

    def _call(self, call: Callable[[], T], on_done: Callable[[Outcome[T]], None]) -> None:
        self._thread_ids.add(threading.get_native_id())
        try:
            outcome: Outcome[T] = Outcome(value=call())
        except Exception as error:  # handed back to the GUI thread, never lost
            log.debug("print worker %s: %s", self.name, describe_error(error))
            outcome = Outcome(error=error)
        self._delivered.emit((on_done, outcome))

    @Slot(object)
    def _on_delivered(self, delivery: tuple[Callable[[Outcome[Any]], None], Outcome[Any]]) -> None:
        self._pending -= 1
        if self._closed:
            return
        on_done, outcome = delivery
        on_done(outcome)

    def close(self, wait: bool = True) -> None:
        """Stops taking calls; calls already taken still run, their callbacks are dropped.

        Calls already taken are few (a watcher keeps at most one poll in flight) and the
        last one may be the backend's own clean-up, so none is cancelled.
        """
        self._closed = True
        self._executor.shutdown(wait=wait)
