"""The kiosk's file picker for a site's upload field: only this session's downloads.

Qt's default opens the machine's file dialog, where a resident could browse the disk and
see what others left. Here the page's `file_chooser` callback shows an overlay listing
only the files downloaded during this session (name, size, pictogram); nothing else on the
machine can be chosen. Chromium asks synchronously, so `choose()` runs a local event loop
while the overlay shows; it always ends: on a choice, Annuler, the overlay being hidden
(the shell closes overlays on Accueil, the idle warning or the wipe) or `cancel()` (the
session's page closing).
"""

from __future__ import annotations

import fnmatch
import logging
import mimetypes
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.i18n import N_, tr
from kiosk.ui.overlays import Overlay
from kiosk.ui.screens.base import numbered
from kiosk.ui.widgets import BigButton

log = logging.getLogger(__name__)

TITLE = N_("Choisissez le document à envoyer")
TEXT = N_("Seuls les documents téléchargés pendant cette séance sont proposés.")
NONE_TITLE = N_("Aucun document de cette séance ne peut être envoyé ici")
NONE_TEXT = N_(
    "La borne n'envoie que les documents téléchargés sur cette borne pendant votre séance. "
    "Vos autres documents n'y sont pas : un conseiller de la mairie peut vous aider."
)
LIST_NAME = N_("Documents de cette séance")
CANCEL = N_("Annuler")
OK = N_("OK")
FILE_LINE = N_("{name} ({size})")


def kind_of(path: Path) -> str:
    """The pictogram of a file's type: a PDF, a picture, or any other document."""
    mime, _encoding = mimetypes.guess_type(path.name)
    if mime == "application/pdf":
        return "document-pdf"
    if mime is not None and mime.startswith("image/"):
        return "image"
    return "fichier"


def accepts(path: Path, accepted: Sequence[str]) -> bool:
    """Whether an `<input accept=...>` list takes `path` (".pdf", "image/*", "application/pdf")."""
    wanted = [item.strip().lower() for item in accepted if item.strip()]
    if not wanted:
        return True
    mime = (mimetypes.guess_type(path.name)[0] or "").lower()
    suffix = path.suffix.lower()
    for item in wanted:
        if item.startswith("."):
            if suffix == item:
                return True
        elif fnmatch.fnmatchcase(mime, item):
            return True
    return False


class FilePicker(Overlay):
    """Over the whole window; `choose()` returns the chosen paths, or [] for none."""

    name = "file-picker"
    icon = "envoyer"
    opened = Signal()  # shown, its local event loop about to run
    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        self._loop: QEventLoop | None = None  # before the base hides the overlay
        super().__init__(parent)
        self.files: list[Path] = []
        self._chosen: list[str] = []
        area = QScrollArea(self.card)
        area.setObjectName("StepContent")
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.list_holder = QWidget(area)
        self.list_layout = QVBoxLayout(self.list_holder)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(16)
        area.setWidget(self.list_holder)
        area.setMaximumHeight(480)
        self.list_area = area
        self.body_layout.insertWidget(3, area, 1)
        self.file_buttons: list[BigButton] = []
        self.cancel_button = self.add_button("non", "plain")
        self.cancel_button.clicked.connect(self.cancel)

    # What the web screen calls

    def choose(self, files: Sequence[Path], accepted: Sequence[str] = ()) -> list[str]:
        """Shows the session's `files` that the field accepts; blocks until one is chosen."""
        if self._loop is not None:
            return []  # one picker at a time: a second request gets no file
        self.show_files(files, accepted)
        loop = QEventLoop()
        self._loop = loop
        self.opened.emit()
        loop.exec()
        self._loop = None
        chosen, self._chosen = self._chosen, []
        self.files = []
        self._fill()
        log.info("file picker closed: %d file(s) chosen", len(chosen))
        return chosen

    def show_files(self, files: Sequence[Path], accepted: Sequence[str] = ()) -> None:
        """Opens the overlay on the files the field takes (`choose()` then waits)."""
        self.files = [f for f in files if f.is_file() and accepts(f, accepted)]
        self._chosen = []
        self._fill()
        self.open()

    def is_choosing(self) -> bool:
        return self._loop is not None

    def cancel(self) -> None:
        """Ends the picker with no file (Annuler, OK, the page closing, the wipe)."""
        self._finish([])

    # Inside

    def _finish(self, chosen: list[str]) -> None:
        self._chosen = chosen
        if self.isVisible():
            self.hide()  # hideEvent ends the loop
        elif self._loop is not None:
            self._loop.quit()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self._loop is not None:
            self._loop.quit()
            self.finished.emit()

    def _fill(self) -> None:
        for button in self.file_buttons:
            self.list_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.file_buttons = []
        for path in self.files:
            button = BigButton(kind_of(path), kind="accent", parent=self.list_holder)
            button.clicked.connect(lambda _=False, p=path: self._finish([str(p)]))
            button.set_contrast(self._contrast)
            self.list_layout.addWidget(button)
            self.file_buttons.append(button)
        self.list_area.setVisible(bool(self.files))
        self.retranslate()

    def retranslate(self) -> None:
        self.list_area.setAccessibleName(tr(LIST_NAME))
        if self.files:
            self.title.setText(tr(TITLE))
            self.text.setText(tr(TEXT))
        else:
            self.title.setText(tr(NONE_TITLE))
            self.text.setText(tr(NONE_TEXT))
        locale = QLocale()
        for path, button in zip(self.files, self.file_buttons, strict=True):
            size = path.stat().st_size if path.exists() else 0
            button.set_label(
                tr(FILE_LINE).format(name=path.name, size=locale.formattedDataSize(size))
            )
        self.cancel_button.set_label(tr(CANCEL if self.files else OK))
        self.cancel_button.icon_name = "non" if self.files else "oui"
        self.cancel_button.set_contrast(self._contrast)

    def spoken_text(self) -> str:
        lines = [self.title.text(), self.text.text()]
        buttons = [*self.file_buttons, self.cancel_button]
        lines += [numbered(n, b.label()) for n, b in enumerate(buttons, start=1)]
        return "\n".join(line for line in lines if line)
