"""One brand-new off-the-record profile and page per session, warmed before the first tap.

Deleting a profile's data is not enough (FIELD-NOTES.md: localStorage, IndexedDB, Cache
Storage and HTTP-auth survived); only a new `QWebEngineProfile` comes back empty, so the
engine makes one per session and never touches `defaultProfile()`. Tear-down order
matters: views are detached (the `closing` signal, handled synchronously), then the page is
deleted, then its profile; the wrong order warns and leaked about 100 MB per session.
The next session's profile and page are made right away, so that the first tap on a
service does not wait for Chromium.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEnginePage,
    QWebEngineProfile,
)

from kiosk.web import settings
from kiosk.web.downloads import safe_name, unique_path
from kiosk.web.page import KioskPage
from kiosk.web.policy import Decision, SitePolicy

if TYPE_CHECKING:
    from kiosk.web.wiper import WebWiper

log = logging.getLogger(__name__)

BLANK = QUrl("about:blank")
Download = QWebEngineDownloadRequest


class WebEngine(QObject):
    """Makes, hands out and tears down each session's profile and page."""

    page_changed = Signal(object)  # KioskPage: attach the view to it
    closing = Signal()  # the page is about to be deleted: detach views now

    def __init__(self, parent: QObject | None = None, *, hang_timeout_ms: int = 5000) -> None:
        super().__init__(parent)
        self._hang_timeout_ms = hang_timeout_ms
        self._policy = SitePolicy()
        self._language = "fr"
        self._download_dir: Path | None = None
        self._profile: QWebEngineProfile | None = None
        self._page: KioskPage | None = None
        self._session_open = False
        self._sessions = 0

    @property
    def page(self) -> KioskPage | None:
        return self._page

    @property
    def profile(self) -> QWebEngineProfile | None:
        return self._profile

    @property
    def download_dir(self) -> Path | None:
        return self._download_dir

    @property
    def session_open(self) -> bool:
        return self._session_open

    @property
    def language(self) -> str:
        return self._language

    def warm_up(self) -> None:
        """Makes the next session's profile and page and starts its renderer, if not done."""
        if self._profile is not None:
            return
        profile = QWebEngineProfile(self)  # no storage name: off the record
        profile.setObjectName("kiosk-session")
        settings.apply(profile, self._language, Path())
        profile.downloadRequested.connect(self._on_download)
        self._profile = profile
        page = KioskPage(profile, self._policy, None, self._hang_timeout_ms, self)
        self._page = page
        page.warm()

    def open_session(self, download_dir: Path, language: str = "fr") -> KioskPage:
        """The session's page, with downloads into `download_dir` and the session language."""
        self.warm_up()
        assert self._profile is not None
        assert self._page is not None
        download_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._download_dir = download_dir
        self._language = language
        settings.apply(self._profile, language, download_dir)
        self._page.download_dir = download_dir
        self._page.policy = self._policy
        self._page.start_watching()
        self._session_open = True
        self._sessions += 1
        self.page_changed.emit(self._page)
        return self._page

    def set_sites(self, sites: Iterable[str]) -> None:
        """The allow-list of the flow being followed (ValueError on a malformed site)."""
        self._policy = SitePolicy(sites)
        if self._page is not None:
            self._page.policy = self._policy

    def set_language(self, language: str) -> None:
        self._language = language
        if self._profile is not None:
            self._profile.setHttpAcceptLanguage(settings.accept_language(language))

    def open(self, url: str) -> Decision:
        """Opens `url` in the session's page if the allow-list has it."""
        if self._page is None or not self._session_open:
            return Decision(False, "closed")
        return self._page.open(url)

    def check(self) -> list[str]:
        """Settings of the live profile that differ from the table (empty when hardened)."""
        if self._profile is None:
            return ["no profile"]
        return settings.check(self._profile, self._language, self._download_dir or Path())

    def visited_origins(self) -> frozenset[str]:
        """Origins the session's page opened: in memory only, never logged."""
        return self._page.visited_origins() if self._page is not None else frozenset()

    def end_session(self) -> None:
        """Detaches views, deletes the page, then the profile; the next one is made by
        `warm_up` (the wiper calls it at once, to probe the new profile)."""
        page, profile = self._page, self._profile
        self._page = None
        self._profile = None
        self._session_open = False
        self._download_dir = None
        if page is not None:
            page.stop_watching()
            page.blockSignals(True)
        self.closing.emit()
        if page is not None and shiboken6.isValid(page):
            shiboken6.delete(page)
        if profile is not None and shiboken6.isValid(profile):
            # The wiper's probe page may still wait for its deleteLater: pages go first.
            for other in profile.findChildren(QWebEnginePage):
                shiboken6.delete(other)
            shiboken6.delete(profile)

    def wiper(self) -> WebWiper:
        from kiosk.web.wiper import WebWiper

        return WebWiper(self)

    def _on_download(self, download: Download) -> None:
        """Only into the session folder, under a safe and new name; else refused."""
        page, folder = self._page, self._download_dir
        if page is None or folder is None or not self._session_open or not folder.is_dir():
            download.cancel()
            log.info("download refused: no session")
            return
        target = unique_path(folder, safe_name(download.downloadFileName()))
        download.setDownloadDirectory(str(folder))
        download.setDownloadFileName(target.name)

        def finished() -> None:
            if not download.isFinished():
                return
            if download.state() == Download.DownloadState.DownloadCompleted and target.is_file():
                log.info("download finished")
                page.download_finished.emit(str(target))
            else:
                log.info("download failed: %s", download.state().name)
                page.download_failed.emit()

        download.isFinishedChanged.connect(finished)
        download.accept()
