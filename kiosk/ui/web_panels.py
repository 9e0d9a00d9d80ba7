"""What replaces the page when it cannot be shown, and the bar that offers a download.

Chromium's error pages are off (kiosk/web/settings.py): they are in the browser's words
and language and offer things a kiosk must not. These panels say the same in plain words,
in the resident's language, with a pictogram and only the ways out that make sense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import N_, tr
from kiosk.ui import icons, widgets
from kiosk.ui.screens.base import numbered
from kiosk.ui.theme import PALETTES
from kiosk.ui.widgets import BigButton

RETRY = N_("Réessayer")
BACK = N_("Retour")
HOME = N_("Accueil")
SEE = N_("Voir")
PRINT = N_("Imprimer")
CLOSE = N_("Fermer")


@dataclass(frozen=True)
class Problem:
    """One kind of trouble: its pictogram, its words and the buttons it offers."""

    icon: str
    title: str
    text: str
    buttons: tuple[str, ...]
    """Among "retry", "back" and "home", in reading order."""
    refused_link: bool = False
    """A link was refused: the page where the resident was is still there (Retour)."""
    noted: bool = False
    """Shows what the link wanted (a number, an address) for the resident to note."""


PROBLEMS: dict[str, Problem] = {
    "site": Problem(
        "interdit",
        N_("Ce site n'est pas disponible sur cette borne"),
        N_(
            "Cette borne n'ouvre que les sites officiels prévus pour votre démarche. "
            "Touchez Retour pour revenir à la page où vous étiez."
        ),
        ("back",),
        refused_link=True,
    ),
    "scheme": Problem(
        "interdit",
        N_("Ce site n'est pas disponible sur cette borne"),
        N_(
            "Ce lien veut ouvrir une autre application (courriel, téléphone, fichier), "
            "qui n'existe pas sur cette borne. Touchez Retour pour revenir à la page "
            "où vous étiez."
        ),
        ("back",),
        refused_link=True,
    ),
    "phone": Problem(
        "telephone",
        N_("Cette borne ne peut pas téléphoner"),
        N_("Pour appeler, notez ce numéro et appelez avec votre téléphone :"),
        ("back",),
        refused_link=True,
        noted=True,
    ),
    "mail": Problem(
        "email",
        N_("Cette borne ne peut pas envoyer de courriel"),
        N_("Pour écrire, notez cette adresse et écrivez depuis votre messagerie :"),
        ("back",),
        refused_link=True,
        noted=True,
    ),
    "network": Problem(
        "sans-internet",
        N_("La connexion internet est coupée"),
        N_(
            "La page n'a pas pu s'ouvrir. Attendez un peu, puis touchez Réessayer. "
            "Si cela continue, demandez à un conseiller de la mairie."
        ),
        ("retry", "home"),
    ),
    "server": Problem(
        "serveur-en-panne",
        N_("Le site a un problème"),
        N_(
            "Le site ne répond pas comme il faut. Ce n'est pas de votre faute. "
            "Touchez Réessayer dans quelques minutes, ou revenez plus tard."
        ),
        ("retry", "home"),
    ),
    "certificate": Problem(
        "certificat",
        N_("La borne refuse d'ouvrir ce site"),
        N_(
            "La borne n'a pas pu vérifier que ce site est bien le site officiel. Pour "
            "protéger vos informations, il ne sera pas ouvert. Demandez à un conseiller "
            "de la mairie."
        ),
        ("back", "home"),
    ),
    "crashed": Problem(
        "page-en-panne",
        N_("La page s'est arrêtée"),
        N_("Ce n'est pas de votre faute. Touchez Réessayer pour l'ouvrir à nouveau."),
        ("retry", "home"),
    ),
    "hung": Problem(
        "sablier",
        N_("La page ne répond plus"),
        N_("Ce n'est pas de votre faute. Touchez Réessayer pour l'ouvrir à nouveau."),
        ("retry", "home"),
    ),
    "auth": Problem(
        "cadenas",
        N_("Ce site demande un identifiant que la borne ne peut pas utiliser"),
        N_(
            "Cette page demande un accès réservé. Touchez Retour pour revenir à la page "
            "où vous étiez, ou demandez à un conseiller de la mairie."
        ),
        ("back", "home"),
    ),
}

BUTTONS: dict[str, tuple[str, str, str]] = {
    "retry": ("reessayer", "accent", RETRY),
    "back": ("retour", "plain", BACK),
    "home": ("accueil", "plain", HOME),
}


class ProblemPanel(QWidget):
    """Shown instead of the page: a pictogram, a title, a plain explanation and buttons."""

    retry = Signal()
    back = Signal()
    home = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProblemPanel")
        self.reason = "network"
        self.noted = ""
        """The number or address shown to be noted ("" when there is none)."""
        self._contrast = "standard"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(30)
        layout.addStretch(1)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture)
        self.title = widgets.title(self)
        layout.addWidget(self.title)
        self.text = widgets.text(self)
        layout.addWidget(self.text)
        self.detail = widgets.title(self)  # the number or address to note, large
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.detail.hide()
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        row.setSpacing(30)
        self._row = row
        self.buttons: dict[str, BigButton] = {}
        for key, (icon, kind, _label) in BUTTONS.items():
            button = BigButton(icon, kind=kind, parent=self)
            button.setMinimumWidth(300)
            button.setMaximumWidth(600)
            button.clicked.connect(getattr(self, key))
            row.addWidget(button, 1)
            self.buttons[key] = button
        layout.addLayout(row)
        layout.addStretch(1)

    def show_problem(self, reason: str, detail: str = "") -> None:
        """Words and buttons for `reason` (a blocked reason or a failure); unknown is network.

        `detail`: what the resident should note (a phone number, an e-mail address), shown
        only for the problems that have one to note."""
        self.reason = reason if reason in PROBLEMS else "network"
        # Kept left to right inside right-to-left text (an isolate: "+33 1 23" stays whole);
        # a long address may break after its "@" or a dot (zero-width spaces, never read).
        detail = detail if PROBLEMS[self.reason].noted else ""
        self.noted = detail
        breakable = re.sub(r"([@./-])", "\\1\u200b", detail)
        self.detail.setText(f"\u2066{breakable}\u2069" if detail else "")
        self.detail.setVisible(bool(detail))
        problem = PROBLEMS[self.reason]
        for key in BUTTONS:  # the problem's buttons only, in its reading order
            self.buttons[key].setVisible(key in problem.buttons)
            self._row.removeWidget(self.buttons[key])
        for key in problem.buttons:
            self._row.addWidget(self.buttons[key], 1)
        self.set_contrast(self._contrast)
        self.retranslate()

    def shown_buttons(self) -> list[BigButton]:
        return [self.buttons[key] for key in PROBLEMS[self.reason].buttons]

    def retranslate(self) -> None:
        problem = PROBLEMS[self.reason]
        self.title.setText(tr(problem.title))
        self.text.setText(tr(problem.text))
        for key, (_icon, _kind, label) in BUTTONS.items():
            self.buttons[key].set_label(tr(label))

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        icon = PROBLEMS[self.reason].icon
        self.picture.setPixmap(icons.pixmap(icon, PALETTES[contrast].text, 140))
        for button in self.buttons.values():
            button.set_contrast(contrast)

    def spoken_text(self) -> str:
        lines = [self.title.text(), self.text.text(), self.noted]
        lines += [numbered(n, b.label()) for n, b in enumerate(self.shown_buttons(), start=1)]
        return "\n".join(line for line in lines if line)


READY = N_("Votre document est prêt")
READY_PDF = N_("Vous pouvez le voir ou l'imprimer.")
READY_OTHER = N_(
    "Ce type de document ne peut pas être affiché ici, mais vous pourrez l'envoyer "
    "sur le site si on vous le demande."
)
FAILED = N_("Le document n'a pas pu être téléchargé")
FAILED_TEXT = N_("Touchez de nouveau le lien sur la page pour réessayer.")


class DownloadBar(QFrame):
    """Under the page once a download has finished: Voir and Imprimer (a PDF), or Fermer."""

    see = Signal()
    print_ = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DownloadBar")
        self.state = "pdf"  # pdf, other or failed
        self._contrast = "standard"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(20)
        self.picture = QLabel(self)
        layout.addWidget(self.picture, 0)
        words = QVBoxLayout()
        words.setSpacing(4)
        self.title = QLabel(self)
        self.title.setProperty("role", "subtitle")
        self.title.setWordWrap(True)
        words.addWidget(self.title)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        words.addWidget(self.text)
        layout.addLayout(words, 1)
        self.see_button = BigButton("voir", kind="accent", parent=self)
        self.print_button = BigButton("imprimer", kind="accent", parent=self)
        self.close_button = BigButton("non", kind="plain", parent=self)
        for button, signal in (
            (self.see_button, self.see),
            (self.print_button, self.print_),
            (self.close_button, self.dismissed),
        ):
            button.setMaximumWidth(340)
            button.clicked.connect(signal)
            layout.addWidget(button, 0)
        self.hide()

    def show_state(self, state: str) -> None:
        """`pdf` (Voir, Imprimer, Fermer), `other` or `failed` (Fermer only)."""
        self.state = state
        self.see_button.setVisible(state == "pdf")
        self.print_button.setVisible(state == "pdf")
        self.set_contrast(self._contrast)
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        title, text = {
            "pdf": (READY, READY_PDF),
            "other": (READY, READY_OTHER),
            "failed": (FAILED, FAILED_TEXT),
        }[self.state]
        self.title.setText(tr(title))
        self.text.setText(tr(text))
        self.see_button.set_label(tr(SEE))
        self.print_button.set_label(tr(PRINT))
        self.close_button.set_label(tr(CLOSE))

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        icon = "hors-service" if self.state == "failed" else "document-pret"
        self.picture.setPixmap(icons.pixmap(icon, PALETTES[contrast].text, 64))
        for button in self.findChildren(BigButton):
            button.set_contrast(contrast)

    def shown_buttons(self) -> list[BigButton]:
        shown = (self.see_button, self.print_button, self.close_button)
        return [b for b in shown if b.isVisibleTo(self)]

    def spoken_text(self) -> str:
        lines = [self.title.text(), self.text.text()]
        lines += [numbered(n, b.label()) for n, b in enumerate(self.shown_buttons(), start=1)]
        return "\n".join(line for line in lines if line)
