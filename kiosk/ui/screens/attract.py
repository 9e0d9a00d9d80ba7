"""The attract screen: the town hall, and an invitation cycling through the languages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.i18n import N_, language, tr_in
from kiosk.ui import icons, widgets
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import PALETTES

INVITATION = N_("Touchez l'écran pour commencer")


class AttractScreen(Screen):
    name = "attract"
    shows_top_bar = False

    def __init__(
        self,
        town_hall: str,
        logo: str,
        languages: tuple[str, ...],
        cycle_s: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._offered = languages
        self._cycle: tuple[str, ...] | None = None  # worked out after the first paint
        self._index = 0
        self._logo_path = logo
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 60)
        layout.addStretch(2)
        self.logo = QLabel(self)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.logo)
        self.town_hall = widgets.title(self)
        self.town_hall.setText(town_hall)
        layout.addWidget(self.town_hall)
        layout.addStretch(1)
        self.hand = QLabel(self)
        self.hand.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hand)
        self.invitation = widgets.title(self)
        layout.addWidget(self.invitation)
        layout.addStretch(2)
        self._timer = QTimer(self)
        self._timer.setInterval(int(cycle_s * 1000))
        self._timer.timeout.connect(self._on_cycle)
        self.set_contrast("standard")
        self._show_language(0)

    def set_contrast(self, contrast: str) -> None:
        colour = PALETTES[contrast].text
        if self._logo_path and Path(self._logo_path).is_file():
            logo = QPixmap(self._logo_path)
            self.logo.setPixmap(
                logo.scaledToHeight(200, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo.setPixmap(icons.pixmap("mairie", colour, 200))
        self.hand.setPixmap(icons.pixmap("toucher", colour, 120))

    def start_cycling(self) -> None:
        self._show_language(0)
        self._timer.start()

    def stop_cycling(self) -> None:
        self._timer.stop()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the invitation cycles through.

        A language whose invitation reads the same as the one before it (easy-to-read French
        has no simpler words for it) is not shown twice in a row. Worked out on first use, so
        the catalogs of twelve languages are not read before the first paint.
        """
        if self._cycle is None:
            kept: list[str] = []
            for code in self._offered:
                if not kept or tr_in(code, INVITATION) != tr_in(kept[-1], INVITATION):
                    kept.append(code)
            self._cycle = tuple(kept)
        return self._cycle

    def current_language(self) -> str:
        return self.languages[self._index] if self._cycle is not None else self._offered[0]

    def _on_cycle(self) -> None:
        self._show_language((self._index + 1) % len(self.languages))

    def _show_language(self, index: int) -> None:
        self._index = index
        code = self.languages[index] if index or self._cycle is not None else self._offered[0]
        self.invitation.setText(tr_in(code, INVITATION))
        rtl = language(code).right_to_left
        self.invitation.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )

    def spoken_text(self) -> str:
        return self.invitation.text()
