"""The kiosk's building blocks: big buttons with a pictogram and words, titles, texts."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.ui import icons
from kiosk.ui.theme import MIN_TARGET_PX, PALETTES


class BigButton(QPushButton):
    """A large button: pictogram and text (which wraps), accessible name = the text.

    `kind` is `plain`, `accent`, `danger` or `bar` (top bar); `vertical` puts the
    pictogram above the words (tiles, top bar).
    """

    def __init__(
        self,
        icon: str,
        *,
        kind: str = "plain",
        vertical: bool = False,
        icon_px: int = 48,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.icon_name = icon
        self.kind = kind
        self._icon_px = icon_px
        self._contrast = "standard"
        self.setProperty("kind", kind)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        direction = (
            QBoxLayout.Direction.TopToBottom if vertical else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6 if vertical else 16)
        self.icon_label = QLabel(self)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        align = Qt.AlignmentFlag.AlignCenter if vertical else Qt.AlignmentFlag.AlignVCenter
        self.text_label.setAlignment(align)
        for child in (self.icon_label, self.text_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if vertical:
            layout.addStretch(1)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.text_label, 0 if vertical else 1)
        if vertical:
            layout.addStretch(1)
        self._paint_icon()

    def set_label(self, text: str) -> None:
        self.text_label.setText(text)
        self.setAccessibleName(text)
        self.setToolTip("")

    def label(self) -> str:
        return self.text_label.text()

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        self._paint_icon()

    def _paint_icon(self) -> None:
        palette = PALETTES[self._contrast]
        colour = {
            "accent": palette.accent_text,
            "danger": palette.danger_text,
            "bar": palette.bar_text,
        }.get(self.kind, palette.button_text)
        mirrored = self.layoutDirection() == Qt.LayoutDirection.RightToLeft and self.icon_name in {
            "retour"
        }
        self.icon_label.setPixmap(icons.pixmap(self.icon_name, colour, self._icon_px, mirrored))

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else super().sizeHint()
        return hint.expandedTo(QSize(MIN_TARGET_PX, MIN_TARGET_PX))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_TARGET_PX, MIN_TARGET_PX)


def title(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def text(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
