"""kiosk/ui/speech_player.py without a sound server: WAV reading, the PCM stream, volume.

Real playback (start, gapless chunks, stop within 200 ms) needs PulseAudio: it is proven in
tests/integration/test_speech.py.
"""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import QIODevice, QObject

from kiosk.ui.speech_player import PcmStream, QtSpeechPlayer, read_wav
from tests.unit.speech.fakes import write_silence


def test_read_wav_gives_the_format_and_every_sample(tmp_path):
    path = tmp_path / "a.wav"
    write_silence(path, milliseconds=250)

    key, pcm = read_wav(path)

    assert key == (22050, 1, 2)
    assert len(pcm) == 2 * (22050 * 250 // 1000)


def test_read_wav_refuses_what_it_cannot_play(tmp_path):
    path = tmp_path / "a.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(3)
        wav.setframerate(8000)
        wav.writeframes(b"\x00" * 30)
    with pytest.raises(ValueError, match="24-bit"):
        read_wav(path)
    (tmp_path / "b.wav").write_bytes(b"not a wav file at all")
    with pytest.raises(ValueError, match="not a WAV file"):
        read_wav(tmp_path / "b.wav")


def test_the_stream_gives_what_was_appended_in_order_and_more_later():
    owner = QObject()
    stream = PcmStream(owner)
    stream.open(QIODevice.OpenModeFlag.ReadOnly)
    stream.append(b"abcdef")

    assert stream.bytesAvailable() == 6
    assert bytes(stream.read(4).data()) == b"abcd"
    stream.append(b"gh")
    assert bytes(stream.read(10).data()) == b"efgh"
    assert stream.pending() == 0
    assert stream.isSequential()


def test_stop_and_volume_without_anything_playing(qtbot):
    player = QtSpeechPlayer()
    player.stop()
    player.set_volume(3)
    assert player.volume() == 1.0
    player.set_volume(-1)
    assert player.volume() == 0.0
    assert not player.is_playing()
    assert player.processed_us() == 0
    assert player.reason_unavailable() in (None, "no audio output")
