"""What every screen has: a name, retranslation in place, and the text Écouter reads."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.i18n import N_, tr
from kiosk.ui import widgets
from kiosk.ui.widgets import BigButton


def numbered(number: int, label: str) -> str:
    """How Écouter announces a button: "Bouton 2 : Imprimer un document"."""
    return tr(N_("Bouton {number} : {label}")).format(number=number, label=label)


def message_column(
    screen: QWidget, margin: int, spacing: int
) -> tuple[QVBoxLayout, QLabel, QLabel, QLabel]:
    """The column most screens share: pictogram, title and text, centred vertically."""
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(margin, margin, margin, margin)
    layout.setSpacing(spacing)
    layout.addStretch(1)
    picture = QLabel(screen)
    picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(picture)
    title = widgets.title(screen)
    layout.addWidget(title)
    body = widgets.text(screen)
    layout.addWidget(body)
    layout.addStretch(1)
    return layout, picture, title, body


class Screen(QWidget):
    name = "screen"
    shows_top_bar = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        # Opaque: a screen may render under the current one (the shell's show_beneath).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)

    def minimumSizeHint(self) -> QSize:
        # The stack holds every screen: without this, the tallest hidden screen would set
        # the minimum and squeeze the top bar. Each screen's own fit is checked by tests.
        return QSize(0, 0)

    def retranslate(self) -> None:
        """Re-reads every visible string in the session's language."""

    def spoken_text(self) -> str:
        """What Écouter reads: title, text, then the buttons, numbered."""
        return ""

    def buttons(self) -> list[BigButton]:
        return self.findChildren(BigButton)

    def set_contrast(self, contrast: str) -> None:
        for button in self.buttons():
            button.set_contrast(contrast)
