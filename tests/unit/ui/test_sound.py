"""The idle warning's sound: a real, audible file, played when the warning opens."""

from __future__ import annotations

import array
import wave

from kiosk.session.manager import State
from kiosk.ui.sound import SOUND
from tests.conftest import config_with


def test_the_warning_sound_is_a_short_audible_wav():
    with wave.open(str(SOUND)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        samples = array.array("h", sound.readframes(sound.getnframes()))
    assert 0.3 <= seconds <= 2.0
    assert max(abs(s) for s in samples) > 3000  # loud enough to hear, not clipped
    assert max(abs(s) for s in samples) < 32000


def _warn(qtbot, kiosk):
    kiosk.manager._idle.setInterval(50)
    kiosk.manager.start_session()
    qtbot.waitUntil(lambda: kiosk.manager.state is State.IDLE_WARNING, timeout=2000)


def test_the_idle_warning_plays_the_sound_once(qtbot, make_kiosk):
    kiosk = make_kiosk(config_with(session={"warning_sound": True, "wiped_message_s": 0.05}))
    _warn(qtbot, kiosk)
    assert kiosk.shell._sound.played == 1
    assert kiosk.shell.sound_status() in {"ok", "no audio output"}


def test_a_disabled_sound_stays_silent(qtbot, make_kiosk):
    kiosk = make_kiosk(config_with(session={"warning_sound": False, "wiped_message_s": 0.05}))
    _warn(qtbot, kiosk)
    assert kiosk.shell._sound.played == 0
    assert kiosk.shell.sound_status() == "disabled"
