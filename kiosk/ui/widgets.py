"""The kiosk's building blocks: big buttons with a pictogram and words, titles, texts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QSize, Qt
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QWidget

from kiosk.ui import icons
from kiosk.ui.theme import MIN_TARGET_PX, MIN_TEXT_PT, PALETTES, SELECTED_FOCUS_BORDER_PX

DIRECTIONAL = frozenset({"retour", "terminer"})
"""Pictograms that point somewhere: mirrored in right-to-left languages."""

ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
"""Keys that press a button as Space does (keyboards, switch interfaces)."""


def _as_space(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        Qt.Key.Key_Space,
        event.modifiers(),
        " ",
        event.isAutoRepeat(),
        event.count(),
    )


class BigButton(QPushButton):
    """A large button: pictogram and text (which wraps), accessible name = the text.

    `kind` is `plain`, `accent`, `danger` or `bar` (top bar); `vertical` puts the
    pictogram above the words (tiles, top bar). Tab reaches it; Space, Enter and Return
    press it (down while the key is held, clicked when it is released).
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
        self._vertical = vertical
        self._contrast = "standard"
        self.setProperty("kind", kind)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)  # words wrap: a narrower button needs more height
        self.setSizePolicy(policy)
        self.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        direction = (
            QBoxLayout.Direction.TopToBottom if vertical else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        # Words stay clear of the thickest border (the focus on a chosen button); above and
        # below, the lines' own spacing leaves the room.
        side = SELECTED_FOCUS_BORDER_PX + 3
        layout.setContentsMargins(side, 10, side, 10)
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
        self.fit_text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QPushButton clicks on Enter only in a dialog: here Enter and Return act as Space.
        if event.key() in ENTER_KEYS:
            space = _as_space(event)
            super().keyPressEvent(space)
            event.setAccepted(space.isAccepted())
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS:
            space = _as_space(event)
            super().keyReleaseEvent(space)
            event.setAccepted(space.isAccepted())
            return
        super().keyReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # The keyboard's focus is never out of sight, even coming back with Shift+Tab into a
        # scrolled list (a tap or a new step does not scroll: the resident reads from the top).
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            parent = self.parentWidget()
            while parent is not None and not isinstance(parent, QScrollArea):
                parent = parent.parentWidget()
            if parent is not None:
                parent.ensureWidgetVisible(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange and self.icon_name in DIRECTIONAL:
            self._paint_icon()

    def fit_text(self) -> None:
        """Shrinks the words (down to MIN_TEXT_PT) when the longest one would be cut.

        Words wrap between them, but a word wider than the button cannot: with the largest
        text size on a narrow screen, "Terminer" must still read whole.
        """
        label = self.text_label
        words = label.text().split()
        if label.styleSheet():
            label.setStyleSheet("")
        if not words or self.width() <= MIN_TARGET_PX:
            return
        label.ensurePolished()
        font = QFont(label.font())
        theme_pt = font.pointSizeF()
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        available = self.width() - margins.left() - margins.right() - 8
        if not self._vertical:
            available -= self._icon_px + (layout.spacing() if layout is not None else 0)
        size = theme_pt
        while size > MIN_TEXT_PT:
            font.setPointSizeF(size)
            widest = max(QFontMetrics(font).horizontalAdvance(word) for word in words)
            if widest <= available:
                break
            size -= 1
        if size < theme_pt:
            label.setStyleSheet(f"font-size: {max(size, MIN_TEXT_PT):g}pt;")

    def set_icon(self, icon: str) -> None:
        if icon != self.icon_name:
            self.icon_name = icon
            self._paint_icon()

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
        mirrored = (
            self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            and self.icon_name in DIRECTIONAL
        )
        self.icon_label.setPixmap(icons.pixmap(self.icon_name, colour, self._icon_px, mirrored))

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else super().sizeHint()
        return hint.expandedTo(QSize(MIN_TARGET_PX, MIN_TARGET_PX))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_TARGET_PX, MIN_TARGET_PX)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return max(MIN_TARGET_PX, layout.totalHeightForWidth(width))


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
