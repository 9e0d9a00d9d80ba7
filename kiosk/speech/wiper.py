"""The speech wiper: after each session, silence and the resident's settings forgotten.

EN 301 549 asks that the volume come back to its default after each use; the voice and
speed a resident chose go too, with every audio file the session's speech left.
"""

from __future__ import annotations

from kiosk.session.wipe import SyncWiper, WipeReport
from kiosk.speech.service import SpeechService


class SpeechWiper(SyncWiper):
    """Silences the kiosk, forgets the resident's voice, speed and volume, removes audio."""

    name = "speech"
    SETTLE_TIMEOUT_S = 1.0

    def __init__(self, service: SpeechService) -> None:
        self._service = service

    def wipe_and_verify(self) -> WipeReport:
        service = self._service
        service.stop()
        service.reset()
        settled = service.settle(self.SETTLE_TIMEOUT_S)
        removed = service.remove_audio_files()
        remaining = len(service.audio_files())
        counts = {"files_removed": removed, "files_remaining": remaining}
        if not settled:
            return WipeReport.failed(self.name, "synthesis still running", **counts)
        if not service.is_silent():
            return WipeReport.failed(self.name, "still speaking", **counts)
        if remaining:
            return WipeReport.failed(self.name, f"{remaining} audio file(s) left", **counts)
        if not service.at_defaults():
            return WipeReport.failed(self.name, "voice, speed or volume not reset", **counts)
        return WipeReport.clean(self.name, **counts)
