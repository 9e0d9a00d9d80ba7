"""The web screen: an official site under the kiosk's top bar, and nothing of a browser.

The page (kiosk/web: one hardened profile and page per session) fills the screen under a
bar of large buttons: Retour, Plus petit / Plus grand, Écouter la page, Imprimer cette page.
What a browser would show in its own words is shown in the kiosk's: a blocked site, a lost
connection, a server or certificate error, a crashed or hung page (web_panels.py), a
finished download (Voir, Imprimer: pdf_viewer.py), an upload field (file_picker.py: only
this session's downloads). Printing always yields a PDF file in the session folder, handed
on by `pdf_print_requested(path)`: the page itself through `printToPdf` (vector text), a
downloaded PDF as it is.

Nothing the resident visits, reads or downloads is logged: only counts and reasons.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.i18n import N_, current_language, tr
from kiosk.ui.file_picker import FilePicker
from kiosk.ui.pdf_viewer import PdfViewer
from kiosk.ui.screens.base import Screen, numbered
from kiosk.ui.web_panels import PROBLEMS, DownloadBar, ProblemPanel
from kiosk.ui.web_reading import PAGE_TEXT_SCRIPT, parse_answer, tidy, voice_for
from kiosk.ui.web_toolbar import WebToolbar
from kiosk.web.page import KioskPage
from kiosk.web.view import KioskWebView

if TYPE_CHECKING:
    from kiosk.ui.overlays import Overlay
    from kiosk.web.engine import WebEngine

log = logging.getLogger(__name__)

Say = Callable[[str, str], object]
"""The shell's way to speak: `SpeechMode.say(text, language)`."""

ZOOM_STEPS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
DEFAULT_ZOOM = ZOOM_STEPS.index(1.0)
PAGE = N_("Page du site")
PAGE_NAME = N_("Page du site {site}")
NOTHING_TO_READ = N_("Il n'y a pas de texte à lire sur cette page.")
PRINT_FOLDER = "impressions"
"""Inside the session's download folder (wiped with it), apart from the downloads, so
that the upload picker never offers a printed copy of a page."""


def is_pdf(path: Path) -> bool:
    """By its first bytes, not its name: a site may name anything `.pdf`."""
    try:
        with path.open("rb") as file:
            return file.read(5) == b"%PDF-"
    except OSError:
        return False


class WebScreen(Screen):
    """One per shell; follows the engine's session pages (attach, detach, reset)."""

    name = "web"
    back_to_flow = Signal()  # Retour at the service's first page: the flow step again
    home_requested = Signal()  # Accueil on a problem panel
    pdf_print_requested = Signal(str)  # a PDF in the session folder to print

    def __init__(
        self,
        engine: WebEngine,
        say: Say | None = None,
        overlay_parent: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.say = say
        self.site_name = ""
        self.start_url = ""
        self._page: KioskPage | None = None
        self._zoom = DEFAULT_ZOOM
        self._download: Path | None = None
        self._prints = 0
        self._contrast = "standard"

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toolbar = WebToolbar(self)
        layout.addWidget(self.toolbar)
        self.stack = QStackedWidget(self)
        self.view = KioskWebView(self.stack)
        self.panel = ProblemPanel(self.stack)
        self.viewer = PdfViewer(self.stack)
        for widget in (self.view, self.panel, self.viewer):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)
        self.download_bar = DownloadBar(self)
        layout.addWidget(self.download_bar)
        self.picker = FilePicker(overlay_parent or self)
        self._connect_signals()
        self.view.installEventFilter(self)
        self.view.follow(engine)
        if engine.page is not None and engine.session_open:
            self._on_page_changed(engine.page)
        self.retranslate()

    def _connect_signals(self) -> None:
        self.engine.page_changed.connect(self._on_page_changed)
        self.engine.closing.connect(self._on_closing)
        bar = self.toolbar
        bar.back.connect(self.go_back)
        bar.zoom_in.connect(lambda: self.set_zoom_step(self._zoom + 1))
        bar.zoom_out.connect(lambda: self.set_zoom_step(self._zoom - 1))
        bar.listen.connect(self.listen)
        bar.print_page.connect(self.print_page)
        self.panel.retry.connect(self.retry)
        self.panel.back.connect(self._on_panel_back)
        self.panel.home.connect(self.home_requested)
        self.download_bar.see.connect(self.show_download)
        self.download_bar.print_.connect(self._on_print_download)
        self.download_bar.dismissed.connect(self.download_bar.hide)
        self.viewer.closed.connect(self.show_page)
        self.viewer.print_requested.connect(self.pdf_print_requested)

    # What the shell calls

    def open_site(
        self, url: str, site_name: str, sites: Iterable[str] | None = None, *, load: bool = True
    ) -> None:
        """Opens a flow's service at `url`; `sites` (when given) is the flow's allow-list.

        `load=False`: the page already holds `url` (loaded ahead while the step showed).
        """
        if sites is not None:
            self.engine.set_sites(sites)
        self.site_name = site_name
        self.start_url = url
        self.toolbar.set_site(site_name)
        self._name_view()
        self.download_bar.hide()
        self.show_page()
        page = self._page
        if page is None:
            log.error("web screen: a site was asked for with no session page")
            self.show_problem("network")
            return
        page.history().clear()  # Retour at this service's first page goes back to the flow
        if load:
            page.open(url)

    def reset(self) -> None:
        """Forgets the visit on this screen (also done when the engine closes the page)."""
        self.picker.cancel()
        self.viewer.close_document()
        self.download_bar.hide()
        self._download = None
        self.site_name = ""
        self.start_url = ""
        self.toolbar.set_site("")
        self.toolbar.set_loading(None)
        self._zoom = DEFAULT_ZOOM
        self._show_zoom()
        self.show_page()

    def overlays(self) -> list[Overlay]:
        """Overlays the shell should list with its own (closed, retranslated, recoloured)."""
        return [self.picker]

    # The page

    def _on_page_changed(self, page: object) -> None:
        if not isinstance(page, KioskPage) or page is self._page:
            return
        self._page = page
        page.blocked.connect(self._on_blocked)
        page.failed.connect(self.show_problem)
        page.download_finished.connect(self._on_download_finished)
        page.download_failed.connect(lambda: self.download_bar.show_state("failed"))
        page.print_requested.connect(self.print_page)
        page.pdfPrintingFinished.connect(self._on_pdf_printed)
        page.loadStarted.connect(lambda: self.toolbar.set_loading(0))
        page.loadProgress.connect(self._on_progress)
        page.loadFinished.connect(lambda _ok: self.toolbar.set_loading(None))
        page.file_chooser = self._choose_files
        self._zoom = DEFAULT_ZOOM
        page.setZoomFactor(ZOOM_STEPS[self._zoom])
        self._show_zoom()
        self._name_view()

    def _on_closing(self) -> None:
        """The session's page is about to go: nothing of it may stay on the screen."""
        self._page = None
        self.reset()

    def _on_progress(self, percent: int) -> None:
        if percent < 100:
            self.toolbar.set_loading(percent)

    # Retour

    def go_back(self) -> None:
        """Back in the service's pages; at its first page, back to the flow's step."""
        if self.stack.currentWidget() is self.viewer:
            self.viewer.close_document()
            self.show_page()
            return
        page = self._page
        if page is not None and page.can_go_back():
            self.show_page()
            page.go_back()
        else:
            self.back_to_flow.emit()

    def _on_panel_back(self) -> None:
        if PROBLEMS[self.panel.reason].refused_link and self._has_page_shown():
            self.show_page()  # a blocked link: the page where the resident was is still there
        else:
            self.go_back()

    def _has_page_shown(self) -> bool:
        page = self._page
        return page is not None and page.url().isValid() and page.url().scheme() == "https"

    # Problems

    def _on_blocked(self, reason: str, detail: str) -> None:
        """A web address (even http://) is "a site"; a link to another application says
        the number to call or the address to write to when it has one."""
        log.info("web screen: navigation blocked (%s)", reason)
        self.show_problem("site" if reason == "scheme" and detail else reason, detail)

    def show_problem(self, reason: str, detail: str = "") -> None:
        self.panel.show_problem(reason, detail)
        self.panel.set_contrast(self._contrast)
        self.stack.setCurrentWidget(self.panel)
        self.toolbar.set_actions_shown(False)
        self.toolbar.set_loading(None)
        self.download_bar.hide()
        self.panel.shown_buttons()[0].setFocus()

    def retry(self) -> None:
        """Réessayer: loads the page again (a crashed or hung page gets a new renderer)."""
        page = self._page
        self.show_page()
        if page is None:
            self.show_problem("network")
            return
        if self._has_page_shown():
            page.triggerAction(QWebEnginePage.WebAction.Reload)
        elif self.start_url:
            page.open(self.start_url)

    def show_page(self) -> None:
        self.stack.setCurrentWidget(self.view)
        self.toolbar.set_actions_shown(True)

    def current_view(self) -> str:
        """What fills the screen under the bars: "page", "problem" or "document"."""
        current = self.stack.currentWidget()
        if current is self.view:
            return "page"
        return "problem" if current is self.panel else "document"

    # Zoom

    def set_zoom_step(self, step: int) -> None:
        self._zoom = max(0, min(step, len(ZOOM_STEPS) - 1))
        if self._page is not None:
            self._page.setZoomFactor(ZOOM_STEPS[self._zoom])
        self._show_zoom()
        if self.say is not None:
            self.say(self.toolbar.zoom_label.text(), current_language())

    def zoom_factor(self) -> float:
        return ZOOM_STEPS[self._zoom]

    def _show_zoom(self) -> None:
        percent = round(ZOOM_STEPS[self._zoom] * 100)
        last = len(ZOOM_STEPS) - 1
        self.toolbar.set_zoom(percent, self._zoom == 0, self._zoom == last)

    # Écouter

    def listen(self) -> None:
        """Reads the selection, else the page's main text, in the page's language."""
        page = self._page
        if page is None:
            return
        session_language = current_language()

        def heard(result: object) -> None:
            text, page_language = parse_answer(result)
            text = tidy(text)
            log.info("web page read aloud: %d characters", len(text))
            if self.say is None:
                return
            if text:
                self.say(text, voice_for(page_language, session_language))
            else:
                self.say(tr(NOTHING_TO_READ), session_language)

        page.runJavaScript(PAGE_TEXT_SCRIPT, QWebEngineScript.ScriptWorldId.ApplicationWorld, heard)

    # Printing

    def print_page(self) -> None:
        """The page as a PDF with its text (printToPdf), then `pdf_print_requested`."""
        page = self._page
        folder = self.engine.download_dir
        if page is None or folder is None:
            log.info("print of a web page refused: no session")
            return
        target = folder / PRINT_FOLDER
        target.mkdir(mode=0o700, exist_ok=True)
        self._prints += 1
        page.printToPdf(str(target / f"page-{self._prints}.pdf"))

    def _on_pdf_printed(self, path: str, success: bool) -> None:
        if success and Path(path).is_file():
            log.info("web page printed to PDF")
            self.pdf_print_requested.emit(path)
        else:
            log.info("web page could not be printed to PDF")

    # Downloads and uploads

    def _on_download_finished(self, path: str) -> None:
        self._download = Path(path)
        self.download_bar.show_state("pdf" if is_pdf(self._download) else "other")
        self.download_bar.set_contrast(self._contrast)

    def show_download(self) -> bool:
        """Voir: the last download in the locked viewer, at page 1."""
        if self._download is None:
            return False
        self.download_bar.hide()
        self.stack.setCurrentWidget(self.viewer)
        self.toolbar.set_actions_shown(False)
        shown = self.viewer.open_file(self._download)
        self.viewer.close_button.setFocus()
        return shown

    def _on_print_download(self) -> None:
        if self._download is not None and is_pdf(self._download):
            self.pdf_print_requested.emit(str(self._download))

    def _choose_files(self, mode: str, accepted: list[str]) -> list[str]:
        page = self._page
        files = page.session_files() if page is not None else []
        log.info("upload asked: %d session file(s) offered (%s)", len(files), mode)
        return self.picker.choose(files, accepted)

    # Look, words, speech

    def _name_view(self) -> None:
        """The page is a Tab stop: it (and the widget that really takes the focus) has a name."""
        name = tr(PAGE_NAME).format(site=self.site_name) if self.site_name else tr(PAGE)
        self.view.setAccessibleName(name)
        proxy = self.view.focusProxy()
        if proxy is not None:
            proxy.setAccessibleName(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.ChildPolished:
            self._name_view()  # the view makes its focus widget when first shown
        return False

    def retranslate(self) -> None:
        self._name_view()
        self.toolbar.retranslate()
        self.panel.retranslate()
        self.viewer.retranslate()
        self.download_bar.retranslate()
        if self.picker.isVisible():
            self.picker.retranslate()

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        self.toolbar.set_contrast(contrast)
        self.panel.set_contrast(contrast)
        self.viewer.set_contrast(contrast)
        self.download_bar.set_contrast(contrast)
        self.picker.set_contrast(contrast)

    def spoken_text(self) -> str:
        """What is shown: the site, then the panel, document or page's buttons, numbered."""
        lines = [self.toolbar.site_label.text()]
        current = self.current_view()
        if current == "problem":
            lines.append(self.panel.spoken_text())
        elif current == "document":
            lines.append(self.viewer.spoken_text())
        else:
            if self.toolbar.loading_label.isVisibleTo(self):
                lines.append(self.toolbar.loading_label.text())
            lines.append(self.toolbar.zoom_label.text())
            buttons = self.toolbar.shown_buttons()
            if self.download_bar.isVisibleTo(self):
                lines += [self.download_bar.title.text(), self.download_bar.text.text()]
                buttons += self.download_bar.shown_buttons()
            lines += [numbered(n, b.label()) for n, b in enumerate(buttons, start=1)]
        return "\n".join(line for line in lines if line)
