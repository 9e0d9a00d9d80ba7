"""The web screen's own bar: the site's name, loading, and large Retour, A-, A+, Écouter, Imprimer.

There is no address bar and no tabs: the resident never types or sees an address, only
the service's name (from the flow), whether the page is still loading, and how big the
page is drawn, all in words beside the pictograms.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import N_, tr
from kiosk.ui import icons
from kiosk.ui.theme import PALETTES
from kiosk.ui.widgets import BigButton

BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("back", "retour", N_("Retour")),
    ("zoom_out", "zoom-moins", N_("Plus petit")),
    ("zoom_in", "zoom-plus", N_("Plus grand")),
    ("listen", "ecouter", N_("Écouter la page")),
    ("print_page", "imprimer", N_("Imprimer cette page")),
)
SITE = N_("Site : {site}")
LOADING = N_("Chargement… {percent} %")
ZOOM = N_("Taille de la page : {percent} %")


class WebToolbar(QWidget):
    back = Signal()
    zoom_out = Signal()
    zoom_in = Signal()
    listen = Signal()
    print_page = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WebToolbar")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # words that wrap on a narrow screen make it taller
        self.setSizePolicy(policy)
        self.site_name = ""
        self.zoom_percent = 100
        self.loading_percent: int | None = None
        self._contrast = "standard"
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 6, 12, 8)
        outer.setSpacing(6)
        info = QHBoxLayout()
        info.setSpacing(12)
        self.site_picture = QLabel(self)
        info.addWidget(self.site_picture, 0)
        self.site_label = QLabel(self)
        self.site_label.setObjectName("WebSite")
        self.site_label.setWordWrap(True)
        info.addWidget(self.site_label, 1)
        self.loading_picture = QLabel(self)
        info.addWidget(self.loading_picture, 0)
        self.loading_label = QLabel(self)
        self.loading_label.setObjectName("WebLoading")
        info.addWidget(self.loading_label, 0)
        self.zoom_label = QLabel(self)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
        info.addWidget(self.zoom_label, 0)
        outer.addLayout(info)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.buttons: dict[str, BigButton] = {}
        for key, icon, _label in BUTTONS:
            button = BigButton(icon, kind="plain", vertical=True, icon_px=36, parent=self)
            button.clicked.connect(getattr(self, key))
            row.addWidget(button, 1)
            self.buttons[key] = button
        outer.addLayout(row)
        self.set_contrast(self._contrast)
        self.retranslate()

    def set_site(self, name: str) -> None:
        self.site_name = name
        self.retranslate()

    def set_loading(self, percent: int | None) -> None:
        """`None` when the page has loaded; otherwise how far it is, shown in words."""
        self.loading_percent = percent
        self.retranslate()

    def set_zoom(self, percent: int, smallest: bool, largest: bool) -> None:
        self.zoom_percent = percent
        self.buttons["zoom_out"].setEnabled(not smallest)
        self.buttons["zoom_in"].setEnabled(not largest)
        self.retranslate()

    def set_actions_shown(self, shown: bool) -> None:
        """Hidden while a panel or the document viewer replaces the page: they have their own."""
        for button in self.buttons.values():
            button.setVisible(shown)
        self.zoom_label.setVisible(shown)

    def retranslate(self) -> None:
        for key, _icon, label in BUTTONS:
            self.buttons[key].set_label(tr(label))
        self.site_label.setText(tr(SITE).format(site=self.site_name) if self.site_name else "")
        loading = self.loading_percent is not None
        self.loading_label.setText(
            tr(LOADING).format(percent=self.loading_percent) if loading else ""
        )
        self.loading_label.setVisible(loading)
        self.loading_picture.setVisible(loading)
        self.zoom_label.setText(tr(ZOOM).format(percent=self.zoom_percent))

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        colour = PALETTES[contrast].text
        self.site_picture.setPixmap(icons.pixmap("site", colour, 36))
        self.loading_picture.setPixmap(icons.pixmap("chargement", colour, 36))
        for button in self.buttons.values():
            button.set_contrast(contrast)

    def shown_buttons(self) -> list[BigButton]:
        return [b for b in self.buttons.values() if b.isVisibleTo(self)]
