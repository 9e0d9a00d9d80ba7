"""The wipe through the real composition (`kiosk.app.build`): what the next person sees."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication

from kiosk.i18n import current_language
from kiosk.session.manager import State
from tests.unit.session.fakes import FailingWiper


def test_ending_a_session_leaves_nothing_of_the_resident(qtbot, make_kiosk, caplog):
    caplog.set_level(logging.INFO)
    kiosk = make_kiosk()
    shell = kiosk.shell
    defaults = kiosk.config.display
    kiosk.manager.start_session()
    assert kiosk.manager.state is State.ACTIVE
    folder = kiosk.folders.current
    assert folder is not None
    (folder / "avis-imposition-DUPONT.pdf").write_bytes(b"%PDF-1.4")
    QGuiApplication.clipboard().setText("n° fiscal 1234567890123")
    shell.apply_language("en")
    shell.state.text_size = "larger"
    shell.state.contrast = "high"
    shell.apply_look()
    shell.open_overlay("help")
    assert shell.open_overlay_name() == "help"
    assert current_language() == "en"

    kiosk.manager.end_session("button")
    qtbot.waitUntil(lambda: kiosk.manager.state is State.ATTRACT, timeout=5000)

    assert not folder.exists()
    assert kiosk.folders.leftovers() == []
    assert QGuiApplication.clipboard().text() == ""
    assert current_language() == "fr"
    assert shell.state.language == "fr"
    assert shell.state.text_size == defaults.text_size
    assert shell.state.contrast == defaults.contrast
    assert shell.open_overlay_name() is None
    assert shell.current_screen_name() == "attract"
    outcome = kiosk.manager.last_outcome
    assert outcome is not None
    assert outcome.ok
    reports = {report.wiper: report for report in outcome.reports}
    assert list(reports) == ["ui_state", "session_folder", "clipboard"]
    assert all(report.ok for report in outcome.reports)
    assert reports["session_folder"].counts["entries_removed"] == 1
    assert reports["clipboard"].counts["buffers_cleared"] >= 1
    assert reports["ui_state"].counts["settings_checked"] > 0
    assert kiosk.manager.wipes_ok == 1
    assert "wipe ok" in caplog.text
    assert "DUPONT" not in caplog.text
    assert "1234567890123" not in caplog.text


def test_the_next_session_starts_with_a_fresh_private_folder(qtbot, make_kiosk):
    kiosk = make_kiosk()
    kiosk.manager.start_session()
    first = kiosk.folders.current
    kiosk.manager.end_session("button")
    qtbot.waitUntil(lambda: kiosk.manager.state is State.ATTRACT, timeout=5000)
    kiosk.manager.start_session()
    second = kiosk.folders.current
    assert second is not None
    assert second.is_dir()
    assert second != first
    assert kiosk.folders.leftovers() == [second]


def test_a_wiper_that_cannot_clean_shows_out_of_service_never_the_last_screen(
    qtbot, make_kiosk, caplog
):
    caplog.set_level(logging.INFO)
    kiosk = make_kiosk()
    shell = kiosk.shell
    dirty = FailingWiper("printer_queue")
    kiosk.runner.register(dirty)
    kiosk.manager.start_session()
    shell.apply_language("en")
    shell.home.tile_chosen.emit(kiosk.config.home.tiles[0])
    private_screen = shell.current_screen_name()
    assert private_screen not in ("attract", "wiped", "out-of-service")
    shown: list[str] = []
    shell.stack.currentChanged.connect(lambda _index: shown.append(shell.current_screen_name()))

    kiosk.manager.end_session("button")
    qtbot.waitUntil(lambda: kiosk.manager.state is State.OUT_OF_SERVICE, timeout=5000)
    qtbot.wait(100)

    assert shell.current_screen_name() == "out-of-service"
    assert shown == ["wiped", "out-of-service"]  # the wipe message, then out of service
    assert not shell.top_bar.isVisible()
    assert shell.open_overlay_name() is None
    assert dirty.calls == 1 + kiosk.config.session.wipe_retries
    assert "printer_queue" in kiosk.manager.out_of_service_reason
    assert "out of service" in caplog.text
    assert "printer_queue" in caplog.text
    # A touch does not bring the previous person's screens back.
    kiosk.manager.activity()
    assert kiosk.manager.state is State.OUT_OF_SERVICE
    assert shell.current_screen_name() == "out-of-service"
    assert kiosk.status()["out_of_service_reason"]
