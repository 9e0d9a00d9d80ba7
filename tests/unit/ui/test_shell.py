"""The shell as a resident uses it: touches, buttons, overlays, language, idle warning."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from kiosk.i18n import current_language
from kiosk.session.manager import State
from kiosk.ui.runtime import watch_activity, window_of
from tests._support.touch import touch
from tests.conftest import config_with

FAST = {"warning_sound": False, "wiped_message_s": 0.05}


def start(qtbot: Any, kiosk: Any) -> None:
    watch_activity(kiosk.shell, kiosk.manager.activity)
    touch(qtbot, kiosk.shell.attract)
    assert kiosk.manager.state is State.ACTIVE


def test_a_touch_on_the_attract_screen_starts_a_session_on_the_language_choice(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    assert shell.current_screen_name() == "attract"
    assert not shell.top_bar.isVisible()
    start(qtbot, kiosk)
    assert shell.current_screen_name() == "language"
    assert shell.top_bar.isVisible()
    assert kiosk.folders.current is not None and kiosk.folders.current.is_dir()


def test_the_attract_screen_cycles_through_the_configured_languages(qtbot, make_kiosk):
    kiosk = make_kiosk(config_with(session={**FAST, "attract_cycle_s": 0.5}))
    attract = kiosk.shell.attract
    texts: set[str] = set()
    codes: set[str] = set()

    def three_seen() -> bool:
        texts.add(attract.invitation.text())
        codes.add(attract.current_language())
        return len(codes) >= 3

    qtbot.waitUntil(three_seen, timeout=8000)
    assert "Touchez l'écran pour commencer" in texts
    assert len(texts) == len(codes)  # each language shows its own words


def test_choosing_a_language_translates_everything_and_mirrors_for_arabic(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.language_screen.language_buttons["en"])
    assert current_language() == "en"
    assert shell.current_screen_name() == "home"
    assert shell.top_bar.buttons["end"].label() == "End"
    assert shell.home.title.text() != "Que voulez-vous faire ?"
    touch(qtbot, shell.top_bar.buttons["language"])
    touch(qtbot, shell.language_screen.language_buttons["ar"])
    assert shell.layoutDirection() == Qt.LayoutDirection.RightToLeft
    bar = shell.top_bar.buttons

    def x(key: str) -> int:
        return bar[key].mapTo(shell, QPoint(0, 0)).x()

    # Mirrored once the layout has run: Accueil is on the right, Terminer on the left.
    qtbot.waitUntil(lambda: x("home") > x("end"), timeout=2000)
    touch(qtbot, shell.top_bar.buttons["language"])
    touch(qtbot, shell.language_screen.language_buttons["fr"])
    qtbot.waitUntil(lambda: x("home") < x("end"), timeout=2000)


def test_changing_language_keeps_the_residents_place(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.language_screen.language_buttons["fr"])
    touch(qtbot, shell.home.tiles[0][1])
    assert shell.current_screen_name() == "flow"
    progress_fr = shell.flow_screen.progress.text()
    position = shell.flow_position()
    touch(qtbot, shell.top_bar.buttons["language"])
    touch(qtbot, shell.language_screen.language_buttons["en"])
    assert shell.current_screen_name() == "flow"
    assert shell.flow_position() == position
    assert shell.flow_screen.progress.text() != progress_fr  # "Step 1 of ..." in English


def test_home_tiles_come_from_the_config_and_open_their_target(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.language_screen.language_buttons["fr"])
    labels = [button.label() for _tile, button in shell.home.tiles]
    assert labels == [tile.label for tile in kiosk.config.home.tiles]
    help_tile = next(b for t, b in shell.home.tiles if t.target == "help")
    touch(qtbot, help_tile)
    assert shell.open_overlay_name() == "help"
    touch(qtbot, shell.help_panel.close_button)
    assert shell.open_overlay_name() is None
    touch(qtbot, shell.top_bar.buttons["home"])
    assert shell.current_screen_name() == "home"


def test_terminer_asks_first_then_wipes_and_returns_to_attract(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.top_bar.buttons["end"])
    assert shell.open_overlay_name() == "confirm-end"
    assert shell.confirm_end.title.text() == "Voulez-vous tout effacer et partir ?"
    touch(qtbot, shell.confirm_end.no)
    assert kiosk.manager.state is State.ACTIVE and shell.open_overlay_name() is None
    touch(qtbot, shell.top_bar.buttons["end"])
    with qtbot.waitSignal(kiosk.manager.wipe_finished, timeout=3000):
        touch(qtbot, shell.confirm_end.yes)
    assert shell.current_screen_name() == "wiped"
    assert shell.wipe_screen.title.text() == "Vos informations ont été effacées"
    qtbot.waitUntil(lambda: shell.current_screen_name() == "attract", timeout=3000)
    assert kiosk.manager.last_outcome.ok


def test_the_wiped_message_is_in_the_language_of_the_session_that_ended(qtbot, make_kiosk):
    kiosk = make_kiosk(config_with(session={**FAST, "wiped_message_s": 5}))
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.language_screen.language_buttons["en"])
    with qtbot.waitSignal(kiosk.manager.wipe_finished, timeout=3000):
        kiosk.manager.end_session("test")
    assert shell.current_screen_name() == "wiped"
    assert shell.wipe_screen.title.text() not in ("", "Vos informations ont été effacées")
    assert current_language() == "fr"  # the next person starts in the default language


def test_idle_warning_counts_down_offers_more_time_then_wipes(qtbot, make_kiosk):
    config = config_with(session={**FAST, "idle_timeout_s": 10, "warning_countdown_s": 5})
    kiosk = make_kiosk(config)
    manager, shell = kiosk.manager, kiosk.shell
    manager._idle.setInterval(200)  # the schema's minimum is 10 s; tests go faster
    manager._tick.setInterval(100)
    start(qtbot, kiosk)
    qtbot.waitUntil(lambda: shell.open_overlay_name() == "idle-warning", timeout=2000)
    assert shell.idle_warning.count.text() in {"5", "4"}
    touch(qtbot, shell.idle_warning.more)
    assert manager.state is State.ACTIVE and shell.open_overlay_name() is None
    qtbot.waitUntil(lambda: manager.state is State.IDLE_WARNING, timeout=2000)
    qtbot.waitUntil(lambda: shell.current_screen_name() == "attract", timeout=4000)
    assert manager.last_outcome is not None and manager.last_outcome.ok


def test_activity_anywhere_postpones_the_idle_warning(qtbot, make_kiosk):
    kiosk = make_kiosk()
    manager, shell = kiosk.manager, kiosk.shell
    manager._idle.setInterval(400)
    start(qtbot, kiosk)
    for _ in range(4):
        qtbot.wait(200)
        # A key pressed on the keyboard reaches the window first, as real keys do.
        QTest.keyClick(window_of(shell), Qt.Key.Key_Tab)
    assert manager.state is State.ACTIVE
    qtbot.waitUntil(lambda: manager.state is State.IDLE_WARNING, timeout=2000)


def test_text_size_and_contrast_change_the_look_and_are_marked_in_words(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.language_screen.language_buttons["fr"])
    before = shell.home.title.font().pointSizeF()
    touch(qtbot, shell.top_bar.buttons["display"])
    assert shell.open_overlay_name() == "display"
    touch(qtbot, shell.display_panel.size_buttons["larger"])
    assert shell.home.title.font().pointSizeF() >= before * 1.45
    assert "(choisi)" in shell.display_panel.size_buttons["larger"].label()
    touch(qtbot, shell.display_panel.contrast_buttons["high"])
    assert shell.state.contrast == "high"
    assert "(choisi)" in shell.display_panel.contrast_buttons["high"].label()
    image = shell.grab().toImage()
    # High contrast paints the window black.
    assert image.pixelColor(shell.width() // 2, shell.height() - 5).lightness() < 20


def test_ecouter_says_plainly_that_speech_is_not_there_yet(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.top_bar.buttons["listen"])
    assert shell.open_overlay_name() == "notice"
    assert "voix haute" in shell.notice.title.text()


def test_spoken_text_of_home_lists_title_and_numbered_buttons(qtbot, make_kiosk):
    kiosk = make_kiosk()
    shell = kiosk.shell
    start(qtbot, kiosk)
    touch(qtbot, shell.language_screen.language_buttons["fr"])
    spoken = shell.spoken_text().splitlines()
    assert spoken[0] == "Que voulez-vous faire ?"
    assert spoken[1] == "Bouton 1 : Faire une démarche"
    assert len(spoken) == 1 + len(kiosk.config.home.tiles)


def test_open_flow_from_attract_starts_a_session(make_kiosk):
    kiosk = make_kiosk()
    assert kiosk.shell.open_flow("imprimer")
    assert kiosk.manager.state is State.ACTIVE
    assert kiosk.shell.current_screen_name() == "flow"
    assert not kiosk.shell.open_flow("nope")


def test_clipboard_text_does_not_survive_terminer(qtbot, make_kiosk):
    kiosk = make_kiosk()
    start(qtbot, kiosk)
    QGuiApplication.clipboard().setText("numéro fiscal 1234")
    with qtbot.waitSignal(kiosk.manager.wipe_finished, timeout=3000):
        kiosk.manager.end_session("test")
    assert QGuiApplication.clipboard().text() == ""


def test_the_town_halls_logo_from_config_is_shown_on_the_attract_screen(make_kiosk, tmp_path):
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#C8102E"))
    assert image.save(str(logo))
    kiosk = make_kiosk(
        config_with(kiosk={"logo": str(logo), "town_hall_name": "Mairie de Bobigny"}, session=FAST)
    )
    shown = kiosk.shell.attract.logo.pixmap().toImage()
    assert shown.height() == 200
    assert shown.pixelColor(shown.width() // 2, 100) == QColor("#C8102E")
    assert kiosk.shell.attract.town_hall.text() == "Mairie de Bobigny"


def test_dates_and_numbers_follow_the_language(qtbot, make_kiosk):
    from PySide6.QtCore import QDate, QLocale

    kiosk = make_kiosk()
    kiosk.manager.start_session()
    kiosk.shell.apply_language("fr")
    assert QLocale().toString(1234.5, "f", 1) == "1\u202f234,5"
    assert QLocale().toString(QDate(2026, 3, 2), "d MMMM yyyy") == "2 mars 2026"
    kiosk.shell.apply_language("uk")
    assert QLocale().toString(QDate(2026, 3, 2), "d MMMM yyyy") == "2 березня 2026"
    kiosk.shell.apply_language("en")
    assert QLocale().toString(1234.5, "f", 1) == "1,234.5"
