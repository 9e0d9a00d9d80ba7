"""The measured program of bench/web.py: the real kiosk, and a driver that taps as a resident.

`python bench/web_kiosk.py MODE SESSIONS CONFIG` runs `kiosk --config CONFIG --windowed`
(kiosk.cli, so kiosk.app.run() and all it starts after the first paint) and, once the
attract screen has been painted, drives the shell through its widgets: open the flow,
tap to its web step, tap "Aller sur le site", wait for the page, let storage.html write
every kind of storage, tap Terminer then "Oui, tout effacer", wait for the clean attract
screen. In "sessions" mode, as many sessions again also hop through a FranceConnect
login's sites (LOGIN_HOP) before Terminer: their wipe probes four origins. The driver
never runs a nested event loop: it is a generator resumed by a 1 ms timer, so the kiosk's
own event loop (and its deferred deletions) runs as in service.

It prints `progress ...` lines, then ONE JSON line: the figures of MODE ("sessions":
first-paint and wipe times of each session; "soak": PSS before and after), or
{"error": ...}. bench/run imports it as it does every bench/*.py: its top level imports
no Qt and registers nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
FLOW = "ameli-attestation"
STORAGE_URL = "https://www.ameli.fr/storage.html"
LOGIN_HOP = (
    "https://app.franceconnect.gouv.fr/",
    "https://idp.impots.gouv.fr/",
    "https://assure.ameli.fr/",
)
"""A FranceConnect login's hops after the service: with it, the session opened 4 origins."""
SERVICE_HOST = "www.ameli.fr"
# From the flow's first step to its web step: (role, index) of each button tapped.
PATH_TO_WEB = (("continue", 0), ("choose", 0), ("continue", 0), ("continue", 0))
STEP_TIMEOUT_S = 20.0
READ_PAUSE_S = 0.3
WARM_WAIT_S = 5.0
"""A resident reads the step before tapping; the kiosk's warm-up may use that time."""
SETTLE_S = 2.0
"""Before a PSS reading: the renderers let go of what they free lazily."""
BASELINE_AFTER = 10
SAMPLES = 5


class DriverError(RuntimeError):
    """The kiosk did not do what a resident would have seen it do."""


FIELDS = ("Pss", "Pss_Anon", "Pss_Shmem", "Pss_File")


def family(root_pid: int) -> set[int]:
    """`root_pid` and all its descendants (the renderers are the zygote's children)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    members, frontier = {root_pid}, [root_pid]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in members:
                members.add(pid)
                frontier.append(pid)
    return members


def memory_kb(root_pid: int) -> dict[str, int]:
    """PSS fields (kB) of smaps_rollup summed over the family, and `processes`.

    `owned` is Pss_Anon + Pss_Shmem: what the kiosk and its renderers allocated
    (`kiosk_owned`: the same for the kiosk's own process, where Python and Qt live). The
    file-backed part (Pss_File: mostly libQt6WebEngineCore's pages) is divided among
    every process on the machine that maps the same files, so it moves when unrelated
    programs start or stop (a test run next door swung the total by 60 MB).
    """
    totals = dict.fromkeys(FIELDS, 0)
    members = family(root_pid)
    for pid in members:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            key, _, value = line.partition(":")
            if key in totals:
                totals[key] += int(value.split()[0])
            if pid == root_pid and key in ("Pss_Anon", "Pss_Shmem"):
                totals["kiosk_owned"] = totals.get("kiosk_owned", 0) + int(value.split()[0])
    totals["owned"] = totals["Pss_Anon"] + totals["Pss_Shmem"]
    totals["processes"] = len(members)
    return totals


class Driver:
    """Taps through the real shell; a generator resumed every millisecond by the event loop."""

    def __init__(self, kiosk: Any, mode: str, sessions: int) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.kiosk, self.shell, self.mode, self.sessions = kiosk, kiosk.shell, mode, sessions
        self.result: dict[str, Any] = {"error": "the driver never ran"}
        self.attract_painted_at = 0.0
        self.loads: list[bool] = []
        self._steps: Iterator[None] | None = None
        driver = self

        class PaintWatch(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    driver.attract_painted_at = time.perf_counter()
                return False

        self._paint_watch = PaintWatch()
        self.shell.attract.installEventFilter(self._paint_watch)

    # The loop

    def start(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._steps = self._run()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        from PySide6.QtCore import QCoreApplication

        assert self._steps is not None
        try:
            next(self._steps)
            return
        except StopIteration:
            pass
        except DriverError as error:
            self.result = {"error": str(error)}
        except Exception as error:  # reported as the benchmark's failure, with its kind
            self.result = {"error": f"{type(error).__name__}: {error}"}
        self._timer.stop()
        QCoreApplication.quit()

    def wait(
        self, predicate: Callable[[], object], what: str, timeout_s: float = STEP_TIMEOUT_S
    ) -> Iterator[None]:
        deadline = time.perf_counter() + timeout_s
        while not predicate():
            if time.perf_counter() > deadline:
                raise DriverError(f"{what} not within {timeout_s} s")
            yield

    def pause(self, seconds: float) -> Iterator[None]:
        end = time.perf_counter() + seconds
        yield from self.wait(lambda: time.perf_counter() >= end, "pause", seconds + 1)

    # What a resident does

    def web_screen(self) -> Any:
        """The shell's web screen, once the engine is made (after the first paint)."""
        web = self.shell.web
        return web.screen if web is not None else None

    def tap(self, widget: Any) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        if not widget.isVisible():
            raise DriverError(f"the button {widget.property('role') or widget.text()!r} is hidden")
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def step_buttons(self, role: str) -> list[Any]:
        from kiosk.ui.widgets import BigButton

        body = self.shell.flow_screen.body
        return [b for b in body.findChildren(BigButton) if b.property("role") == role]

    def to_web_step(self) -> Iterator[None]:
        from kiosk.session.manager import State

        yield from self.wait(lambda: self.kiosk.manager.state is State.ATTRACT, "attract")
        if not self.shell.open_flow(FLOW):
            raise DriverError(f"the flow {FLOW} did not open")
        for role, index in PATH_TO_WEB:
            yield from self.wait(lambda r=role: self.step_buttons(r), f"a {role} button")
            self.tap(self.step_buttons(role)[index])
            yield
        yield from self.wait(lambda: self.step_buttons("web"), "the web step")

    def warm(self) -> bool:
        screen = self.web_screen()
        page = screen.engine.page if screen is not None else None
        return page is not None and page.renderProcessPid() > 0 and not page.isLoading()

    def loaded_ahead(self) -> bool:
        screen = self.web_screen()
        page = screen.engine.page if screen is not None else None
        return (
            page is not None
            and not page.isLoading()
            and page.url().host() == SERVICE_HOST
            and screen.current_view() == "page"
        )

    def open_service(self) -> Iterator[None]:
        """Taps the web step's button; leaves in self.painted_s the time to the painted page."""
        from bare_webengine import not_blank

        yield from self.pause(READ_PAUSE_S)
        # The kiosk warms its engine while the home screen shows; a kiosk that does not is
        # measured all the same, only later (and says so: warm_at_tap).
        end = time.perf_counter() + WARM_WAIT_S
        yield from self.wait(lambda: self.warm() or time.perf_counter() > end, "warm-up")
        self.warm_at_tap = self.warm()
        screen = self.web_screen()
        self.loads.clear()
        begin = time.perf_counter()
        self.tap(self.step_buttons("web")[0])
        yield from self.wait(lambda: self.shell.current_screen_name() == "web", "the web screen")
        # The kiosk loads a web step's service while the step shows (the resident reads
        # it): the page may have finished before the tap, with no loadFinished after it.
        yield from self.wait(lambda: self.loads or self.loaded_ahead(), "the service's page")
        self.loaded_s = time.perf_counter() - begin
        if self.loads and not self.loads[-1]:
            raise DriverError("the service's page failed to load")
        painted: list[float] = []

        def frame_shows_page() -> bool:
            grabbed_at = time.perf_counter()  # the frame was there when the grab began
            if not_blank(screen.view.grab().toImage()):
                painted.append(grabbed_at)
            return bool(painted)

        yield from self.wait(frame_shows_page, "a painted page")
        self.painted_s = painted[0] - begin

    def write_storage(self) -> Iterator[None]:
        screen = self.web_screen()
        page = screen.engine.page
        decision = screen.engine.open(STORAGE_URL)
        if not decision.allowed:
            raise DriverError(f"storage.html refused: {decision.reason}")
        yield from self.wait(
            lambda: page.title() in ("written",) or page.title().startswith("failed"),
            "storage.html",
        )
        if page.title() != "written":
            raise DriverError("storage.html could not write")

    def hop_through_login(self) -> Iterator[None]:
        """The resident logs in through FranceConnect: three more sites, each loaded."""
        page = self.web_screen().engine.page
        for url in LOGIN_HOP:
            self.loads.clear()
            decision = self.web_screen().engine.open(url)
            if not decision.allowed:
                raise DriverError(f"{url} refused: {decision.reason}")
            yield from self.wait(lambda: self.loads, f"the login hop {url}")
            if not self.loads[-1] or page.url().toString() != url:
                raise DriverError(f"the login hop {url} did not load")

    def terminate(self) -> Iterator[None]:
        """Terminer, then "Oui, tout effacer"; leaves the time to the clean attract screen."""
        from kiosk.session.manager import State

        self.tap(self.shell.top_bar.buttons["end"])
        yield from self.wait(
            lambda: self.shell.open_overlay_name() == "confirm-end", "the confirmation"
        )
        yield
        self.attract_painted_at = 0.0
        begin = time.perf_counter()
        self.tap(self.shell.confirm_end.yes)
        manager = self.kiosk.manager
        yield from self.wait(
            lambda: manager.state in (State.ATTRACT, State.OUT_OF_SERVICE), "the attract screen"
        )
        outcome = manager.last_outcome
        if manager.state is State.OUT_OF_SERVICE or outcome is None or not outcome.ok:
            raise DriverError(f"the wipe failed: {manager.out_of_service_reason}")
        yield from self.wait(lambda: self.attract_painted_at > begin, "the attract screen's paint")
        self.wipe_ms = (self.attract_painted_at - begin) * 1000
        web = [r for r in outcome.reports if r.wiper == "web"]
        if not web or not web[0].ok:
            raise DriverError("no clean report of the web wiper")
        self.runner_ms = float(outcome.duration_ms)
        self.web_wiper_ms = float(web[0].counts.get("ms", 0))
        self.origins = float(web[0].counts.get("origins", 0))

    def one_session(self, login_hop: bool = False) -> Iterator[None]:
        yield from self.to_web_step()
        yield from self.open_service()
        yield from self.write_storage()
        if login_hop:
            yield from self.hop_through_login()
        yield from self.terminate()

    def _run(self) -> Iterator[None]:
        yield from self.wait(lambda: self.web_screen() is not None, "the web screen in the shell")
        screen = self.web_screen()
        screen.view.loadFinished.connect(self.loads.append)
        if self.mode == "sessions":
            figures: dict[str, list[float]] = {
                key: [] for key in ("paint_s", "loaded_s", "wipe_ms", "runner_ms", "web_wiper_ms")
            }
            warm = 0
            for _ in range(self.sessions):
                yield from self.one_session()
                figures["paint_s"].append(self.painted_s)
                figures["loaded_s"].append(self.loaded_s)
                figures["wipe_ms"].append(self.wipe_ms)
                figures["runner_ms"].append(self.runner_ms)
                figures["web_wiper_ms"].append(self.web_wiper_ms)
                warm += self.warm_at_tap
            hop: dict[str, list[float]] = {"wipe_ms": [], "web_wiper_ms": [], "origins": []}
            for _ in range(self.sessions):
                yield from self.one_session(login_hop=True)
                hop["wipe_ms"].append(self.wipe_ms)
                hop["web_wiper_ms"].append(self.web_wiper_ms)
                hop["origins"].append(self.origins)
            self.result = {**figures, "warm_at_tap": warm, "login_hop": hop}
            return
        start: dict[str, int] = {}
        for number in range(1, self.sessions + 1):
            yield from self.one_session()
            if number == BASELINE_AFTER:
                start = yield from self.settled_memory()
                print(f"progress soak {number}/{self.sessions}: {describe(start)}", flush=True)
            elif number % 25 == 0:
                now = memory_kb(os.getpid())
                print(f"progress soak {number}/{self.sessions}: {describe(now)}", flush=True)
        end = yield from self.settled_memory()
        self.result = {"start": start, "end": end}

    def settled_memory(self) -> Generator[None, None, dict[str, int]]:
        """After a pause, the median of a few readings of each field (the machine is shared)."""
        yield from self.pause(SETTLE_S)
        readings = []
        for _ in range(SAMPLES):
            readings.append(memory_kb(os.getpid()))
            yield from self.pause(0.3)
        return {key: int(statistics.median(r[key] for r in readings)) for key in readings[0]}


def describe(memory: dict[str, int]) -> str:
    return (
        f"PSS {memory['Pss'] / 1024:.0f} MB (anon+shmem {memory['owned'] / 1024:.0f} MB, "
        f"{memory.get('kiosk_owned', 0) / 1024:.0f} MB of it in the kiosk's process) "
        f"in {memory['processes']} processes"
    )


def main(mode: str, sessions: int, config: Path) -> int:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(BENCH_DIR))
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication, as Qt asks)

    from kiosk import app as app_module
    from kiosk.cli import main as kiosk_main

    drivers: list[Driver] = []
    build = app_module.build

    def build_and_drive(*args: Any, **kwargs: Any) -> Any:
        from PySide6.QtCore import QTimer

        kiosk = build(*args, **kwargs)
        driver = Driver(kiosk, mode, sessions)
        drivers.append(driver)
        kiosk.shell.painted.connect(lambda: QTimer.singleShot(0, driver.start))
        return kiosk

    app_module.build = build_and_drive
    code = kiosk_main(["--config", str(config), "--windowed"])
    result = drivers[0].result if drivers else {"error": f"the kiosk exited with {code}"}
    print(json.dumps(result), flush=True)
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])))
