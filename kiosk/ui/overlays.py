"""Overlays over the whole window: idle warning, end confirmation, help, display, notice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, ntr, tr
from kiosk.ui import icons, widgets
from kiosk.ui.screens.base import numbered
from kiosk.ui.theme import PALETTES
from kiosk.ui.widgets import BigButton

CLOSE = N_("Fermer")


class Overlay(QWidget):
    """A shade over the window with a card in the middle; hidden until `open()`."""

    name = "overlay"
    icon = "info"

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("OverlayShade")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 60, 60, 60)
        self.card = QFrame(self)
        self.card.setObjectName("OverlayCard")
        self.card.setMaximumWidth(1300)
        # As wide as the window allows (up to a readable 1300 px), centred; as tall as needed.
        self.card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignVCenter)
        self._outer = outer
        self.body_layout = QVBoxLayout(self.card)
        self.body_layout.setContentsMargins(50, 40, 50, 40)
        self.body_layout.setSpacing(28)
        self.picture = QLabel(self.card)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body_layout.addWidget(self.picture)
        self.title = widgets.title(self.card)
        self.body_layout.addWidget(self.title)
        self.text = widgets.text(self.card)
        self.body_layout.addWidget(self.text)
        self.row = QHBoxLayout()
        self.row.setSpacing(30)
        self.body_layout.addLayout(self.row)
        self._contrast = "standard"
        self.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The card is centred: equal margins on both sides of its readable width."""
        super().resizeEvent(event)
        side = max(60, (event.size().width() - self.card.maximumWidth()) // 2)
        self._outer.setContentsMargins(side, 60, side, 60)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab stay in the overlay: what lies under the shade cannot take focus."""
        current: QWidget = QApplication.focusWidget() or self
        widget: QWidget | None = current
        while widget is not None:
            widget = widget.nextInFocusChain() if next else widget.previousInFocusChain()
            if widget is None or widget is current:  # alone in the overlay: it keeps the focus
                return self.isAncestorOf(current)
            if (
                self.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                reason = (
                    Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
                )
                widget.setFocus(reason)
                return True
        return False

    def add_button(self, icon: str, kind: str) -> BigButton:
        button = BigButton(icon, kind=kind, parent=self.card)
        button.setMinimumWidth(300)
        self.row.addWidget(button, 1)
        return button

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.set_contrast(self._contrast)
        self.retranslate()
        self.text.setVisible(bool(self.text.text()))
        self.show()
        self.raise_()
        buttons = self.card.findChildren(BigButton)
        if buttons:
            buttons[0].setFocus()

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        self.picture.setPixmap(icons.pixmap(self.icon, PALETTES[contrast].text, 110))
        for button in self.card.findChildren(BigButton):
            button.set_contrast(contrast)

    def retranslate(self) -> None:
        """Overridden: sets every string in the session's language."""

    def spoken_text(self) -> str:
        lines = [self.title.text(), self.text.text()]
        for number, button in enumerate(self.card.findChildren(BigButton), start=1):
            lines.append(numbered(number, button.label()))
        return "\n".join(line for line in lines if line)


class IdleWarning(Overlay):
    name = "idle-warning"
    icon = "horloge"
    more_time = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.count = QLabel(self.card)
        self.count.setProperty("role", "huge")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body_layout.insertWidget(2, self.count)
        self.more = self.add_button("horloge", "accent")
        self.more.setMinimumHeight(130)
        self.more.clicked.connect(self.more_time)
        self.seconds = 0

    def set_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        self.count.setText(str(max(seconds, 0)))
        self.count.setAccessibleName(self.count.text())
        left = max(seconds, 0)
        self.text.setText(
            ntr(
                "Sans action de votre part, tout sera effacé dans {seconds} seconde.",
                "Sans action de votre part, tout sera effacé dans {seconds} secondes.",
                left,
            ).format(seconds=left)
        )

    def retranslate(self) -> None:
        self.title.setText(tr(N_("Êtes-vous toujours là ?")))
        self.more.set_label(tr(N_("J'ai besoin de plus de temps")))
        self.set_seconds(self.seconds)


class ConfirmEnd(Overlay):
    name = "confirm-end"
    icon = "terminer"
    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.no = self.add_button("non", "plain")
        self.yes = self.add_button("oui", "danger")
        self.no.clicked.connect(self.cancelled)
        self.yes.clicked.connect(self.confirmed)

    def retranslate(self) -> None:
        self.title.setText(tr(N_("Voulez-vous tout effacer et partir ?")))
        self.text.setText(
            tr(
                N_(
                    "Tout ce que vous avez fait sur la borne sera effacé. "
                    "Personne ne pourra le voir."
                )
            )
        )
        self.no.set_label(tr(N_("Non, je continue")))
        self.yes.set_label(tr(N_("Oui, tout effacer")))


class HelpPanel(Overlay):
    name = "help"
    icon = "conseiller"
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.close_button = self.add_button("oui", "accent")
        self.close_button.clicked.connect(self.closed)

    def retranslate(self) -> None:
        self.title.setText(tr(N_("Besoin d'aide ?")))
        self.text.setText(
            tr(
                N_(
                    "Un conseiller numérique de la mairie peut vous aider. "
                    "Adressez-vous à l'accueil ou levez la main. "
                    "Les boutons en haut de l'écran servent à revenir à l'accueil, "
                    "changer de langue, écouter l'écran, agrandir le texte et tout effacer."
                )
            )
        )
        self.close_button.set_label(tr(CLOSE))


class DisplayPanel(Overlay):
    """Text size (three steps) and colours (standard, high contrast or dark background)."""

    name = "display"
    icon = "texte"
    size_chosen = Signal(str)
    contrast_chosen = Signal(str)
    voice_requested = Signal()
    closed = Signal()

    SIZES = (
        ("normal", N_("Texte normal")),
        ("large", N_("Grand texte")),
        ("larger", N_("Très grand texte")),
    )
    CONTRASTS = (
        ("standard", N_("Couleurs normales")),
        ("high", N_("Contraste fort")),
        ("dark", N_("Fond sombre")),
    )

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.body_layout.setSpacing(20)  # two rows of choices: closer, to fit the largest text
        self.size_buttons: dict[str, BigButton] = {}
        sizes = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        sizes.setSpacing(20)
        for key, _label in self.SIZES:
            button = BigButton("texte", kind="plain", parent=self.card)
            button.clicked.connect(lambda _=False, k=key: self.size_chosen.emit(k))
            sizes.addWidget(button, 1)  # equal widths, whatever the words
            self.size_buttons[key] = button
        self.body_layout.insertLayout(3, sizes)
        self._rows = [sizes]
        self.contrast_buttons: dict[str, BigButton] = {}
        contrasts = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        contrasts.setSpacing(20)
        for key, _label in self.CONTRASTS:
            button = BigButton("contraste", kind="plain", parent=self.card)
            button.clicked.connect(lambda _=False, k=key: self.contrast_chosen.emit(k))
            contrasts.addWidget(button, 1)
            self.contrast_buttons[key] = button
        self.body_layout.insertLayout(4, contrasts)
        self._rows.append(contrasts)
        self.voice_button = self.add_button("ecouter", "plain")
        self.voice_button.clicked.connect(self.voice_requested)
        self.voice_button.hide()  # shown when the kiosk can speak
        self.close_button = self.add_button("oui", "accent")
        self.close_button.clicked.connect(self.closed)
        self.text_size = "normal"
        self.contrast = "standard"

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a narrow screen the choices go one under the other, each on a full line.
        narrow = event.size().width() < event.size().height()
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        for row in self._rows:
            row.setDirection(direction)
        self._fit_picture()

    def _fit_picture(self) -> None:
        """The largest text on a short screen takes the pictogram's room (the title stays)."""
        self.picture.setVisible(not (self.text_size == "larger" and self.height() < 1080))

    def mark(self, text_size: str, contrast: str) -> None:
        """Shows the current choice by a thick border and in words (not by colour)."""
        self.text_size, self.contrast = text_size, contrast
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr(N_("Taille du texte et couleurs")))
        self.text.setText("")
        for key, label in self.SIZES:
            self._select(self.size_buttons[key], tr(label), key == self.text_size)
        for key, label in self.CONTRASTS:
            self._select(self.contrast_buttons[key], tr(label), key == self.contrast)
        self.voice_button.set_label(tr(VOICE_TITLE))
        self.close_button.set_label(tr(CLOSE))
        self._fit_picture()

    @staticmethod
    def _select(button: BigButton, label: str, selected: bool) -> None:
        """The current choice is marked in words and by a thick border, not by colour."""
        text = tr(N_("{label} (choisi)")).format(label=label) if selected else label
        button.set_label(text)
        button.setProperty("selected", "true" if selected else "false")
        button.style().unpolish(button)
        button.style().polish(button)


VOICE_TITLE = N_("Volume et vitesse de la voix")


class VoicePanel(Overlay):
    """Louder or softer, slower or faster; back to the defaults after every session."""

    name = "voice"
    icon = "ecouter"
    volume_step = Signal(int)
    speed_step = Signal(int)
    closed = Signal()

    STEPS = (
        ("volume", -1, N_("Moins fort")),
        ("volume", 1, N_("Plus fort")),
        ("speed", -1, N_("Plus lent")),
        ("speed", 1, N_("Plus vite")),
    )

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.step_buttons: list[BigButton] = []
        rows = [QBoxLayout(QBoxLayout.Direction.LeftToRight) for _ in range(2)]
        for index, (what, step, _label) in enumerate(self.STEPS):
            button = BigButton("ecouter", kind="plain", parent=self.card)
            signal = self.volume_step if what == "volume" else self.speed_step
            button.clicked.connect(lambda _=False, s=signal, d=step: s.emit(d))
            rows[index // 2].addWidget(button, 1)
            self.step_buttons.append(button)
        for position, row in enumerate(rows):
            row.setSpacing(20)
            self.body_layout.insertLayout(3 + position, row)
        self.close_button = self.add_button("oui", "accent")
        self.close_button.clicked.connect(self.closed)
        self.volume = 80
        self.speed = 100

    def show_levels(self, volume: float, speed: float) -> None:
        """The levels in words (and numbers), so the change is seen as well as heard."""
        self.volume, self.speed = round(volume * 100), round(speed * 100)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr(VOICE_TITLE))
        self.text.setText(
            tr(N_("Volume : {volume} %. Vitesse : {speed} %.")).format(
                volume=self.volume, speed=self.speed
            )
        )
        for button, (_what, _step, label) in zip(self.step_buttons, self.STEPS, strict=True):
            button.set_label(tr(label))
        self.close_button.set_label(tr(CLOSE))


class Notice(Overlay):
    """A plain message with one button (for example: no speech on this kiosk yet)."""

    name = "notice"
    icon = "info"
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = ""
        self.detail = ""
        self.fields: dict[str, str] = {}
        self.close_button = self.add_button("oui", "accent")
        self.close_button.clicked.connect(self.closed)

    def show_message(
        self, message: str, icon: str = "info", detail: str = "", **fields: str
    ) -> None:
        """`message` (marked with N_) and `detail` are translated, then filled with `fields`."""
        self.message = message
        self.detail = detail
        self.fields = fields
        self.icon = icon
        self.open()

    def retranslate(self) -> None:
        self.title.setText(tr(self.message).format(**self.fields) if self.message else "")
        self.text.setText(tr(self.detail).format(**self.fields) if self.detail else "")
        self.close_button.set_label(tr(CLOSE))
