"""The official sites inside the shell: a flow's web step opens the web screen.

The web engine (kiosk/web) is made after the first paint (QtWebEngine is not free to load)
and warms its first profile up while the attract and home screens show, so the tap on a
service paints its page fast. Each session opens the engine's fresh page, with downloads
in the session folder and Accept-Language from the session's language; the web wiper
(registered by kiosk.app) tears it down and proves the next profile empty.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.i18n import current_language

if TYPE_CHECKING:
    from kiosk.ui.shell import ShellWindow
    from kiosk.ui.web_screen import WebScreen
    from kiosk.web.engine import WebEngine

log = logging.getLogger(__name__)


class WebController(QObject):
    def __init__(
        self,
        shell: ShellWindow,
        engine: WebEngine,
        session_folder: object,
        shared_sites: Iterable[str] = (),
    ) -> None:
        super().__init__(shell)
        from kiosk.ui.web_screen import WebScreen

        shell.complete()
        self.shell = shell
        self.engine = engine
        self._folder = session_folder  # a SessionFolders: .current is this session's folder
        self.shared_sites = tuple(shared_sites)
        self._prepared = ""  # the service's address loaded ahead while its step showed
        self.screen: WebScreen = WebScreen(engine, shell.speech.say, overlay_parent=shell)
        shell.add_screen(self.screen)
        for overlay in self.screen.overlays():
            shell.overlays[overlay.name] = overlay
        self.screen.back_to_flow.connect(shell.show_flow)
        self.screen.home_requested.connect(shell.go_home)
        self.screen.pdf_print_requested.connect(self._print)
        if shell.manager_active():
            self.session_started()  # the engine came while a session was already open
        engine.warm_up()

    def session_started(self) -> None:
        folder = getattr(self._folder, "current", None)
        if folder is None:
            log.error("web: no session folder, the session's page is not opened")
            return
        self.engine.open_session(Path(folder) / "web", current_language())

    def set_language(self, code: str) -> None:
        self.engine.set_language(code)

    def prepare(self, url: str, flow_sites: Iterable[str]) -> None:
        """A web step shows: its service's page loads now, out of sight, so that the tap on
        "Aller sur le site" shows it at once. It is the service's public home page (nothing
        of the resident is sent), and the wipe removes whatever it left."""
        if not self.engine.session_open:
            self.session_started()
        page = self.engine.page
        if page is None or not self.engine.session_open:
            return
        self.engine.set_sites((*flow_sites, *self.shared_sites))
        self.screen.show_page()
        page.open(url)  # from the service's start, as the tap would
        self._prepared = url
        self.shell.show_beneath(self.screen)  # drawn out of sight, shown at once on the tap

    def open_site(self, url: str, site_name: str, flow_sites: Iterable[str]) -> None:
        if not self.engine.session_open:
            self.session_started()
        sites = (*flow_sites, *self.shared_sites)
        page = self.engine.page
        # Loaded ahead (or still loading: its navigation goes on), and not refused or failed.
        ready = self._prepared == url and page is not None and self.screen.current_view() == "page"
        self._prepared = ""
        self.screen.open_site(url, site_name, sites, load=not ready)
        self.shell.show_screen(self.screen)

    def reset(self) -> None:
        self._prepared = ""
        self.screen.reset()

    def shutdown(self) -> None:
        """The kiosk stops: the page goes, then the profile (nothing is warmed up again)."""
        self.engine.end_session()

    def _print(self, path: str) -> None:
        printing = self.shell.printing
        if printing is not None:
            printing.print_pdf(Path(path))
