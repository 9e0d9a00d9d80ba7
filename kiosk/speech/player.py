"""What the speech service needs from audio playback: a small interface, no QtMultimedia.

The real player (kiosk/ui/speech_player.py) plays through QtMultimedia; unit tests use a
fake. The layer rule keeps QtMultimedia out of kiosk/speech, so the service only ever
sees this interface, given to it by the composition root.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal


class Player(QObject):
    """Plays WAV files, one after another, and stops at once when asked.

    A file is read whole when it is given to `play()` or `queue()`: the caller may delete
    it right after. Signals: `started` when sound starts leaving for the output,
    `finished` when everything given has been played (it may start again if more is
    queued), `failed(reason)` when the output cannot play.
    """

    started = Signal()
    finished = Signal()
    failed = Signal(str)

    def available(self) -> bool:
        """Whether there is an audio output to play on."""
        raise NotImplementedError

    def reason_unavailable(self) -> str | None:
        """Why `available()` is False, for IT staff; None when it is True."""
        raise NotImplementedError

    def play(self, wav_path: Path) -> None:
        """Stops whatever plays, then plays `wav_path`."""
        raise NotImplementedError

    def queue(self, wav_path: Path) -> None:
        """Plays `wav_path` after what is playing, without a gap; at once if nothing plays."""
        raise NotImplementedError

    def stop(self) -> None:
        """Silence now, and forget everything queued. Emits no signal."""
        raise NotImplementedError

    def is_playing(self) -> bool:
        raise NotImplementedError

    def set_volume(self, volume: float) -> None:
        """Linear volume from 0.0 to 1.0, applied at once, also to what plays."""
        raise NotImplementedError

    def volume(self) -> float:
        raise NotImplementedError
