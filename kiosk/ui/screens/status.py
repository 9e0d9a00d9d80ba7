"""Screens without a session: wiping, wiped, and out of service."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_, tr_in
from kiosk.ui import icons
from kiosk.ui.screens.base import Screen, message_column
from kiosk.ui.theme import PALETTES

WIPING = N_("Effacement de vos informations…")
WIPED = N_("Vos informations ont été effacées")
THANKS = N_("Merci et à bientôt.")
OUT_TITLE = N_("Cette borne est hors service")
OUT_TEXT = N_("Un agent a été prévenu. Merci de vous adresser à l'accueil de la mairie.")


class _MessageScreen(Screen):
    shows_top_bar = False
    icon = "info"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = "fr"
        _layout, self.picture, self.title, self.body = message_column(self, 80, 40)
        self.set_contrast("standard")

    def set_contrast(self, contrast: str) -> None:
        self.picture.setPixmap(icons.pixmap(self.icon, PALETTES[contrast].text, 180))

    def show_in(self, code: str) -> None:
        self.language = code
        self.retranslate()

    def spoken_text(self) -> str:
        return "\n".join(filter(None, [self.title.text(), self.body.text()]))


class WipeScreen(_MessageScreen):
    """Shown while wiping and for a moment after, in the language of the ended session."""

    name = "wiped"
    icon = "efface"

    def __init__(self, parent: QWidget | None = None) -> None:
        self.done = False
        super().__init__(parent)
        self.retranslate()

    def set_done(self, done: bool) -> None:
        self.done = done
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr_in(self.language, WIPED if self.done else WIPING))
        self.body.setText(tr_in(self.language, THANKS) if self.done else "")


class OutOfServiceScreen(_MessageScreen):
    """Never the previous person's screen: shown when a wipe could not be verified."""

    name = "out-of-service"
    icon = "hors-service"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr_in(self.language, OUT_TITLE))
        self.body.setText(tr_in(self.language, OUT_TEXT))
