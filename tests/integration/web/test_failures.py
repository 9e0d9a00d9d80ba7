"""What goes wrong is reported as a reason, never as Chromium's page, and is recoverable."""

from __future__ import annotations

import os
import signal

import pytest

from tests.integration.web.conftest import Session, pump, wait_until
from tests.integration.web.servers import UNTRUSTED

SITES = ("https://kiosk.test/", "https://down.kiosk.test/", "https://untrusted.kiosk.test/")


def _failures(session: Session) -> list[str]:
    return [event[1] for event in session.rec.of("failed")]


def test_a_server_that_does_not_answer_is_a_network_failure(fresh: Session) -> None:
    fresh.engine.set_sites(SITES)
    assert fresh.load("https://kiosk.test/pages.html")
    assert not fresh.load("https://down.kiosk.test/")
    assert _failures(fresh) == ["network"]
    assert "down.kiosk.test" not in fresh.page.title()  # no Chromium error page


def test_server_errors(fresh: Session) -> None:
    for code in (500, 503, 404):
        fresh.rec.clear()
        fresh.load(f"https://kiosk.test/status?code={code}")
        assert _failures(fresh) == ["server"], code
    fresh.rec.clear()
    assert fresh.load("https://kiosk.test/pages.html")
    assert _failures(fresh) == []


def test_an_untrusted_certificate_is_refused_without_a_way_on(fresh: Session) -> None:
    fresh.engine.set_sites(SITES)
    assert not fresh.load("https://untrusted.kiosk.test/")
    assert _failures(fresh) == ["certificate"]
    assert UNTRUSTED.received() == []  # no request was ever sent over that connection
    fresh.rec.clear()
    fresh.page.triggerAction(fresh.page.WebAction.Reload)
    pump(0.5)
    assert UNTRUSTED.received() == []


def test_a_crashed_page_is_recovered_by_reload(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/pages.html")
    pid = fresh.page.renderProcessPid()
    os.kill(pid, signal.SIGSEGV)
    assert wait_until(lambda: _failures(fresh))
    assert _failures(fresh) == ["crashed"]
    fresh.rec.loads.clear()
    fresh.page.reload()
    assert wait_until(lambda: fresh.rec.loads)
    assert fresh.where() == "pages"
    assert fresh.page.renderProcessPid() not in (0, pid)


def test_a_hung_page_is_detected_and_recovered(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/hang.html")
    hung_pid = fresh.page.renderProcessPid()
    assert wait_until(lambda: _failures(fresh), 6)  # the engine's watchdog: 1.5 s here
    assert _failures(fresh) == ["hung"]
    assert wait_until(lambda: not os.path.exists(f"/proc/{hung_pid}"), 3)
    fresh.rec.clear()
    assert fresh.load("https://kiosk.test/pages.html")
    assert fresh.where() == "pages"


def test_a_busy_but_answering_page_is_not_called_hung(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/pages.html")
    pump(2.5)
    assert _failures(fresh) == []


def test_javascript_dialogs_answer_at_once(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/dialogs.html")
    assert fresh.title_starting("answered:") == {"confirmed": False, "answer": None}


def test_beforeunload_never_holds_a_navigation_or_a_wipe(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/beforeunload.html")
    assert fresh.page.title() == "armed"
    fresh.click("#field")  # a tap gives the page the activation Chromium requires
    assert fresh.load("https://kiosk.test/pages.html")
    assert fresh.where() == "pages"
    assert fresh.load("https://kiosk.test/beforeunload.html")
    fresh.click("#field")
    report = fresh.wipe()
    assert report.ok, report


def test_beforeunload_would_otherwise_have_been_armed(fresh: Session) -> None:
    """Control: the page's handler is really dropped, not merely never called."""
    assert fresh.load("https://kiosk.test/beforeunload.html")
    assert fresh.js("window.onbeforeunload === null") is True
    assert fresh.js("typeof window.addEventListener") == "function"


# Asking for the screen makes Qt list what could be captured, and say there is nothing.
@pytest.mark.qt_log_ignore("Screen capturing is not available", "Window capturing is not available")
def test_permissions_are_denied_without_a_prompt(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/permissions.html")
    asked = fresh.title_starting("asked:", 8)
    assert asked["geolocation"] == "refused:1"
    assert asked["notifications"] == "denied"
    for kind in ("camera", "microphone", "screen", "clipboard"):
        assert asked[kind].startswith("refused:"), (kind, asked)
