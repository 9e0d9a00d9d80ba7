"""Finds a hung page: a heartbeat script that gets no answer within a few seconds.

A page stuck in `while (true) {}` freezes its renderer but not the kiosk, so nothing else
notices; the resident only sees a page that no longer reacts. The watchdog asks the
renderer a trivial question every `interval`; when no answer comes within `timeout`, it
kills that page's renderer (its process id comes from Qt), which the page then reports as
hung and recovers by reloading.
"""

from __future__ import annotations

import logging
import os
import signal
import time
import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

log = logging.getLogger(__name__)


class HangWatchdog(QObject):
    def __init__(self, page: QWebEnginePage, timeout_ms: int, on_hung: Callable[[], None]) -> None:
        super().__init__(page)
        self._page = weakref.ref(page)
        self._timeout_s = timeout_ms / 1000
        self._on_hung = on_hung
        self._sent: float | None = None
        self._token = 0
        self._timer = QTimer(self)
        self._timer.setInterval(max(100, timeout_ms // 4))
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self._sent = None
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._sent = None
        self._token += 1

    def reset(self) -> None:
        """Forgets an unanswered question (a new renderer answers afresh)."""
        self._sent = None
        self._token += 1

    def _beat(self) -> None:
        page = self._page()
        if page is None:
            return
        pid = page.renderProcessPid()
        if pid <= 0:
            self.reset()
            return
        if self._sent is not None:
            if time.monotonic() - self._sent >= self._timeout_s:
                self._kill(pid)
            return
        self._token += 1
        token = self._token
        me = weakref.ref(self)
        self._sent = time.monotonic()

        def answered(_result: object) -> None:
            watchdog = me()
            if watchdog is not None and watchdog._token == token:
                watchdog._sent = None

        page.runJavaScript("0", QWebEngineScript.ScriptWorldId.ApplicationWorld, answered)

    def _kill(self, pid: int) -> None:
        self.reset()
        log.warning("web page hung for %.1f s: its renderer is stopped", self._timeout_s)
        self._on_hung()
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        except PermissionError:
            log.error("could not stop a hung renderer: permission denied")
