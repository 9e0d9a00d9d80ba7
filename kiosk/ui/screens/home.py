"""The home screen: 4 to 8 large tiles from the configuration."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.config.schema import Tile
from kiosk.i18n import N_, tr
from kiosk.ui import widgets
from kiosk.ui.screens.base import Screen, numbered
from kiosk.ui.widgets import BigButton

TITLE = N_("Que voulez-vous faire ?")


def columns_for(count: int, portrait: bool) -> int:
    if portrait:
        return 2 if count > 3 else 1
    if count <= 4:
        return 2
    if count <= 6:
        return 3
    return 4


class HomeScreen(Screen):
    name = "home"
    tile_chosen = Signal(object)  # Tile

    def __init__(self, tiles: tuple[Tile, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(50, 30, 50, 40)
        layout.setSpacing(30)
        self.title = widgets.title(self)
        layout.addWidget(self.title)
        self._grid = QGridLayout()
        self._grid.setSpacing(28)
        layout.addLayout(self._grid, 1)
        self.tiles: list[tuple[Tile, BigButton]] = []
        for tile in tiles:
            button = BigButton(tile.icon, kind="accent", vertical=True, icon_px=96, parent=self)
            button.clicked.connect(lambda _=False, t=tile: self.tile_chosen.emit(t))
            self.tiles.append((tile, button))
        self._columns = 0
        self.relayout(portrait=False)
        self.retranslate()

    def relayout(self, portrait: bool) -> None:
        columns = columns_for(len(self.tiles), portrait)
        if columns == self._columns:
            return
        self._columns = columns
        for index, (_tile, button) in enumerate(self.tiles):
            self._grid.addWidget(button, index // columns, index % columns)

    def retranslate(self) -> None:
        self.title.setText(tr(TITLE))
        for tile, button in self.tiles:
            button.set_label(tr(tile.label))

    def spoken_text(self) -> str:
        lines = [self.title.text()]
        for number, (_tile, button) in enumerate(self.tiles, start=1):
            lines.append(numbered(number, button.label()))
        return "\n".join(lines)
