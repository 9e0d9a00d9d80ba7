"""The live profile is the hardened one, new for each session, warmed before the first tap."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import shiboken6

from kiosk.web import settings
from kiosk.web.engine import WebEngine
from tests.integration.web.conftest import Session, pump, wait_until
from tests.integration.web.servers import FORBIDDEN, SITE, UNTRUSTED


def test_every_declared_setting_holds_on_the_live_profile(fresh: Session) -> None:
    profile = fresh.engine.profile
    assert profile is not None
    assert fresh.engine.check() == []
    assert profile.isOffTheRecord()
    assert profile.downloadPath() == str(fresh.downloads)
    assert len(settings.SETTINGS) >= 30
    # The check can fail: a changed attribute is reported by name.
    attr = settings.Attr.PluginsEnabled
    profile.settings().setAttribute(attr, True)
    try:
        assert fresh.engine.check() == ["settings.PluginsEnabled: expected False, found True"]
    finally:
        profile.settings().setAttribute(attr, False)


def test_the_session_language_reaches_the_sites(fresh: Session) -> None:
    fresh.engine.set_language("ar")
    profile = fresh.engine.profile
    assert profile is not None
    assert profile.httpAcceptLanguage().startswith("ar")
    assert fresh.engine.check() == []
    fresh.engine.set_language("fr")
    assert profile.httpAcceptLanguage().startswith("fr-FR")


def test_each_session_has_a_new_profile_and_page(fresh: Session) -> None:
    profile, page = fresh.engine.profile, fresh.page
    seen: list[object] = []
    fresh.engine.page_changed.connect(seen.append)
    assert fresh.wipe().ok
    new_page = fresh.open()
    assert fresh.engine.profile is not profile
    assert new_page is not page
    assert seen == [new_page]
    assert fresh.view.kiosk_page() is new_page
    assert fresh.engine.profile is not None
    assert fresh.engine.profile.isOffTheRecord()
    assert fresh.engine.profile.storageName() == ""


def test_the_view_lets_go_before_the_page_is_deleted(fresh: Session) -> None:
    detached: list[object] = []
    fresh.engine.closing.connect(lambda: detached.append(fresh.view.kiosk_page()))
    fresh.engine.end_session()
    assert detached == [None]
    assert fresh.view.kiosk_page() is None
    fresh.open()


def test_a_warmed_engine_paints_the_first_page_quickly(qapp: object, tmp_path: Path) -> None:
    engine = WebEngine()
    engine.set_sites(["https://kiosk.test/"])
    engine.warm_up()
    page = engine.page
    assert page is not None
    assert wait_until(lambda: page.renderProcessPid() > 0 and not page.isLoading())
    started = time.monotonic()
    page = engine.open_session(tmp_path / "dl")
    done: list[bool] = []
    page.loadFinished.connect(done.append)
    engine.open("https://kiosk.test/pages.html")
    assert wait_until(lambda: done)
    elapsed = time.monotonic() - started
    print(f"warm first load {elapsed * 1000:.0f} ms")
    assert done == [True]
    assert elapsed < 1.0
    engine.end_session()
    shiboken6.delete(engine)
    pump(0.05)


def _our_pids() -> set[int]:
    """This process and its children (QtWebEngineProcess: browser helpers and renderers)."""
    pids = {os.getpid()}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent in pids or parent == os.getpid():
                pids.add(int(entry.name))
    return pids


def _ports_listened_by(pids: set[int]) -> set[int]:
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    ports = set()
    for line in out.splitlines():
        owners = {int(pid) for pid in re.findall(r"pid=(\d+)", line)}
        if owners & pids:
            ports.add(int(line.split()[3].rsplit(":", 1)[1]))
    return ports


def test_no_remote_debugging_port_listens(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/pages.html")
    pids = _our_pids()
    assert len(pids) > 1  # the renderers are children: the scan sees them
    assert _ports_listened_by(pids) == {SITE.port, FORBIDDEN.port, UNTRUSTED.port}
