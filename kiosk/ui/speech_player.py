"""The speech service's player: PCM fed to a QAudioSink, which stops the moment it is told.

QAudioSink rather than QMediaPlayer or QSoundEffect: it takes the samples themselves, so
the chunks of one utterance follow each other without a gap (they are appended to the
stream the sink reads), `stop()` silences at once, and `processedUSecs()` tells when the
first samples have left for the output (what bench/speech.py measures).

A stream that ran dry (`IdleState`) is left open for a moment: the last samples are still
in the sound server's buffer, and stopping the sink then would cut the end of the last
word. It is released once it has been idle for `RELEASE_AFTER_MS`.
"""

from __future__ import annotations

import logging
import wave
from collections import deque
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, QTimer, Slot
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from kiosk.speech.player import Player

log = logging.getLogger(__name__)

RELEASE_AFTER_MS = 2000

_SAMPLE_FORMATS = {
    1: QAudioFormat.SampleFormat.UInt8,
    2: QAudioFormat.SampleFormat.Int16,
    4: QAudioFormat.SampleFormat.Int32,
}

FormatKey = tuple[int, int, int]
"""Sample rate, channels, bytes per sample."""


def read_wav(path: Path) -> tuple[FormatKey, bytes]:
    """The WAV file's format and all its samples (raises OSError, EOFError, wave.Error)."""
    try:
        with wave.open(str(path), "rb") as wav:
            key = (wav.getframerate(), wav.getnchannels(), wav.getsampwidth())
            pcm = wav.readframes(wav.getnframes())
    except wave.Error as error:
        raise ValueError(f"not a WAV file this player can read: {error}") from None
    if key[2] not in _SAMPLE_FORMATS:
        raise ValueError(f"{8 * key[2]}-bit samples are not supported")
    return key, pcm


class PcmStream(QIODevice):
    """Samples the sink pulls; more can be appended while it plays.

    Kept as a queue of blocks, not one buffer: synthesis runs far ahead of playback, and
    appending to one growing buffer copied all of it each time (11 ms for a long screen).
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._blocks: deque[bytes] = deque()
        self._offset = 0
        """Bytes of the first block already read."""
        self._pending = 0

    def isSequential(self) -> bool:
        return True

    def bytesAvailable(self) -> int:
        return self._pending + super().bytesAvailable()

    def readData(self, maxlen: int) -> bytes:
        parts: list[bytes] = []
        wanted = min(maxlen, self._pending)
        while wanted > 0:
            block = self._blocks[0]
            part = block[self._offset : self._offset + wanted]
            parts.append(part)
            wanted -= len(part)
            self._offset += len(part)
            if self._offset == len(block):
                self._blocks.popleft()
                self._offset = 0
        data = b"".join(parts)
        self._pending -= len(data)
        return data

    def writeData(self, data: bytes) -> int:  # type: ignore[override]
        return -1

    def append(self, pcm: bytes) -> None:
        if pcm:
            self._blocks.append(pcm)
            self._pending += len(pcm)
            self.readyRead.emit()

    def pending(self) -> int:
        return self._pending


class QtSpeechPlayer(Player):
    """`Player` on QtMultimedia's QAudioSink, on the default audio output."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink: QAudioSink | None = None
        self._sink_key: FormatKey | None = None
        self._sink_device_id = b""
        self._stream: PcmStream | None = None
        self._later: deque[tuple[FormatKey, bytes]] = deque()
        self._volume = 1.0
        self._playing = False
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(RELEASE_AFTER_MS)
        self._release.timeout.connect(self._on_release)

    def available(self) -> bool:
        return not QMediaDevices.defaultAudioOutput().isNull()

    def reason_unavailable(self) -> str | None:
        return None if self.available() else "no audio output"

    def play(self, wav_path: Path) -> None:
        key, pcm = read_wav(wav_path)
        self.stop()
        self._start(key, pcm)

    def queue(self, wav_path: Path) -> None:
        key, pcm = read_wav(wav_path)
        if not self._playing or self._stream is None:
            self._start(key, pcm)
        elif key == self._sink_key and not self._later:
            self._stream.append(pcm)
        else:
            self._later.append((key, pcm))

    def stop(self) -> None:
        self._later.clear()
        self._release.stop()
        self._playing = False
        if self._sink is not None and self._sink.state() != QtAudio.State.StoppedState:
            self._sink.stop()
        if self._stream is not None:
            self._stream.close()
            self._stream.deleteLater()
            self._stream = None

    def is_playing(self) -> bool:
        return self._playing

    def set_volume(self, volume: float) -> None:
        self._volume = min(max(float(volume), 0.0), 1.0)
        if self._sink is not None:
            self._sink.setVolume(self._volume)

    def volume(self) -> float:
        return self._volume

    def processed_us(self) -> int:
        """Microseconds of audio the output has taken from the current stream."""
        return int(self._sink.processedUSecs()) if self._sink is not None else 0

    def _sink_for(self, key: FormatKey) -> QAudioSink | None:
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            return None
        device_id = bytes(device.id().data())
        if self._sink is not None and self._sink_key == key and self._sink_device_id == device_id:
            return self._sink
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        audio_format = QAudioFormat()
        audio_format.setSampleRate(key[0])
        audio_format.setChannelCount(key[1])
        audio_format.setSampleFormat(_SAMPLE_FORMATS[key[2]])
        sink = QAudioSink(device, audio_format, self)
        sink.stateChanged.connect(self._on_state_changed)
        self._sink, self._sink_key, self._sink_device_id = sink, key, device_id
        return sink

    def _start(self, key: FormatKey, pcm: bytes) -> None:
        self._release.stop()
        sink = self._sink_for(key)
        if sink is None:
            self.failed.emit("no audio output")
            return
        if sink.state() != QtAudio.State.StoppedState:
            sink.stop()  # idle after the last utterance: its stream is replaced
        if self._stream is not None:
            self._stream.close()
            self._stream.deleteLater()
        stream = PcmStream(self)
        stream.open(QIODevice.OpenModeFlag.ReadOnly)
        stream.append(pcm)
        self._stream = stream
        sink.setVolume(self._volume)
        self._playing = True
        sink.start(stream)
        if sink.error() != QtAudio.Error.NoError:
            self._playing = False
            self.failed.emit(f"audio output error: {sink.error().name}")

    @Slot()
    def _on_state_changed(self) -> None:
        # No QtAudio.State argument: it cannot cross threads in PySide6 6.12 (TypeError).
        sink = self._sink
        if sink is None or self.sender() is not sink or not self._playing:
            return
        state = sink.state()
        if state == QtAudio.State.ActiveState:
            self.started.emit()
        elif state == QtAudio.State.IdleState:
            if self._stream is not None and self._stream.pending():
                return  # appended while the state change was on its way
            if self._later:
                key, pcm = self._later.popleft()
                self._start(key, pcm)
                return
            self._playing = False
            self._release.start()
            self.finished.emit()
        elif state == QtAudio.State.StoppedState:
            self._playing = False
            error = sink.error()
            log.warning("speech audio stopped by the output: %s", error.name)
            self.failed.emit(f"audio output stopped: {error.name}")

    @Slot()
    def _on_release(self) -> None:
        if not self._playing and self._sink is not None:
            self._sink.stop()
