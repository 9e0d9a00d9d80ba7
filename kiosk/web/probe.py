"""Looks, from inside each origin a session visited, for anything that session left.

No network is needed: the probe page is set with `setHtml(html, baseUrl=origin)`, which
Chromium runs in that origin, with that origin's cookies, storage, caches and service
workers (a test writes them on the real server and proves the probe sees them in the same
profile). Run in the next session's profile, every count must be zero. The results are
counts only, never keys or values.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

log = logging.getLogger(__name__)

# Service workers cannot be read from a setHtml document (navigator.serviceWorker throws
# there); like the HTTP cache, the integration tests check them on the real server.
KINDS = ("cookies", "local_storage", "session_storage", "indexed_db", "cache_storage")
PREFIX = "kiosk-probe:"
PROBE_HTML = f"""<!doctype html><meta charset=utf-8><title>probe</title><script>
(async () => {{
  const count = async (f) => {{ try {{ return await f(); }} catch (e) {{ return -1; }} }};
  const r = {{
    cookies: document.cookie ? document.cookie.split(";").length : 0,
    local_storage: await count(() => localStorage.length),
    session_storage: await count(() => sessionStorage.length),
    indexed_db: await count(async () => (await indexedDB.databases()).length),
    cache_storage: await count(async () => (await caches.keys()).length),
  }};
  document.title = "{PREFIX}" + JSON.stringify(r);
}})();
</script>"""


@dataclass
class ProbeResult:
    """Per origin, how many items of each kind were found (-1: could not be read)."""

    found: dict[str, dict[str, int]] = field(default_factory=dict)
    timed_out: bool = False
    duration_ms: int = 0

    def total(self) -> int:
        return sum(max(count, 0) for counts in self.found.values() for count in counts.values())

    def unreadable(self) -> int:
        return sum(1 for c in self.found.values() for v in c.values() if v < 0)

    def clean(self) -> bool:
        return not self.timed_out and self.total() == 0 and self.unreadable() == 0


class _ProbePage(QWebEnginePage):
    """Loads nothing but the probe itself; asks nothing, says nothing."""

    def acceptNavigationRequest(
        self, url: QUrl | str, type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        return is_main_frame and type == QWebEnginePage.NavigationType.NavigationTypeTyped

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        return


class StorageProbe(QObject):
    """Probes `origins` one after the other in `profile`, then calls `done` once."""

    def __init__(
        self,
        profile: QWebEngineProfile,
        origins: Iterable[str],
        done: Callable[[ProbeResult], None],
        timeout_ms: int = 3000,
    ) -> None:
        super().__init__(profile)
        self._profile = profile
        self._origins = sorted(set(origins))
        self._done = done
        self._result = ProbeResult()
        self._index = 0
        self._started = 0.0
        self._finished = False
        self._page: _ProbePage | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self._on_timeout)

    def start(self) -> None:
        self._started = time.monotonic()
        if not self._origins:
            QTimer.singleShot(0, self, self._finish)
            return
        self._page = _ProbePage(self._profile, self)
        self._page.titleChanged.connect(self._on_title)
        self._timer.start()
        self._probe_current()

    def _probe_current(self) -> None:
        assert self._page is not None
        origin = self._origins[self._index]
        self._page.setHtml(PROBE_HTML, QUrl(origin + "/"))

    def _on_title(self, title: str) -> None:
        if self._finished or not title.startswith(PREFIX):
            return
        try:
            counts = {kind: int(json.loads(title[len(PREFIX) :])[kind]) for kind in KINDS}
        except (ValueError, KeyError, TypeError):
            counts = dict.fromkeys(KINDS, -1)
        self._result.found[self._origins[self._index]] = counts
        self._index += 1
        if self._index < len(self._origins):
            self._probe_current()
        else:
            self._finish()

    def _on_timeout(self) -> None:
        self._result.timed_out = True
        log.warning("web probe timed out after %d of %d origins", self._index, len(self._origins))
        self._finish()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._timer.stop()
        self._result.duration_ms = int((time.monotonic() - self._started) * 1000)
        page, self._page = self._page, None
        if page is not None:
            page.titleChanged.disconnect(self._on_title)
            page.deleteLater()
        self._done(self._result)
