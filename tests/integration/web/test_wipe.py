"""A session leaves nothing the next one can see: probed in the new profile, and re-read on
the real server (cookies, every storage, service workers, HTTP cache, HTTP-auth, logins)."""

from __future__ import annotations

from kiosk.web.probe import KINDS, ProbeResult, StorageProbe
from tests.integration.web.conftest import Session, wait_until
from tests.integration.web.routes import AUTH_PASSWORD, AUTH_USER
from tests.integration.web.servers import SITE

EMPTY = dict.fromkeys(
    ("cookies", "local_storage", "session_storage", "indexed_db", "cache_storage", "workers"), 0
)


def _write_everything(session: Session) -> None:
    assert session.load("https://kiosk.test/storage.html")
    assert session.title_starting("written") == ""


def _probe(session: Session) -> ProbeResult:
    results: list[ProbeResult] = []
    profile = session.engine.profile
    assert profile is not None
    StorageProbe(profile, session.engine.visited_origins(), results.append).start()
    assert wait_until(lambda: results)
    return results[0]


def test_the_probe_sees_what_a_session_wrote_in_the_same_profile(fresh: Session) -> None:
    """Control: the probe is able to fail (setHtml with a base URL reads that origin)."""
    _write_everything(fresh)
    result = _probe(fresh)
    found = result.found["https://kiosk.test"]
    assert found == {**dict.fromkeys(KINDS, 1), "session_storage": 0}
    assert not result.clean()
    # sessionStorage belongs to the tab: the session's own page sees it.
    assert fresh.js("sessionStorage.length") == 1


def test_nothing_of_a_session_is_visible_in_the_next(fresh: Session) -> None:
    _write_everything(fresh)
    assert fresh.load("https://kiosk.test/read.html")
    written = fresh.title_starting("read:")
    assert written == {**dict.fromkeys(EMPTY, 1)}
    (fresh.downloads / "attestation.pdf").write_bytes(b"%PDF-1.4")
    report = fresh.wipe()
    assert report.ok, report
    assert report.counts["origins"] == 1
    assert report.counts["found"] == 0
    assert report.counts["files_removed"] == 1
    fresh.open()
    SITE.clear()
    assert fresh.load("https://kiosk.test/read.html")
    assert fresh.title_starting("read:") == EMPTY
    # The HTTP cache went with the profile: the cached script is asked for again.
    assert ("kiosk.test", "GET", "/cached.js") in SITE.received()


def test_the_new_page_has_no_history_of_the_last(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/pages.html")
    assert fresh.load("https://kiosk.test/second.html")
    assert fresh.page.can_go_back()
    old_page = fresh.page
    assert fresh.wipe().ok
    page = fresh.open()
    assert page is not old_page
    assert not page.can_go_back()
    assert fresh.load("https://kiosk.test/pages.html")
    assert not page.can_go_back()  # the warm-up's blank page left the history too
    page.go_back()
    assert fresh.where() == "pages"


def test_a_franceconnect_session_never_survives_into_the_next(fresh: Session) -> None:
    hops = (
        "https://www.ameli.fr/",
        "https://app.franceconnect.gouv.fr/",
        "https://idp.impots.gouv.fr/",
        "https://assure.ameli.fr/",
    )
    fresh.engine.set_sites(hops)
    fresh.engine.open("https://www.ameli.fr/fc/login")
    assert wait_until(lambda: fresh.page.url().host() == "assure.ameli.fr")
    assert wait_until(lambda: not fresh.page.isLoading())
    assert fresh.where() == "assure.ameli.fr/connected"
    assert fresh.load("https://app.franceconnect.gouv.fr/whoami")
    assert fresh.where() == "connected"  # the HttpOnly session cookie is there
    assert fresh.wipe().ok
    fresh.open(hops)
    assert fresh.load("https://app.franceconnect.gouv.fr/whoami")
    assert fresh.where() == "anonymous"


def test_http_authentication_is_never_remembered(fresh: Session) -> None:
    asked: list[str] = []

    def credentials(host: str) -> tuple[str, str]:
        asked.append(host)
        return AUTH_USER, AUTH_PASSWORD

    fresh.page.credentials = credentials
    assert fresh.load("https://kiosk.test/auth")
    assert fresh.where() == "logged in"
    assert asked == ["kiosk.test"]
    assert fresh.load("https://kiosk.test/auth")  # same session: remembered, not asked again
    assert asked == ["kiosk.test"]
    assert fresh.wipe().ok
    fresh.open()
    fresh.engine.open("https://kiosk.test/auth")
    assert wait_until(lambda: fresh.rec.of("failed"))
    assert fresh.rec.of("failed") == [("failed", "auth")]
    assert fresh.where() != "logged in"


def test_wipe_after_wipe_with_pages_open_each_comes_out_clean(fresh: Session) -> None:
    """Five sessions in a row, each writing everything: every wipe proves its profile empty.
    (How long a wipe takes is bench/web.py's wipe_ms, not a test's.)"""
    for _ in range(5):
        fresh.open()
        _write_everything(fresh)
        report = fresh.wipe()
        assert report.ok, report
        assert report.counts["origins"] == 1 and report.counts["found"] == 0


MANY_SITES = tuple(
    f"https://{host}/"
    for host in ("kiosk.test", "other.kiosk.test", "www.ameli.fr", "www.caf.fr", "ants.gouv.fr")
)


def test_the_probe_reads_every_origin_the_session_opened(fresh: Session) -> None:
    """Control, with five origins (a login hops through several): the probe walks them all
    and finds each one's storage in the same profile."""
    fresh.open(MANY_SITES)
    for site in MANY_SITES:
        assert fresh.load(site + "storage.html")
        assert fresh.title_starting("written") == ""
    result = _probe(fresh)
    assert sorted(result.found) == sorted(site.rstrip("/") for site in MANY_SITES)
    for counts in result.found.values():
        assert counts["local_storage"] == 1 and counts["indexed_db"] == 1
    report = fresh.wipe()
    assert report.ok and report.counts["origins"] == len(MANY_SITES), report


def test_no_site_permission_survives_into_the_next_profile(fresh: Session) -> None:
    """Control: a permission granted and kept in memory is in the profile's list (so the
    count can fail); the wipe's next profile holds none."""
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePermission, QWebEngineProfile

    profile = fresh.engine.profile
    assert profile is not None
    profile.setPersistentPermissionsPolicy(
        QWebEngineProfile.PersistentPermissionsPolicy.StoreInMemory
    )
    kind = QWebEnginePermission.PermissionType.Geolocation
    profile.queryPermission(QUrl("https://kiosk.test/"), kind).grant()
    assert len(profile.listAllPermissions()) == 1
    report = fresh.wipe()
    assert report.ok, report
    assert report.counts["permissions"] == 0
