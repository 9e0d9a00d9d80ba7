"""Hearing the screen: Écouter, the speech mode, first tap speaks and second tap acts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.session.manager import State
from tests._support.touch import touch


class FakeSpeaker:
    """Records what would be said; Pashto has no voice, as with espeak-ng."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []
        self.stops = 0

    def speak(self, text: str, language: str) -> None:
        self.said.append((text, language))

    def stop(self) -> None:
        self.stops += 1

    def available(self, language: str) -> bool:
        return language != "ps"


def _home(qtbot, make_kiosk, speaker):
    kiosk = make_kiosk(speaker=speaker)
    kiosk.manager.start_session()
    touch(qtbot, kiosk.shell.language_screen.language_buttons["fr"])
    assert kiosk.shell.current_screen_name() == "home"
    return kiosk


def test_ecouter_reads_the_screen_in_the_sessions_language(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = _home(qtbot, make_kiosk, speaker)
    touch(qtbot, kiosk.shell.top_bar.buttons["listen"])
    text, language = speaker.said[-1]
    assert language == "fr"
    assert text.splitlines()[0] == "Que voulez-vous faire ?"
    assert "Bouton 1 : Faire une démarche" in text


def test_a_language_without_a_voice_is_explained_on_screen(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = make_kiosk(speaker=speaker)
    kiosk.manager.start_session()
    touch(qtbot, kiosk.shell.language_screen.language_buttons["ps"])
    touch(qtbot, kiosk.shell.top_bar.buttons["listen"])
    assert kiosk.shell.open_overlay_name() == "notice"
    assert all(language != "ps" for _text, language in speaker.said)


def test_a_long_press_on_ecouter_turns_the_speech_mode_on(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = _home(qtbot, make_kiosk, speaker)
    listen = kiosk.shell.top_bar.buttons["listen"]
    qtbot.mousePress(listen, Qt.MouseButton.LeftButton, pos=listen.rect().center())
    qtbot.wait(900)
    qtbot.mouseRelease(listen, Qt.MouseButton.LeftButton, pos=listen.rect().center())
    assert kiosk.shell.speech.on
    assert listen.property("selected") == "true"
    assert listen.accessibleDescription() == "Tout lire à voix haute"


def test_in_speech_mode_the_first_tap_speaks_and_the_second_acts(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = _home(qtbot, make_kiosk, speaker)
    kiosk.shell.speech.set_on(True)
    tile = kiosk.shell.home.tiles[0][1]
    touch(qtbot, tile)
    assert speaker.said[-1] == ("Faire une démarche", "fr")
    assert kiosk.shell.current_screen_name() == "home"
    touch(qtbot, tile)
    assert kiosk.shell.current_screen_name() == "flow"
    # The new screen reads itself.
    assert speaker.said[-1][0].startswith("Étape 1 sur")


def test_any_new_screen_stops_what_is_being_said(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = _home(qtbot, make_kiosk, speaker)
    stops = speaker.stops
    touch(qtbot, kiosk.shell.top_bar.buttons["help"])
    assert speaker.stops > stops


def test_the_first_screen_offers_the_speech_mode(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = make_kiosk(speaker=speaker)
    kiosk.manager.start_session()
    screen = kiosk.shell.language_screen
    touch(qtbot, screen.speech_button)
    assert kiosk.shell.speech.on
    assert screen.speech_button.label() == "Tout lire à voix haute (choisi)"


def test_the_wipe_turns_speech_off_and_silences_it(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = _home(qtbot, make_kiosk, speaker)
    kiosk.shell.speech.set_on(True)
    with qtbot.waitSignal(kiosk.manager.wipe_finished, timeout=3000):
        kiosk.manager.end_session("test")
    assert kiosk.manager.last_outcome.ok
    assert not kiosk.shell.speech.on
    assert kiosk.shell.language_screen.speech_button.label() == "Tout lire à voix haute"
    qtbot.waitUntil(lambda: kiosk.manager.state is State.ATTRACT, timeout=3000)


def test_the_idle_warning_is_spoken_to_who_used_ecouter(qtbot, make_kiosk):
    speaker = FakeSpeaker()
    kiosk = _home(qtbot, make_kiosk, speaker)
    touch(qtbot, kiosk.shell.top_bar.buttons["listen"])
    kiosk.manager._idle.setInterval(50)
    kiosk.manager._idle.start()
    qtbot.waitUntil(lambda: kiosk.manager.state is State.IDLE_WARNING, timeout=2000)
    assert speaker.said[-1][0].startswith("Êtes-vous toujours là ?")


def _visible_texts(shell):
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.widgets import BigButton

    texts = {label.text() for label in shell.findChildren(QLabel) if label.isVisible()}
    buttons = {b.label() for b in shell.findChildren(BigButton) if b.isVisible()}
    return texts, buttons


@pytest.mark.parametrize("lang", ["fr", "ar", "uk"])
@pytest.mark.parametrize(
    "screen",
    ["home", "step-choice", "step-checklist", "step-end", "idle-warning", "confirm-end", "help"],
)
def test_what_ecouter_says_is_what_the_screen_shows_in_the_same_language(make_kiosk, screen, lang):
    from kiosk.i18n import set_language, tr
    from kiosk.ui.screens.base import numbered
    from kiosk.ui.screenshot import prepare

    kiosk = make_kiosk(speaker=FakeSpeaker())
    prepare(kiosk, screen, lang)
    for _ in range(6):  # new widgets are shown by the event loop
        QApplication.processEvents()
    set_language(lang)
    texts, buttons = _visible_texts(kiosk.shell)
    spoken = kiosk.shell.spoken_text().splitlines()
    assert spoken
    numbered_buttons = {numbered(n, label) for n in range(1, 30) for label in buttons}
    strange = [line for line in spoken if line not in texts and line not in numbered_buttons]
    assert strange == [], f"said but not shown: {strange}"
    assert tr("Bouton {number} : {label}").split("{")[0].strip() in "\n".join(spoken)


class AdjustableSpeaker(FakeSpeaker):
    def __init__(self) -> None:
        super().__init__()
        self._volume, self._speed = 0.8, 1.0

    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        self._volume = min(max(volume, 0.1), 1.0)

    def speed(self) -> float:
        return self._speed

    def set_speed(self, factor: float) -> None:
        self._speed = min(max(factor, 0.5), 2.0)


def test_the_resident_can_make_the_voice_louder_and_slower_and_hears_it(qtbot, make_kiosk):
    speaker = AdjustableSpeaker()
    kiosk = _home(qtbot, make_kiosk, speaker)
    shell = kiosk.shell
    touch(qtbot, shell.top_bar.buttons["display"])
    assert shell.display_panel.voice_button.isVisible()
    touch(qtbot, shell.display_panel.voice_button)
    assert shell.open_overlay_name() == "voice"
    assert shell.voice_panel.text.text() == "Volume : 80 %. Vitesse : 100 %."
    louder, slower = shell.voice_panel.step_buttons[1], shell.voice_panel.step_buttons[2]
    touch(qtbot, louder)
    touch(qtbot, slower)
    assert (speaker.volume(), speaker.speed()) == (0.9, 0.9)
    assert shell.voice_panel.text.text() == "Volume : 90 %. Vitesse : 90 %."
    assert speaker.said[-1] == ("Voici la voix, à ce volume et à cette vitesse.", "fr")


def test_without_speech_the_voice_settings_are_not_offered(qtbot, make_kiosk):
    kiosk = _home(qtbot, make_kiosk, None)
    touch(qtbot, kiosk.shell.top_bar.buttons["display"])
    assert not kiosk.shell.display_panel.voice_button.isVisible()
