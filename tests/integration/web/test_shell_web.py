"""An official site inside the real shell: from a flow's web step to the wipe.

The shipped ameli flow's web step opens www.ameli.fr, served by the local test server
(tests/integration/web/servers.py maps the production host names to it), with the real
allow-list: the flow's sites plus [web] login_sites.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import attach_web
from kiosk.flows.runner import Position
from kiosk.session.manager import State
from kiosk.ui.runtime import watch_activity
from tests._support.touch import touch
from tests.conftest import config_with

FAST = {"warning_sound": False, "wiped_message_s": 0.05}


def run_js(qtbot: Any, page: Any, script: str) -> Any:
    answers: list[Any] = []
    page.runJavaScript(script, 0, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    return answers[0]


@pytest.fixture
def web_kiosk(qtbot: Any, make_kiosk: Callable[..., Any]) -> Any:
    kiosk = make_kiosk(config_with(session=FAST))
    attach_web(kiosk, kiosk.config)
    watch_activity(kiosk.shell, kiosk.manager.activity)
    touch(qtbot, kiosk.shell.attract)
    assert kiosk.manager.state is State.ACTIVE
    yield kiosk
    kiosk.shell.web.shutdown()  # as the kiosk does when it stops


def show_web_step(qtbot: Any, kiosk: Any) -> Any:
    """The ameli flow's web step on screen, its button not tapped yet."""
    shell = kiosk.shell
    assert shell.open_flow("ameli-attestation")
    runner = shell.flow_screen.runner
    web_step = next(step for step in runner.flow.steps if step.type == "web")
    runner.position = Position(runner.flow.id, web_step.id)
    shell.flow_screen.show_step()
    QApplication.processEvents()
    (button,) = [b for b in shell.flow_screen._buttons if b.property("role") == "web"]
    return button


def open_ameli(qtbot: Any, kiosk: Any) -> Any:
    shell = kiosk.shell
    touch(qtbot, show_web_step(qtbot, kiosk))
    assert shell.current_screen_name() == "web"
    page = shell.web.screen.view.kiosk_page()
    qtbot.waitUntil(lambda: page.url().host() == "www.ameli.fr", timeout=10000)
    where = "document.getElementById('where') ? document.getElementById('where').textContent : ''"
    texts: list[str] = []

    def shown() -> bool:
        page.runJavaScript(where, 0, texts.append)
        return bool(texts) and texts[-1] == "www.ameli.fr/"

    qtbot.waitUntil(shown, timeout=10000)
    return page


def test_the_web_step_opens_the_official_site_inside_the_kiosk(qtbot, web_kiosk):
    shell = web_kiosk.shell
    page = open_ameli(qtbot, web_kiosk)
    assert run_js(qtbot, page, "document.getElementById('where').textContent") == "www.ameli.fr/"
    assert shell.top_bar.isVisible()  # Accueil and Terminer stay on top of the site
    assert web_kiosk.status()["screen"] == "web"


def test_a_site_off_the_list_is_refused_with_words_and_the_page_stays(qtbot, web_kiosk):
    shell = web_kiosk.shell
    page = open_ameli(qtbot, web_kiosk)
    run_js(qtbot, page, "location.href = 'https://evil.example/'; 1")
    screen = shell.web.screen
    qtbot.waitUntil(lambda: screen.current_view() == "problem", timeout=5000)
    assert "pas disponible sur cette borne" in screen.panel.title.text()
    assert page.url().host() == "www.ameli.fr"


def test_the_login_hop_through_franceconnect_is_allowed_by_the_shared_login_sites(qtbot, web_kiosk):
    page = open_ameli(qtbot, web_kiosk)
    run_js(qtbot, page, "location.href = 'https://app.franceconnect.gouv.fr/'; 1")
    qtbot.waitUntil(lambda: page.url().host() == "app.franceconnect.gouv.fr", timeout=5000)
    assert web_kiosk.shell.web.screen.current_view() == "page"


def test_printing_the_page_shows_its_pdf_pages_in_the_preview(qtbot, web_kiosk):
    shell = web_kiosk.shell
    open_ameli(qtbot, web_kiosk)
    shell.web.screen.print_page()
    qtbot.waitUntil(lambda: shell.open_overlay_name() == "print-preview", timeout=10000)
    assert shell.preview.kind == "a4" and shell.preview.pages >= 1


def test_terminer_with_a_page_open_wipes_it_and_the_next_session_gets_a_new_page(qtbot, web_kiosk):
    page = open_ameli(qtbot, web_kiosk)
    run_js(qtbot, page, "localStorage.setItem('resident', 'Mme Dupont'); 1")
    web_kiosk.manager.end_session("test")
    qtbot.waitUntil(lambda: web_kiosk.manager.state is State.ATTRACT, timeout=10000)
    report = next(r for r in web_kiosk.manager.last_outcome.reports if r.wiper == "web")
    assert report.ok, report
    touch(qtbot, web_kiosk.shell.attract)
    fresh = open_ameli(qtbot, web_kiosk)
    assert fresh is not page
    assert run_js(qtbot, fresh, "String(localStorage.getItem('resident'))") == "null"
    assert not fresh.can_go_back()  # nothing of the last session to go back to


def test_a_downloaded_attestation_lands_in_the_session_folder_and_opens_in_the_viewer(
    qtbot, web_kiosk
):
    """With the kiosk's activity and speech-mode filters on its window: a download once
    crashed PySide6 6.12 when those filters were on the whole application."""
    shell = web_kiosk.shell
    page = open_ameli(qtbot, web_kiosk)
    shell.speech.set_on(True)
    run_js(qtbot, page, "location.href = '/download'; 1")
    screen = shell.web.screen
    qtbot.waitUntil(screen.download_bar.isVisible, timeout=10000)
    folder = web_kiosk.folders.current
    (saved,) = list((folder / "web").glob("*.pdf"))
    assert saved.read_bytes().startswith(b"%PDF-")
    shell.speech.set_on(False)
    assert screen.show_download()
    assert screen.current_view() == "document"


def drawn(qtbot: Any, kiosk: Any) -> Any:
    """Waits until the web step's service is loaded and drawn in the (covered) web view."""
    from bench.bare_webengine import not_blank

    screen = kiosk.shell.web.screen
    page = screen.view.kiosk_page()
    qtbot.waitUntil(
        lambda: page.url().host() == "www.ameli.fr" and not page.isLoading(), timeout=10000
    )
    qtbot.waitUntil(lambda: not_blank(screen.view.grab().toImage()), timeout=10000)
    return page


def test_the_service_is_drawn_beneath_its_step_out_of_sight_and_out_of_reach(qtbot, web_kiosk):
    shell = web_kiosk.shell
    show_web_step(qtbot, web_kiosk)
    screen = shell.web.screen
    drawn(qtbot, web_kiosk)  # Chromium drew the page while the resident reads the step
    assert shell.current_screen_name() == "flow"
    assert screen.isVisible() and not screen.isEnabled()  # no tap, key or focus reaches it
    with_page_beneath = shell.grab().toImage()
    screen.hide()
    QApplication.processEvents()
    assert shell.grab().toImage() == with_page_beneath  # the window shows the step alone
    # Control: were the step's screen not opaque, the service would show through it.
    shell.flow_screen.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
    shell.show_beneath(screen)
    QApplication.processEvents()
    assert shell.grab().toImage() != with_page_beneath
    shell.flow_screen.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


def test_the_tap_on_the_step_shows_the_drawn_service_at_once(qtbot, web_kiosk):
    from bench.bare_webengine import not_blank

    shell = web_kiosk.shell
    button = show_web_step(qtbot, web_kiosk)
    page = shell.web.screen.view.kiosk_page()
    qtbot.waitUntil(
        lambda: page.url().host() == "www.ameli.fr" and not page.isLoading(), timeout=10000
    )
    qtbot.wait(500)  # the resident reads the step (no grab meanwhile: it would draw the page)
    touch(qtbot, button)  # through the window: the step's button is on top
    assert shell.current_screen_name() == "web" and shell.web.screen.isEnabled()
    assert shell.web.screen.view.kiosk_page() is page and not page.isLoading()  # not reloaded
    assert not_blank(shell.web.screen.view.grab().toImage())  # the first frame is the page


def test_leaving_the_web_step_takes_the_service_from_beneath_it(qtbot, web_kiosk):
    shell = web_kiosk.shell
    show_web_step(qtbot, web_kiosk)
    screen = shell.web.screen
    drawn(qtbot, web_kiosk)
    (onwards,) = [b for b in shell.flow_screen._buttons if b.property("role") == "continue"]
    touch(qtbot, onwards)  # the tap lands on the step, not on the page beneath
    assert shell.flow_screen.runner.step.type != "web"
    assert not screen.isVisible()
    show_web_step(qtbot, web_kiosk)
    qtbot.waitUntil(screen.isVisible, timeout=5000)
    touch(qtbot, shell.top_bar.buttons["home"])
    assert shell.current_screen_name() == "home" and not screen.isVisible()
