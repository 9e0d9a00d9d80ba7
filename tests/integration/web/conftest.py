"""One real web engine per test module, local servers standing in for the official sites."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QPoint,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest

from kiosk.session.wipe import WipeReport
from kiosk.web.engine import WebEngine
from kiosk.web.page import KioskPage
from kiosk.web.view import KioskWebView
from tests.integration.web.servers import FORBIDDEN, SITE

# What QtWebEngine says once when it starts on the offscreen platform (no GPU, no Vulkan):
# informative, not faults. pytest-qt would fail the first web test for them.
STARTUP_NOISE = (
    "QRhiGles2: Failed to create",
    "Failed to create RHI for backend",
    "This plugin does not support createPlatformVulkanInstance",
    "QVulkanInstance: Failed to initialize Vulkan",
    "GBM is not supported",
    "GPUInfo not initialized",
    "Sandboxing disabled by user",
)
_started: list[bool] = []
TEST_SITES = ("https://kiosk.test/", "https://www.ameli.fr/")


def wait_until(predicate: Callable[[], object], timeout_s: float = 5.0) -> bool:
    """Runs the event loop until `predicate()` is true; False on timeout."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return True


def pump(seconds: float) -> None:
    wait_until(lambda: False, seconds)


def start_webengine_quietly() -> None:
    """Starts QtWebEngine once per process with its start-up notices filtered out."""
    if _started:
        return
    kept: list[tuple[QtMsgType, QMessageLogContext, str]] = []

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if not message.startswith(STARTUP_NOISE):
            kept.append((kind, context, message))

    previous = qInstallMessageHandler(handler)
    try:
        engine = WebEngine()
        engine.warm_up()
        page = engine.page
        assert page is not None
        assert wait_until(lambda: page.renderProcessPid() > 0 and not page.isLoading(), 10)
        pump(0.5)
        engine.end_session()
        shiboken6.delete(engine)
        pump(0.05)
    finally:
        qInstallMessageHandler(previous)
    for kind, context, message in kept:
        if previous is not None:
            previous(kind, context, message)
    _started.append(True)


class Recorder:
    """Everything a KioskPage says, in order."""

    def __init__(self, page: KioskPage) -> None:
        self.events: list[tuple[Any, ...]] = []
        self.loads: list[bool] = []
        page.blocked.connect(lambda reason, host: self.events.append(("blocked", reason, host)))
        page.failed.connect(lambda reason: self.events.append(("failed", reason)))
        page.download_finished.connect(lambda path: self.events.append(("downloaded", path)))
        page.download_failed.connect(lambda: self.events.append(("download_failed",)))
        page.print_requested.connect(lambda: self.events.append(("print",)))
        page.loadFinished.connect(self.loads.append)

    def clear(self) -> None:
        self.events.clear()
        self.loads.clear()

    def of(self, kind: str) -> list[tuple[Any, ...]]:
        return [event for event in self.events if event[0] == kind]


class Session:
    """A running engine with its view, opened on a session folder, for one test module."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.engine = WebEngine(hang_timeout_ms=1500)
        self.view = KioskWebView()
        self.view.resize(1000, 700)
        self.view.follow(self.engine)
        self.view.show()
        self.count = 0
        self.page: KioskPage
        self.rec: Recorder
        self.open()

    def open(self, sites: tuple[str, ...] = TEST_SITES, language: str = "fr") -> KioskPage:
        self.count += 1
        self.engine.set_sites(sites)
        self.page = self.engine.open_session(self.root / f"s{self.count}" / "downloads", language)
        self.rec = Recorder(self.page)
        return self.page

    @property
    def downloads(self) -> Path:
        folder = self.engine.download_dir
        assert folder is not None
        return folder

    def load(self, url: str, timeout_s: float = 5.0) -> bool:
        """Opens `url` and waits for the load to finish; True if it succeeded."""
        self.rec.loads.clear()
        decision = self.engine.open(url)
        assert decision.allowed, decision
        assert wait_until(lambda: self.rec.loads, timeout_s), f"no load finished: {url}"
        return self.rec.loads[-1]

    def js(self, script: str, timeout_s: float = 3.0) -> Any:
        box: list[Any] = []
        self.page.runJavaScript(script, 0, box.append)
        assert wait_until(lambda: box, timeout_s), "no answer from the page"
        return box[0]

    def title_starting(self, prefix: str, timeout_s: float = 5.0) -> Any:
        assert wait_until(lambda: self.page.title().startswith(prefix), timeout_s), (
            self.page.title()
        )
        rest = self.page.title()[len(prefix) :]
        return json.loads(rest) if rest[:1] in ("{", "[") else rest

    def where(self) -> str:
        return str(self.js("document.getElementById('where')?.textContent || ''"))

    def click(self, selector: str) -> None:
        """A real tap (mouse press and release) on the element, as a resident does it."""
        script = (
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return ''; const r = e.getBoundingClientRect();"
            " return JSON.stringify([r.x + r.width / 2, r.y + r.height / 2]); })()"
        )
        answers: list[str] = []
        # Right after a load the page may answer before its elements exist: ask again.
        assert wait_until(lambda: answers.append(self.js(script)) or answers[-1], 3), selector
        rect = json.loads(answers[-1])
        target = self.view.focusProxy()
        assert target is not None
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(int(rect[0]), int(rect[1])))

    def wipe(self) -> WipeReport:
        reports: list[WipeReport] = []
        self.engine.wiper().start(reports.append)
        assert wait_until(lambda: reports, 10), "the web wiper never reported"
        return reports[0]

    def close(self) -> None:
        self.engine.end_session()
        self.view.close()
        shiboken6.delete(self.view)
        shiboken6.delete(self.engine)
        pump(0.1)


@pytest.fixture(scope="module")
def web(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    start_webengine_quietly()
    session = Session(tmp_path_factory.mktemp("web"))
    yield session
    session.close()


@pytest.fixture
def fresh(web: Session) -> Iterator[Session]:
    """The module's engine in a brand-new session (wiped before), servers' logs cleared."""
    report = web.wipe()
    assert report.ok, report
    web.open()
    SITE.clear()
    FORBIDDEN.clear()
    return web
