"""Speech: every screen can be heard in the resident's language (espeak-ng via pyttsx3).

No widgets and no QtMultimedia here: the player is given to the service through the
`Player` interface (the QtMultimedia one is kiosk/ui/speech_player.py).
"""

from kiosk.speech.player import Player
from kiosk.speech.service import SpeechService
from kiosk.speech.wiper import SpeechWiper

__all__ = ["Player", "SpeechService", "SpeechWiper"]
