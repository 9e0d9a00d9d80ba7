"""Hearing the screen: Écouter, the speech mode, first tap speaks and second tap acts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.session.manager import State


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


def touch(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


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
