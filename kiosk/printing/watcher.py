"""The background printer watch: print buttons know a printer cannot print before a tap.

Every `interval_s` the watcher asks its device's worker for the printer's state (never
on the GUI thread) and emits `changed` when it differs from the last one seen. A poll
is skipped while the previous one is still running, so a printer that does not answer
costs one blocked worker call, not a growing queue of them. A probe that raises means
"no answer", which the kiosk reports as OFFLINE, never as ready.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.printing.model import NOT_ASKED_YET, PrinterState, PrinterStatus
from kiosk.printing.worker import Outcome, Worker


class PrinterWatcher(QObject):
    """Polls one printer through its worker; `last` is the latest state seen."""

    changed = Signal(object)  # PrinterStatus

    def __init__(
        self,
        worker: Worker,
        probe: Callable[[], PrinterStatus],
        *,
        name: str,
        kind: str,
        interval_s: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._probe = probe
        self.last = PrinterStatus(name, kind, PrinterState.UNKNOWN, reasons=(NOT_ASKED_YET,))
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(interval_s * 1000)))
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        """Asks for the state now (unless a poll is already on its way)."""
        if self._in_flight:
            return
        self._in_flight = True
        self._worker.run(self._probe, self._on_probed)

    def _on_probed(self, outcome: Outcome[PrinterStatus]) -> None:
        self._in_flight = False
        if outcome.error is not None or outcome.value is None:
            reason = type(outcome.error).__name__ if outcome.error else "no-answer"
            last = self.last
            self.update(
                PrinterStatus(last.name, last.kind, PrinterState.OFFLINE, reasons=(reason,))
            )
        else:
            self.update(outcome.value)

    def update(self, status: PrinterStatus) -> None:
        """Takes a state seen elsewhere (a job poll, a failed print); emits if it changed."""
        if status != self.last:
            self.last = status
            self.changed.emit(status)
