"""The web wiper: ends the session's profile, then proves the next one shows nothing of it.

Wiping is structural (a brand-new profile, FIELD-NOTES.md), and verifying is behavioural:
in the new profile, a probe runs inside every origin the session visited and counts
cookies, localStorage, sessionStorage, IndexedDB and Cache Storage; the new page's history
must be empty, the new profile must hold no site permission, and the session's download
folder must be gone. Service workers, the HTTP cache and HTTP-auth cannot be probed
without the network: the integration tests cover them. Reports carry counts only.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.session.wipe import Done, Wiper, WipeReport, describe_error
from kiosk.web.probe import ProbeResult, StorageProbe

if TYPE_CHECKING:
    from kiosk.web.engine import WebEngine

log = logging.getLogger(__name__)


def _remove_folder(folder: Path | None) -> tuple[int, bool]:
    """(files removed, folder gone)."""
    if folder is None:
        return 0, True
    count = sum(1 for _ in folder.rglob("*")) if folder.is_dir() else 0
    shutil.rmtree(folder, ignore_errors=True)
    return count, not folder.exists()


class WebWiper(Wiper):
    name = "web"

    def __init__(self, engine: WebEngine, probe_timeout_ms: int = 3000) -> None:
        self._engine = engine
        self._probe_timeout_ms = probe_timeout_ms
        self._probe: StorageProbe | None = None
        self.last_probe: ProbeResult | None = None

    def start(self, done: Done) -> None:
        engine = self._engine
        started = time.monotonic()
        origins = engine.visited_origins()
        folder = engine.download_dir
        engine.end_session()
        removed, folder_gone = _remove_folder(folder)
        engine.warm_up()
        page, profile = engine.page, engine.profile
        if page is None or profile is None:
            done(WipeReport.failed(self.name, "no new profile"))
            return
        history_left = sum(
            1 for item in page.history().items() if item.url().toString() != "about:blank"
        )
        permissions_left = len(profile.listAllPermissions())

        def probed(result: ProbeResult) -> None:
            self._probe = None
            self.last_probe = result
            counts = {
                "origins": len(origins),
                "files_removed": removed,
                "found": result.total(),
                "unreadable": result.unreadable(),
                "history": history_left,
                "permissions": permissions_left,
                "probe_ms": result.duration_ms,
                "ms": int((time.monotonic() - started) * 1000),
            }
            if result.timed_out:
                done(WipeReport.failed(self.name, "probe timed out", **counts))
            elif result.total() or result.unreadable():
                done(WipeReport.failed(self.name, "previous session visible", **counts))
            elif history_left:
                done(WipeReport.failed(self.name, "history not empty", **counts))
            elif permissions_left:
                done(WipeReport.failed(self.name, "permissions kept", **counts))
            elif not folder_gone:
                done(WipeReport.failed(self.name, "download folder left", **counts))
            else:
                done(WipeReport.clean(self.name, **counts))

        try:
            self._probe = StorageProbe(profile, origins, probed, self._probe_timeout_ms)
            self._probe.start()
        except Exception as error:  # a wiper must never take the kiosk down
            log.error("web probe raised %s", describe_error(error))
            done(WipeReport.failed(self.name, f"raised {type(error).__name__}"))
