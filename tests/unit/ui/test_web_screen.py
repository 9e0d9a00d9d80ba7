"""The web screen on a real QtWebEngine page, served by the local test site.

One engine and one screen per module (QtWebEngine is slow to start); each test opens a
new session, as the kiosk does for each resident. The sites are the local HTTPS servers of
tests/integration/web, reached under the test host names the allow-list names.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QPoint, Qt, QTimer
from PySide6.QtTest import QTest

from kiosk.i18n import set_language, tr_in
from kiosk.ui.file_picker import FilePicker
from kiosk.ui.speech_mode import SpeechMode
from kiosk.ui.web_panels import PROBLEMS
from kiosk.ui.web_screen import WebScreen
from kiosk.web.engine import WebEngine
from tests.integration.web.conftest import pump, wait_until
from tests.integration.web.routes import minimal_pdf
from tests.integration.web.servers import FORBIDDEN, SITE, UNTRUSTED_HOST, Handler

# QtWebEngine offscreen, without a GPU: it says so once, then draws in software.
pytestmark = pytest.mark.qt_log_ignore(
    "QRhiGles2: Failed to create",
    "Failed to create RHI",
    "createPlatformVulkanInstance",
    "QVulkanInstance: Failed",
    "GBM is not supported",
    "GPUInfo not initialized",
)

SITES = ("https://kiosk.test/w2/", f"https://{UNTRUSTED_HOST}/")
BASE = "https://kiosk.test/w2"


class RecordingSpeaker:
    """The shell's Speaker protocol, recording what would be said (Pashto has no voice)."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def speak(self, text: str, language: str) -> None:
        self.said.append((text, language))

    def stop(self) -> None:
        pass

    def available(self, language: str) -> bool:
        return language != "ps"


# The site's pages for these tests (routes under /w2/ on the shared test server).

FLAKY: dict[str, str] = {"mode": "ok"}


def _html(body: str, lang: str = "fr", title: str = "page") -> str:
    return f"<!doctype html><html lang={lang}><meta charset=utf-8><title>{title}</title>{body}"


PAGES = {
    "/w2/first": _html(
        "<h1 id=where>Première page</h1>"
        "<a id=next href='/w2/second' style='display:block;font-size:40px'>Page suivante</a>"
        "<a id=out href='https://evil.example/' style='display:block;font-size:40px'>Ailleurs</a>"
        "<a id=mail href='mailto:someone@example.org' style='display:block;font-size:40px'>Mail</a>"
        "<a id=pdf href='/w2/attestation' style='display:block;font-size:40px'>Attestation</a>"
        "<a id=txt href='/w2/notes' style='display:block;font-size:40px'>Notes</a>"
        "<a id=bad href='https://" + UNTRUSTED_HOST + "/' style='display:block'>Untrusted</a>"
    ),
    "/w2/second": _html("<h1 id=where>Deuxième page</h1>"),
    "/w2/read": _html(
        "<nav>Menu Accueil Contact</nav><main><h1>Your certificate</h1>"
        "<p id=p>Download your health insurance certificate here.</p></main>"
        "<footer>Legal notice</footer>",
        lang="en-GB",
    ),
    "/w2/german": _html("<main><p>Ihre Bescheinigung steht bereit.</p></main>", lang="de"),
    "/w2/empty": _html("<main></main>"),
    "/w2/print": _html(
        "<h1>Attestation de droits</h1><p>Vos droits sont ouverts jusqu'au 31 décembre.</p>"
        "<button id=print onclick='window.print()' style='font-size:40px'>Imprimer</button>"
    ),
    "/w2/upload": _html(
        "<input type=file id=f accept='.pdf,application/pdf' "
        "style='position:absolute;left:0;top:0;width:600px;height:300px'>"
    ),
    "/w2/hang": _html(  # hangs once per session: Réessayer then brings it back
        "<h1 id=where>hang</h1><script>if (!sessionStorage.hung) {"
        " sessionStorage.hung = 1; setTimeout(() => { while (true) {} }, 300); }</script>"
    ),
}


def _route(handler: Handler) -> None:
    path = handler.path.split("?")[0]
    if path == "/w2/flaky":
        mode = FLAKY["mode"]
        if mode == "server":
            handler.send(500, _html("<h1>Internal error</h1>"))
        elif mode == "drop":
            handler.close_connection = True  # no answer at all: the connection is lost
        else:
            handler.send(200, _html("<h1 id=where>De retour</h1>"))
    elif path == "/w2/attestation":
        disposition = "attachment; filename=attestation.pdf"
        handler.send(200, minimal_pdf(2), "application/pdf", {"Content-Disposition": disposition})
    elif path == "/w2/notes":
        disposition = "attachment; filename=notes.txt"
        handler.send(200, b"notes", "text/plain", {"Content-Disposition": disposition})
    else:
        handler.send(200, PAGES[path])


for _path in [*PAGES, "/w2/flaky", "/w2/attestation", "/w2/notes"]:
    SITE.routes[_path] = _route


class Kit:
    """The engine, the screen in a window as large as the kiosk's, and what it said."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.engine = WebEngine(hang_timeout_ms=1000)
        self.speaker = RecordingSpeaker()
        self.speech = SpeechMode(self.speaker)
        self.screen = WebScreen(self.engine, self.speech.say)
        self.screen.resize(1280, 900)
        self.screen.show()
        self.prints: list[str] = []
        self.left: list[bool] = []
        self.home: list[bool] = []
        self.screen.pdf_print_requested.connect(self.prints.append)
        self.screen.back_to_flow.connect(lambda: self.left.append(True))
        self.screen.home_requested.connect(lambda: self.home.append(True))
        self.count = 0
        self.loads: list[bool] = []

    def new_session(self) -> None:
        if self.engine.session_open:
            self.engine.end_session()
        self.count += 1
        self.engine.warm_up()  # as the kiosk does while the home screen shows
        warm: list[bool] = []
        assert self.engine.page is not None
        self.engine.page.loadFinished.connect(warm.append)
        assert wait_until(lambda: warm, 5)
        page = self.engine.open_session(self.root / f"s{self.count}" / "downloads")
        page.loadFinished.connect(self.loads.append)
        self.speaker.said.clear()
        self.prints.clear()
        self.left.clear()
        self.home.clear()
        FLAKY["mode"] = "ok"

    @property
    def page(self) -> Any:
        page = self.engine.page
        assert page is not None
        return page

    def open(self, path: str) -> bool:
        self.loads.clear()
        self.screen.open_site(f"{BASE}/{path}", "Test de la borne", SITES)
        assert wait_until(lambda: self.loads, 5), f"no load of {path}"
        return self.loads[-1]

    def wait_load(self) -> bool:
        assert wait_until(lambda: self.loads, 5), "no load finished"
        return self.loads[-1]

    def js(self, script: str) -> Any:
        box: list[Any] = []
        self.page.runJavaScript(script, 0, box.append)
        assert wait_until(lambda: box, 3), "no answer from the page"
        return box[0]

    def where(self) -> str:
        return str(self.js("document.getElementById('where')?.textContent || ''"))

    def tap(self, selector: str) -> None:
        """A real tap on the element, as a resident does it."""
        rect = self.js(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return JSON.stringify([r.x + r.width / 2,"
            " r.y + r.height / 2]); })()"
        )
        zoom = self.page.zoomFactor()  # the page's CSS pixels, drawn `zoom` times larger
        rect = [value * zoom for value in json.loads(rect)]
        target = self.screen.view.focusProxy()
        assert target is not None
        self.loads.clear()
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(int(rect[0]), int(rect[1])))


def press(button: Any) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


@pytest.fixture(scope="module")
def kit(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    made = Kit(tmp_path_factory.mktemp("web-screen"))
    yield made
    made.engine.end_session()  # the page and its profile go first, the view shows nothing
    made.screen.close()
    shiboken6.delete(made.screen)  # now, not at exit: a view outliving Qt crashes there
    shiboken6.delete(made.engine)
    pump(0.1)


@pytest.fixture
def web(kit: Kit) -> Kit:
    kit.new_session()
    return kit


# The toolbar


def test_zoom_buttons_draw_the_page_bigger_and_say_the_size_in_words(web):
    assert web.open("first")
    narrow = web.js("window.innerWidth")
    press(web.screen.toolbar.buttons["zoom_in"])
    press(web.screen.toolbar.buttons["zoom_in"])
    assert web.page.zoomFactor() == pytest.approx(1.5)
    assert web.screen.toolbar.zoom_label.text() == "Taille de la page : 150 %"
    assert web.speaker.said[-1] == ("Taille de la page : 150 %", "fr")
    assert wait_until(lambda: web.js("window.innerWidth") < narrow * 0.7)  # CSS pixels grew
    web.tap("#next")
    web.wait_load()
    assert web.where() == "Deuxième page"
    assert web.js("window.innerWidth") < narrow * 0.7  # the next page keeps the size
    for _ in range(4):
        press(web.screen.toolbar.buttons["zoom_out"])
    assert web.page.zoomFactor() == pytest.approx(0.75)
    assert not web.screen.toolbar.buttons["zoom_out"].isEnabled()  # and "75 %" in words
    assert web.screen.toolbar.zoom_label.text() == "Taille de la page : 75 %"


def test_retour_goes_back_in_the_site_then_back_to_the_flow_step(web):
    assert web.open("first")
    web.tap("#next")
    web.wait_load()
    assert web.where() == "Deuxième page"
    press(web.screen.toolbar.buttons["back"])
    assert wait_until(lambda: web.where() == "Première page")
    assert web.left == []
    press(web.screen.toolbar.buttons["back"])
    assert web.left == [True]  # the service's first page: back to the flow


def test_the_site_name_and_loading_are_shown_in_words(web):
    web.screen.open_site(f"{BASE}/first", "Assurance maladie", SITES)
    assert web.screen.toolbar.site_label.text() == "Site : Assurance maladie"
    assert web.wait_load()
    assert not web.screen.toolbar.loading_label.isVisible()
    web.page.loadProgress.emit(40)  # what Qt reports while a page arrives
    assert web.screen.toolbar.loading_label.text() == "Chargement… 40 %"


def test_ecouter_reads_the_main_text_in_the_page_language(web):
    assert web.open("read")
    press(web.screen.toolbar.buttons["listen"])
    assert wait_until(lambda: web.speaker.said)
    text, language = web.speaker.said[-1]
    assert language == "en"
    assert text == "Your certificate\nDownload your health insurance certificate here."


def test_ecouter_reads_the_selection_when_there_is_one(web):
    assert web.open("read")
    web.js(
        "(() => { const r = document.createRange();"
        " r.selectNodeContents(document.getElementById('p'));"
        " getSelection().removeAllRanges(); getSelection().addRange(r); })()"
    )
    press(web.screen.toolbar.buttons["listen"])
    assert wait_until(lambda: web.speaker.said)
    assert web.speaker.said[-1] == ("Download your health insurance certificate here.", "en")


def test_a_page_in_a_language_the_kiosk_does_not_speak_is_read_in_french(web):
    assert web.open("german")
    press(web.screen.toolbar.buttons["listen"])
    assert wait_until(lambda: web.speaker.said)
    assert web.speaker.said[-1] == ("Ihre Bescheinigung steht bereit.", "fr")
    assert web.open("empty")
    press(web.screen.toolbar.buttons["listen"])
    assert wait_until(lambda: len(web.speaker.said) == 2)
    assert web.speaker.said[-1] == ("Il n'y a pas de texte à lire sur cette page.", "fr")


# Blocked and failed pages


def test_a_blocked_link_shows_the_kiosk_panel_and_retour_stays_on_the_page(web):
    assert web.open("first")
    web.tap("#out")
    assert wait_until(lambda: web.screen.current_view() == "problem")
    panel = web.screen.panel
    assert panel.title.text() == "Ce site n'est pas disponible sur cette borne"
    assert [b.label() for b in panel.shown_buttons()] == ["Retour"]
    assert FORBIDDEN.received() == []
    press(panel.buttons["back"])
    assert web.screen.current_view() == "page"
    assert web.where() == "Première page" and web.left == []


def test_a_link_to_another_application_is_explained(web):
    assert web.open("first")
    web.page.blocked.emit("scheme", "")  # what the page says of a tel: or file: link
    assert web.screen.current_view() == "problem"
    assert "une autre application" in web.screen.panel.text.text()
    press(web.screen.panel.buttons["back"])
    assert web.screen.current_view() == "page"


@pytest.mark.parametrize(
    ("href", "title", "detail"),
    [
        (
            "tel:+33%201%2023%2045%2067%2089",
            "Cette borne ne peut pas téléphoner",
            "+33 1 23 45 67 89",
        ),
        (
            "mailto:accueil@mairie.example?subject=Rendez-vous",
            "Cette borne ne peut pas envoyer de courriel",
            "accueil@mairie.example",
        ),
    ],
)
def test_a_tapped_phone_or_mail_link_shows_what_to_note_and_ecouter_reads_it(
    web, href, title, detail
):
    assert web.open("first")
    web.js(f"document.getElementById('out').href = {json.dumps(href)}")
    web.tap("#out")
    assert wait_until(lambda: web.screen.current_view() == "problem")
    panel = web.screen.panel
    assert panel.title.text() == title
    assert panel.detail.isVisible() and detail in panel.detail.text().replace("\u200b", "")
    assert detail in panel.spoken_text()
    assert [b.label() for b in panel.shown_buttons()] == ["Retour"]
    press(panel.buttons["back"])
    assert web.screen.current_view() == "page" and web.where() == "Première page"
    web.page.blocked.emit("scheme", "")  # the next explanation has nothing to note
    assert not panel.detail.isVisible() and detail not in panel.spoken_text()


def test_a_plain_http_link_is_a_site_that_is_not_available(web):
    assert web.open("first")
    web.js("document.getElementById('out').href = 'http://kiosk.test/w2/second'")
    web.tap("#out")
    assert wait_until(lambda: web.screen.current_view() == "problem")
    assert web.screen.panel.title.text() == "Ce site n'est pas disponible sur cette borne"
    assert "une autre application" not in web.screen.panel.text.text()


def test_a_server_error_then_retry_once_the_server_is_back_loads_the_page(web):
    FLAKY["mode"] = "server"
    web.open("flaky")
    assert wait_until(lambda: web.screen.current_view() == "problem")
    panel = web.screen.panel
    assert panel.title.text() == "Le site a un problème"
    assert [b.label() for b in panel.shown_buttons()] == ["Réessayer", "Accueil"]
    FLAKY["mode"] = "ok"
    web.loads.clear()
    press(panel.buttons["retry"])
    assert web.wait_load()
    assert web.screen.current_view() == "page" and web.where() == "De retour"


def test_a_lost_connection_says_so_and_retry_recovers(web):
    FLAKY["mode"] = "drop"
    web.open("flaky")
    assert wait_until(lambda: web.screen.current_view() == "problem")
    assert web.screen.panel.title.text() == "La connexion internet est coupée"
    FLAKY["mode"] = "ok"
    web.loads.clear()
    press(web.screen.panel.buttons["retry"])
    assert web.wait_load()
    assert wait_until(lambda: web.where() == "De retour")
    assert web.screen.current_view() == "page"


def test_a_certificate_error_is_refused_with_no_way_forward(web):
    assert web.open("first")
    web.tap("#bad")
    assert wait_until(lambda: web.screen.current_view() == "problem")
    panel = web.screen.panel
    assert panel.title.text() == "La borne refuse d'ouvrir ce site"
    assert [b.label() for b in panel.shown_buttons()] == ["Retour", "Accueil"]
    press(panel.buttons["home"])
    assert web.home == [True]


def test_a_crashed_page_is_explained_and_retry_brings_it_back(web):
    assert web.open("first")
    os.kill(web.page.renderProcessPid(), signal.SIGKILL)
    assert wait_until(lambda: web.screen.current_view() == "problem")
    assert web.screen.panel.title.text() == "La page s'est arrêtée"
    web.loads.clear()
    press(web.screen.panel.buttons["retry"])
    assert web.wait_load()
    assert web.where() == "Première page" and web.screen.current_view() == "page"


def test_a_hung_page_is_found_and_retry_brings_it_back(web):
    assert web.open("hang")
    assert wait_until(lambda: web.screen.current_view() == "problem", 8)
    assert web.screen.panel.title.text() == "La page ne répond plus"
    assert [b.label() for b in web.screen.panel.shown_buttons()] == ["Réessayer", "Accueil"]
    web.loads.clear()
    press(web.screen.panel.buttons["retry"])
    assert web.wait_load()
    assert web.where() == "hang" and web.screen.current_view() == "page"


# Downloads, the viewer, printing


def test_a_downloaded_pdf_is_offered_and_opens_in_the_viewer_at_page_one(web):
    assert web.open("first")
    web.tap("#pdf")
    bar = web.screen.download_bar
    assert wait_until(bar.isVisible)
    assert bar.title.text() == "Votre document est prêt"
    assert [b.label() for b in bar.shown_buttons()] == ["Voir", "Imprimer", "Fermer"]
    press(bar.print_button)
    assert len(web.prints) == 1 and Path(web.prints[0]).read_bytes().startswith(b"%PDF-")
    press(bar.see_button)
    assert web.screen.current_view() == "document"
    viewer = web.screen.viewer
    assert (viewer.page(), viewer.page_count()) == (0, 2)
    assert viewer.position.text() == "Page 1 / 2"
    press(viewer.close_button)
    assert web.screen.current_view() == "page"


def test_a_download_that_is_not_a_pdf_is_announced_without_voir(web):
    assert web.open("first")
    web.tap("#txt")
    bar = web.screen.download_bar
    assert wait_until(bar.isVisible)
    assert [b.label() for b in bar.shown_buttons()] == ["Fermer"]
    assert "ne peut pas être affiché" in bar.text.text()


def _pdf_text(path: str) -> str:
    out = subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.split())


def test_imprimer_cette_page_makes_a_pdf_with_the_page_text_in_the_session(web):
    assert web.open("print")
    press(web.screen.toolbar.buttons["print_page"])
    assert wait_until(lambda: web.prints, 10)
    path = Path(web.prints[0])
    assert web.engine.download_dir in path.parents
    text = _pdf_text(str(path))
    assert "Attestation de droits" in text
    assert "Vos droits sont ouverts jusqu'au 31 décembre." in text


def test_the_page_own_print_button_goes_the_same_way(web):
    assert web.open("print")
    web.tap("#print")
    assert wait_until(lambda: web.prints, 10)
    assert "Attestation de droits" in _pdf_text(web.prints[0])


# Upload: only this session's files, through the kiosk's picker


def _chosen(web: Kit) -> str:
    return str(web.js("[...document.getElementById('f').files].map(f => f.name).join(',')"))


def _pick(web: Kit, act: Callable[[FilePicker], None]) -> dict[str, Any]:
    """Taps the upload field; while the picker shows (its own event loop), notes what it
    shows, then does `act` as the resident (or the wipe) would."""
    picker = web.screen.picker
    seen: dict[str, Any] = {}

    def on_open() -> None:
        seen["title"] = picker.title.text()
        seen["files"] = [b.label() for b in picker.file_buttons]
        seen["close"] = picker.cancel_button.label()
        seen["visible"] = picker.isVisible()
        QTimer.singleShot(20, lambda: act(picker))

    picker.opened.connect(on_open)
    try:
        web.tap("#f")
        assert wait_until(lambda: "title" in seen and not picker.is_choosing(), 5)
    finally:
        picker.opened.disconnect(on_open)
    assert not picker.isVisible()
    return seen


@pytest.fixture
def french_locale() -> Iterator[None]:
    """Sizes in French words, as the shell sets the locale for a French session."""
    before = QLocale()
    QLocale.setDefault(QLocale("fr_FR"))
    yield
    QLocale.setDefault(before)


def test_the_picker_offers_only_this_session_downloads(web, tmp_path, french_locale):
    outside = tmp_path / "someone-else.pdf"
    outside.write_bytes(minimal_pdf(1))
    assert web.open("first")
    web.tap("#pdf")
    assert wait_until(web.screen.download_bar.isVisible)
    (web.engine.download_dir / "notes.txt").write_text("a type the field does not take")
    assert web.open("upload")
    seen = _pick(web, lambda picker: press(picker.file_buttons[0]))
    assert seen["visible"] and seen["title"] == "Choisissez le document à envoyer"
    assert seen["files"] == [f"attestation.pdf ({len(minimal_pdf(2))} octets)"]
    assert seen["close"] == "Annuler"
    assert wait_until(lambda: _chosen(web) == "attestation.pdf")


def test_with_no_session_file_the_picker_says_so_and_sends_nothing(web):
    assert web.open("upload")
    seen = _pick(web, lambda picker: press(picker.cancel_button))
    assert seen["title"] == "Aucun document de cette séance ne peut être envoyé ici"
    assert seen["files"] == [] and seen["close"] == "OK"
    assert _chosen(web) == ""


def test_closing_the_overlays_ends_the_picker_without_a_file(web):
    """The shell closes every overlay on Accueil, the idle warning and the wipe."""
    assert web.open("upload")
    _pick(web, lambda picker: picker.hide())
    assert _chosen(web) == ""


def test_a_wipe_while_the_picker_is_open_ends_it_without_a_file(web):
    assert web.open("upload")
    _pick(web, lambda _picker: web.engine.end_session())  # the web wiper's tear-down
    assert web.engine.page is None
    assert web.screen.current_view() == "page" and not web.screen.download_bar.isVisible()


# What is spoken


def test_ecouter_on_the_screen_reads_the_site_and_the_numbered_buttons(web):
    assert web.open("first")
    spoken = web.screen.spoken_text().splitlines()
    assert spoken[0] == "Site : Test de la borne"
    assert "Bouton 1 : Retour" in spoken
    assert "Bouton 5 : Imprimer cette page" in spoken
    web.screen.show_problem("network")
    spoken = web.screen.spoken_text().splitlines()
    assert spoken[1:3] == [
        "La connexion internet est coupée",
        web.screen.panel.text.text(),
    ]
    assert spoken[3:] == ["Bouton 1 : Réessayer", "Bouton 2 : Accueil"]


def test_panels_follow_a_change_of_language(web):
    web.screen.show_problem("network")
    french = web.screen.panel.title.text()
    set_language("ar")
    try:
        web.screen.retranslate()
        title = web.screen.panel.title.text()
        assert title == tr_in("ar", PROBLEMS["network"].title) != french
        assert title.startswith("\u200f")  # laid out right to left
        assert title in web.screen.spoken_text().splitlines()
    finally:
        set_language("fr")
        web.screen.retranslate()
    assert web.screen.panel.title.text() == french
