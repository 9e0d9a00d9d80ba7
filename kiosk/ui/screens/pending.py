"""What a tile opens until the guided flows land: its title and a plain explanation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.config.schema import Tile
from kiosk.i18n import N_, tr
from kiosk.ui import icons
from kiosk.ui.screens.base import Screen, message_column, numbered
from kiosk.ui.theme import PALETTES
from kiosk.ui.widgets import BigButton

SOON = N_(
    "Ce parcours guidé arrive bientôt sur cette borne. "
    "En attendant, un conseiller numérique de la mairie peut vous aider."
)
BACK_HOME = N_("Retour à l'accueil")
ASK_HELP = N_("Demander de l'aide")


class FlowPendingScreen(Screen):
    name = "flow"
    go_home = Signal()
    ask_help = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile: Tile | None = None
        layout, self.picture, self.title, self.body = message_column(self, 60, 30)
        row = QHBoxLayout()
        row.setSpacing(30)
        self.help_button = BigButton("conseiller", kind="plain", parent=self)
        self.home_button = BigButton("accueil", kind="accent", parent=self)
        row.addWidget(self.help_button)
        row.addWidget(self.home_button)
        layout.addLayout(row)
        self.help_button.clicked.connect(self.ask_help)
        self.home_button.clicked.connect(self.go_home)
        self._contrast = "standard"
        self.retranslate()

    def show_tile(self, tile: Tile) -> None:
        self.tile = tile
        self.set_contrast(self._contrast)
        self.retranslate()

    def clear(self) -> None:
        self.tile = None
        self.retranslate()

    def set_contrast(self, contrast: str) -> None:
        super().set_contrast(contrast)
        self._contrast = contrast
        icon = self.tile.icon if self.tile else "info"
        self.picture.setPixmap(icons.pixmap(icon, PALETTES[contrast].text, 140))

    def retranslate(self) -> None:
        self.title.setText(tr(self.tile.label) if self.tile else "")
        self.body.setText(tr(SOON))
        self.help_button.set_label(tr(ASK_HELP))
        self.home_button.set_label(tr(BACK_HOME))

    def spoken_text(self) -> str:
        return "\n".join(
            [
                self.title.text(),
                self.body.text(),
                numbered(1, self.help_button.label()),
                numbered(2, self.home_button.label()),
            ]
        )
