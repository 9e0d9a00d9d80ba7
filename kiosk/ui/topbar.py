"""The bar on every session screen: Accueil, Langue, Écouter, Taille du texte, Aide, Terminer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.i18n import N_, tr
from kiosk.ui.widgets import BigButton

BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("home", "accueil", N_("Accueil")),
    ("language", "langue", N_("Langue")),
    ("listen", "ecouter", N_("Écouter")),
    ("display", "texte", N_("Taille du texte")),
    ("help", "aide", N_("Aide")),
    ("end", "terminer", N_("Terminer")),
)


class TopBar(QWidget):
    home = Signal()
    language = Signal()
    listen = Signal()
    display = Signal()
    help = Signal()
    end = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAutoFillBackground(True)
        # Always as tall as its words need: the screen below gives way, never the bar.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(12)
        self.buttons: dict[str, BigButton] = {}
        for key, icon, _label in BUTTONS:
            kind = "danger" if key == "end" else "bar"
            button = BigButton(icon, kind=kind, vertical=True, icon_px=36, parent=self)
            button.clicked.connect(getattr(self, key))
            layout.addWidget(button, 1)
            self.buttons[key] = button
        self.retranslate()

    def retranslate(self) -> None:
        for key, _icon, label in BUTTONS:
            self.buttons[key].set_label(tr(label))

    def set_contrast(self, contrast: str) -> None:
        for button in self.buttons.values():
            button.set_contrast(contrast)
