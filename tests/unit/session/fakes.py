"""Fake wipers for the session tests: each records how often it was asked to wipe."""

from __future__ import annotations

from kiosk.session.wipe import Done, SyncWiper, Wiper, WipeReport


class CleanWiper(SyncWiper):
    """Always wipes clean; appends its name to `journal` so order can be checked."""

    def __init__(self, name: str, journal: list[str] | None = None, **counts: int) -> None:
        self.name = name
        self.journal = journal if journal is not None else []
        self.counts = counts or {"things_removed": 1}
        self.calls = 0

    def wipe_and_verify(self) -> WipeReport:
        self.calls += 1
        self.journal.append(self.name)
        return WipeReport.clean(self.name, **self.counts)


class FailingWiper(SyncWiper):
    """Fails its first `failures` attempts (every attempt by default), then wipes clean."""

    def __init__(self, name: str, failures: int = 1_000_000, journal: list[str] | None = None):
        self.name = name
        self.failures = failures
        self.journal = journal if journal is not None else []
        self.calls = 0

    def wipe_and_verify(self) -> WipeReport:
        self.calls += 1
        self.journal.append(self.name)
        if self.calls <= self.failures:
            return WipeReport.failed(self.name, "still dirty", items_left=1)
        return WipeReport.clean(self.name, items_removed=1)


class RaisingWiper(SyncWiper):
    """Raises from wipe_and_verify, like a wiper with a bug or a disk error."""

    def __init__(self, name: str, error: Exception) -> None:
        self.name = name
        self.error = error
        self.calls = 0

    def wipe_and_verify(self) -> WipeReport:
        self.calls += 1
        raise self.error


class RaisingOnStartWiper(Wiper):
    """An asynchronous wiper whose start() itself raises."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls = 0

    def start(self, done: Done) -> None:
        self.calls += 1
        raise RuntimeError("broken wiper")


class ManualWiper(Wiper):
    """An asynchronous wiper that answers only when the test calls one of `dones`."""

    def __init__(self, name: str, answer_on_attempt: int | None = None) -> None:
        self.name = name
        self.dones: list[Done] = []
        self.answer_on_attempt = answer_on_attempt

    @property
    def calls(self) -> int:
        return len(self.dones)

    def start(self, done: Done) -> None:
        self.dones.append(done)
        if self.answer_on_attempt == len(self.dones):
            done(WipeReport.clean(self.name, items_removed=1))
