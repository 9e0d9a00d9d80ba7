"""The language choice: each language by its own name, no flags."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import N_, current_language, language, tr
from kiosk.ui import widgets
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets import BigButton

TITLE = N_("Choisissez votre langue")
SPEAK_ALL = N_("Tout lire à voix haute")


class LanguageScreen(Screen):
    name = "language"
    chosen = Signal(str)
    speech_toggled = Signal()

    def __init__(self, languages: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(30)
        self.title = widgets.title(self)
        layout.addWidget(self.title)
        self._grid = QGridLayout()
        self._grid.setSpacing(24)
        layout.addLayout(self._grid, 1)
        self.language_buttons: dict[str, BigButton] = {}
        for code in languages:
            button = BigButton("langue", kind="plain", vertical=True, icon_px=32, parent=self)
            button.set_label(language(code).native_name)
            button.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
            self.language_buttons[code] = button
        # Offered on the session's first screen: who cannot read turns speech on here.
        self.speech_button = BigButton("ecouter", kind="accent", icon_px=40, parent=self)
        self.speech_button.clicked.connect(self.speech_toggled)
        self._speech_on = False
        layout.addWidget(self.speech_button)
        self._columns = 0
        self.relayout(portrait=False)
        self.retranslate()

    def mark_speech(self, on: bool) -> None:
        self._speech_on = on
        self.retranslate()

    def relayout(self, portrait: bool) -> None:
        count = len(self.language_buttons)
        if portrait:
            columns = 1 if count <= 6 else 2
        else:
            columns = 2 if count <= 4 else (3 if count <= 9 else 4)
        if columns == self._columns:
            return
        self._columns = columns
        for index, button in enumerate(self.language_buttons.values()):
            self._grid.addWidget(button, index // columns, index % columns)

    def retranslate(self) -> None:
        self.title.setText(tr(TITLE))
        label = tr(SPEAK_ALL)
        if self._speech_on:
            label = tr(N_("{label} (choisi)")).format(label=label)
        self.speech_button.set_label(label)
        self.speech_button.setProperty("selected", "true" if self._speech_on else "false")
        current = current_language()
        for code, button in self.language_buttons.items():
            button.setProperty("selected", "true" if code == current else "false")
            button.setAccessibleDescription(tr(N_("Langue choisie")) if code == current else "")
            button.style().unpolish(button)
            button.style().polish(button)

    def spoken_text(self) -> str:
        names = [f"{b.label()}" for b in self.language_buttons.values()]
        return "\n".join([self.title.text(), *names, self.speech_button.label()])
