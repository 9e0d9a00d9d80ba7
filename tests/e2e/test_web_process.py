"""End to end: an official site inside the real kiosk, and nothing of it in the next session.

The real app runs in a subprocess (tests/e2e/conftest.py) with the Chromium flags of
tests/conftest.py, which map the shipped flows' production hosts to the local test
server (tests/integration/web/servers.py). For this module, www.ameli.fr's home page is a
page that first tells the server what it can see of earlier visits (cookies, every kind
of storage, service workers) and then writes all of them, plus an HttpOnly cookie set by
the server: the server's log is how the test sees, from outside, what the kiosk's page
saw. The kiosk is driven as IT does, through its control socket: `open` a flow, `press`
the buttons of its steps up to the web step, `end-session`.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import RunningKiosk, start_kiosk, write_config
from tests.integration.web.servers import SITE, Handler

pytestmark = pytest.mark.e2e

FLOW = "ameli-attestation"
HOST = "www.ameli.fr"
# From the flow's first step to its web step: (role, index) of each button pressed.
PATH_TO_WEB = (("continue", 0), ("choose", 0), ("continue", 0), ("continue", 0))
COOKIE = "ameli_session"
NOTHING = {
    "cookies": 0,
    "local_storage": 0,
    "session_storage": 0,
    "indexed_db": 0,
    "cache_storage": 0,
    "workers": 0,
}
SERVICE_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>ameli</title></head>
<body><h1 id="where">Assurance maladie</h1>
<script src="/cached.js"></script>
<script>
  // What this origin can see of earlier visits goes to the server; then it writes it all.
  (async () => {
    const seen = {
      cookies: document.cookie ? document.cookie.split(";").length : 0,
      local_storage: localStorage.length,
      session_storage: sessionStorage.length,
      indexed_db: (await indexedDB.databases()).length,
      cache_storage: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    };
    await fetch("/e2e/seen?" + new URLSearchParams(Object.entries(seen)));
    document.cookie = "visible=1; path=/; Secure; SameSite=Lax";
    localStorage.setItem("resident", "Mme Dupont");
    sessionStorage.setItem("step", "3");
    await new Promise((resolve, reject) => {
      const open = indexedDB.open("dossier", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("pieces");
      open.onsuccess = () => {
        const tx = open.result.transaction("pieces", "readwrite");
        tx.objectStore("pieces").put("avis", "k");
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = reject;
      };
      open.onerror = reject;
    });
    const cache = await caches.open("offline");
    await cache.put("/cached-entry", new Response("personal"));
    await navigator.serviceWorker.register("/sw.js");
    await fetch("/e2e/written");
  })().catch((error) => fetch("/e2e/failed?" + encodeURIComponent(String(error))));
</script>
</body></html>"""


@dataclass
class Visits:
    """What the kiosk's pages told the server, in order."""

    seen: list[dict[str, int]] = field(default_factory=list)
    cookie_sent: list[bool] = field(default_factory=list)
    written: int = 0
    failed: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, predicate: Any, what: str, timeout_s: float = 15.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self.lock:
                assert not self.failed, f"the service page failed: {self.failed}"
                if predicate():
                    return
            time.sleep(0.05)
        raise AssertionError(f"{what} not within {timeout_s} s: {self}")


@pytest.fixture
def visits() -> Iterator[Visits]:
    """www.ameli.fr/ is the page above while the test runs (other hosts keep the default)."""
    record = Visits()
    previous = {path: SITE.routes.get(path) for path in ("/", "/e2e/seen", "/e2e/written")}
    previous["/e2e/failed"] = SITE.routes.get("/e2e/failed")

    def home(handler: Handler) -> None:
        if handler.host != HOST:
            body = f"<!doctype html><title>site</title><h1 id=where>{handler.host}/</h1>"
            handler.send(200, body)
            return
        with record.lock:
            record.cookie_sent.append(f"{COOKIE}=" in (handler.headers.get("Cookie") or ""))
        cookie = f"{COOKIE}=opened; Path=/; Secure; HttpOnly; SameSite=Lax"
        handler.send(200, SERVICE_PAGE, headers={"Set-Cookie": cookie})

    def seen(handler: Handler) -> None:
        with record.lock:
            record.seen.append({key: int(values[0]) for key, values in handler.query.items()})
        handler.send(204)

    def written(handler: Handler) -> None:
        with record.lock:
            record.written += 1
        handler.send(204)

    def failed(handler: Handler) -> None:
        with record.lock:
            record.failed.append(handler.path)
        handler.send(204)

    SITE.routes.update(
        {"/": home, "/e2e/seen": seen, "/e2e/written": written, "/e2e/failed": failed}
    )
    try:
        yield record
    finally:
        for path, route in previous.items():
            if route is None:
                SITE.routes.pop(path, None)
            else:
                SITE.routes[path] = route


def _to_web_step(kiosk: RunningKiosk) -> dict[str, Any]:
    """Opens the flow and presses its buttons as a resident would, up to its web step."""
    assert kiosk.ctl("open", flow=FLOW)["ok"]
    for role, index in PATH_TO_WEB:
        answer = kiosk.ctl("press", role=role, index=index)
        assert answer["ok"], answer
    status = kiosk.ctl("status")
    assert status["screen"] == "flow" and status["flow"]["type"] == "web", status
    answer = kiosk.ctl("press", role="web", index=0)
    assert answer["ok"], answer
    return kiosk.wait_for(lambda s: s["screen"] == "web")


def _end_session(kiosk: RunningKiosk) -> dict[str, Any]:
    assert kiosk.ctl("end-session")["ok"]
    return kiosk.wait_for(lambda s: s["state"] == "attract", timeout=15)


@pytest.fixture
def web_kiosk(tmp_path: Path) -> Iterator[RunningKiosk]:
    """The real kiosk, once its web engine is made (after the first paint)."""
    running = start_kiosk(tmp_path, write_config(tmp_path))
    try:
        running.wait_for(lambda s: "web" in s["wipers"], timeout=20)
        yield running
    finally:
        if running.process.poll() is None:
            running.process.send_signal(signal.SIGTERM)
            try:
                running.process.wait(10)
            except subprocess.TimeoutExpired:
                running.process.kill()
                running.process.wait()


def test_a_service_opens_inside_the_kiosk_and_the_next_session_sees_nothing_of_it(
    web_kiosk: RunningKiosk, visits: Visits
) -> None:
    kiosk = web_kiosk
    status = _to_web_step(kiosk)
    assert status["state"] == "active" and status["overlay"] is None
    visits.wait(lambda: visits.written == 1, "the service page, first session")
    assert visits.seen == [NOTHING] and visits.cookie_sent == [False]

    # Control: in the same session the same page does see what it wrote (the check can fail).
    SITE.clear()
    _to_web_step(kiosk)
    visits.wait(lambda: visits.written == 2, "the service page, again in the same session")
    assert visits.cookie_sent[-1] is True
    again = visits.seen[-1]
    assert all(again[kind] >= 1 for kind in NOTHING if kind != "session_storage"), again

    status = _end_session(kiosk)
    assert status["last_wipe"]["ok"] and status["wipes_ok"] == 1
    web = next(r for r in status["last_wipe"]["reports"] if r["wiper"] == "web")
    assert web["ok"], web
    assert web["counts"]["origins"] >= 1
    assert web["counts"]["found"] == 0 and web["counts"]["unreadable"] == 0
    assert web["counts"]["history"] == 0

    SITE.clear()
    status = _to_web_step(kiosk)
    assert status["sessions_started"] == 2
    visits.wait(lambda: visits.written == 3, "the service page, next session")
    assert visits.seen[-1] == NOTHING, "the next session saw the last one's storage"
    assert visits.cookie_sent[-1] is False, "the next session sent the last one's cookie"
    assert (HOST, "GET", "/cached.js") in SITE.received(), "the HTTP cache outlived the session"

    status = _end_session(kiosk)
    assert status["last_wipe"]["ok"] and status["wipes_ok"] == 2
    log = kiosk.log()
    assert "Mme Dupont" not in log and f"https://{HOST}" not in log and "e2e/" not in log

    kiosk.process.send_signal(signal.SIGTERM)
    assert kiosk.process.wait(15) == 0
    # Every page went before QtWebEngine's own teardown (Qt warns when one outlives it).
    assert "WebEnginePage still not deleted" not in kiosk.log()
