"""Every way a page can leave the allow-list is refused, and the other server hears nothing.

The escapes run on the real test site (production host names mapped to a local server);
the forbidden hosts are mapped to a second server whose request log must stay empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEngineSettings

from kiosk.flows.library import load_library
from kiosk.web.policy import Decision, SitePolicy
from tests.integration.web.conftest import TEST_SITES, Session, pump, wait_until
from tests.integration.web.servers import FORBIDDEN, SITE

EVIL = "https://evil.example/steal"
WAYS = ("link", "blank", "open", "meta", "form", "iframe", "script")
TAPPED = ("link", "blank", "open")


def _escape(session: Session, how: str, to: str) -> None:
    loaded = session.load(f"https://kiosk.test/escape.html?how={how}&to={quote(to, safe='')}")
    if how in TAPPED:
        assert loaded
        session.click("#link")


@pytest.mark.parametrize("how", WAYS)
def test_each_escape_to_another_site_is_blocked(fresh: Session, how: str) -> None:
    _escape(fresh, how, EVIL)
    assert wait_until(lambda: fresh.rec.of("blocked")), f"{how}: not blocked"
    assert fresh.rec.of("blocked")[0] == ("blocked", "site", "evil.example")
    pump(0.2)
    assert FORBIDDEN.received() == []
    assert fresh.page.url().host() == "kiosk.test"
    assert fresh.where() == "escape"


def test_a_redirect_to_another_site_is_blocked_before_any_request(fresh: Session) -> None:
    fresh.engine.open(f"https://kiosk.test/redirect?to={quote(EVIL, safe='')}")
    assert wait_until(lambda: fresh.rec.of("blocked"))
    assert fresh.rec.of("blocked")[0][1:] == ("site", "evil.example")
    pump(0.2)
    assert FORBIDDEN.received() == []
    assert ("kiosk.test", "GET", "/redirect") in SITE.received()


@pytest.mark.parametrize("how", ["link", "blank", "open", "meta", "script", "form"])
def test_allowed_targets_open_in_the_same_page(fresh: Session, how: str) -> None:
    _escape(fresh, how, "https://www.ameli.fr/arrivee")
    assert wait_until(lambda: fresh.page.url().host() == "www.ameli.fr"), how
    assert wait_until(lambda: fresh.where() == "www.ameli.fr/arrivee")
    assert fresh.rec.of("blocked") == []


class Handoffs(QObject):
    """Records what would have been handed to the operating system (QDesktopServices)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


OS_SCHEMES = ("mailto", "tel", "sms", "intent", "ms-settings", "file", "ftp")
TAPPED_SCHEMES = (
    "mailto:someone@example.org",
    "tel:3646",
    "sms:3646",
    "intent://x#Intent;end",
    "ms-settings:network",
    "file:///etc/passwd",
    "data:text/html,<h1>hi</h1>",
    "view-source:https://kiosk.test/",
    "chrome://settings",
    "devtools://devtools/bundled/inspector.html",
    "http://kiosk.test/",
)


@pytest.fixture
def handoffs() -> Iterator[Handoffs]:
    recorder = Handoffs()
    for scheme in OS_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, recorder, "handle")
    yield recorder
    for scheme in OS_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.mark.parametrize("url", TAPPED_SCHEMES)
def test_tapped_links_to_other_schemes_go_nowhere(
    fresh: Session, handoffs: Handoffs, url: str
) -> None:
    _escape(fresh, "link", url)
    pump(0.3)
    assert handoffs.urls == []
    assert fresh.page.url().host() == "kiosk.test"
    assert fresh.where() == "escape"
    assert all(event[1] in ("scheme", "phone", "mail") for event in fresh.rec.of("blocked"))


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("tel:3646", ("phone", "3646")),
        ("tel:+33%201%2023%2045%2067%2089;ext=2", ("phone", "+33 1 23 45 67 89")),
        ("sms:3646", ("phone", "3646")),
        ("mailto:accueil@mairie.example?subject=Bonjour", ("mail", "accueil@mairie.example")),
        ("ms-settings:network", ("scheme", "")),
        ("intent://x#Intent;end", ("scheme", "")),
    ],
)
def test_a_tapped_link_to_another_application_says_what_it_wanted(
    fresh: Session, handoffs: Handoffs, url: str, said: tuple[str, str]
) -> None:
    """Chromium alone drops such a tap without a word; the kiosk says why, with the number
    or the address to note."""
    _escape(fresh, "link", url)
    assert wait_until(lambda: fresh.rec.of("blocked")), f"{url}: nothing said"
    assert fresh.rec.of("blocked") == [("blocked", *said)]
    pump(0.2)
    assert handoffs.urls == []
    assert fresh.page.url().host() == "kiosk.test" and fresh.where() == "escape"


def test_a_page_cannot_fake_the_kiosks_relay_of_such_a_tap(fresh: Session) -> None:
    """The relay address carries a token only the kiosk's isolated script knows: a page
    going there itself is an ordinary site off the list."""
    assert fresh.load("https://kiosk.test/escape.html?how=link&to=%23")
    fresh.js("location.href = 'https://kiosk.invalid/app-link?token=x&scheme=tel&target=0612'")
    assert wait_until(lambda: fresh.rec.of("blocked"))
    assert fresh.rec.of("blocked") == [("blocked", "site", "kiosk.invalid")]


class AllowAll(SitePolicy):
    def decide(self, url: str, *, main_frame: bool = True) -> Decision:
        return Decision(True)


@pytest.mark.parametrize(
    ("relay_on", "scheme_policy_on", "page_policy_on"),
    [(False, False, False), (True, False, False), (False, True, False), (False, False, True)],
)
def test_each_layer_alone_keeps_mailto_from_the_os(
    fresh: Session,
    handoffs: Handoffs,
    relay_on: bool,
    scheme_policy_on: bool,
    page_policy_on: bool,
) -> None:
    """All layers off, a tapped mailto: reaches the OS (so the check can fail); the
    kiosk's relay of such taps, the unknown-scheme setting or the page's policy alone
    stops it."""
    if not relay_on:
        scripts = fresh.page.scripts()
        for script in scripts.find("kiosk-app-links"):
            scripts.remove(script)
    settings = fresh.page.settings()
    if not scheme_policy_on:
        settings.setUnknownUrlSchemePolicy(
            QWebEngineSettings.UnknownUrlSchemePolicy.AllowUnknownUrlSchemesFromUserInteraction
        )
    if not page_policy_on:
        fresh.page.policy = AllowAll()
    try:
        _escape(fresh, "link", "mailto:someone@example.org")
        pump(0.3)
        if relay_on or scheme_policy_on or page_policy_on:
            assert handoffs.urls == []
        else:
            assert wait_until(lambda: handoffs.urls)
        if relay_on:
            assert fresh.rec.of("blocked") == [("blocked", "mail", "someone@example.org")]
        if page_policy_on:
            assert fresh.rec.of("blocked") == [("blocked", "scheme", "")]
    finally:
        settings.resetUnknownUrlSchemePolicy()
        fresh.engine.set_sites(TEST_SITES)
    assert fresh.engine.check() == []


@pytest.mark.parametrize("url", [*TAPPED_SCHEMES, "javascript:document.title='x'", "about:blank"])
def test_opening_another_scheme_is_refused_with_a_reason(fresh: Session, url: str) -> None:
    assert not fresh.engine.open(url).allowed
    assert fresh.rec.of("blocked")[0][1] in ("scheme", "site")


def test_the_real_allow_list_of_a_shipped_flow(fresh: Session) -> None:
    flow = load_library().get("ameli-attestation")
    assert flow is not None
    fresh.engine.set_sites(flow.sites)
    assert fresh.load("https://www.ameli.fr/assure")
    assert fresh.where() == "www.ameli.fr/assure"
    for url in ("https://www.ameli.fr.evil.com/", "https://ameli.fr/", "https://evil.example/"):
        assert not fresh.engine.open(url).allowed
    pump(0.2)
    assert FORBIDDEN.received() == []


FC_HOPS = (
    "https://www.ameli.fr/",
    "https://app.franceconnect.gouv.fr/",
    "https://idp.impots.gouv.fr/",
    "https://assure.ameli.fr/",
)


def test_a_franceconnect_login_works_when_every_hop_is_listed(fresh: Session) -> None:
    fresh.engine.set_sites(FC_HOPS)
    fresh.engine.open("https://www.ameli.fr/fc/login")
    assert wait_until(lambda: fresh.page.url().host() == "assure.ameli.fr")
    assert wait_until(lambda: fresh.where() == "assure.ameli.fr/connected")
    hosts = [host for host, _method, _path in SITE.received()]
    assert {"app.franceconnect.gouv.fr", "idp.impots.gouv.fr", "assure.ameli.fr"} <= set(hosts)


def test_a_franceconnect_login_is_blocked_at_an_unlisted_hop(fresh: Session) -> None:
    fresh.engine.set_sites([hop for hop in FC_HOPS if "idp" not in hop])
    fresh.engine.open("https://www.ameli.fr/fc/login")
    assert wait_until(lambda: fresh.rec.of("blocked"))
    assert fresh.rec.of("blocked")[0] == ("blocked", "site", "idp.impots.gouv.fr")
    pump(0.2)
    assert SITE.received("idp.impots.gouv.fr") == []
