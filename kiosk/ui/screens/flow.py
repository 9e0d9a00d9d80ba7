"""The flow screen: one step at a time, with Retour, the step's title and "Étape 2 sur 5".

It drives a FlowRunner and asks the shell, through signals, for what lies outside the
flow: the home screen, an adviser, the end of the session, printing, a website.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.flows.documents import Document, for_step
from kiosk.flows.library import Library
from kiosk.flows.runner import FlowRunner, Outcome
from kiosk.i18n import N_, current_language, tr
from kiosk.ui import icons, widgets
from kiosk.ui.screens import steps
from kiosk.ui.screens.base import Screen, numbered
from kiosk.ui.theme import PALETTES
from kiosk.ui.widgets import BigButton

BACK = N_("Retour")
PROGRESS = N_("Étape {number} sur {total}")


class FlowScreen(Screen):
    name = "flow"
    action = Signal(str)  # home, help, finish
    print_requested = Signal(object)  # Document
    web_requested = Signal(str, str)  # url, site name
    step_shown = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner: FlowRunner | None = None
        self.print_note: Callable[[str], str] | None = None
        """Why printing is impossible now, for a document of this format ("" when it works)."""
        self._contrast = "standard"
        self._buttons: list[BigButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(50, 24, 50, 30)
        layout.setSpacing(20)
        header = QHBoxLayout()
        header.setSpacing(24)
        self.back_button = BigButton("retour", kind="plain", parent=self)
        self.back_button.setMaximumWidth(360)
        self.back_button.clicked.connect(self._on_back)
        header.addWidget(self.back_button, 0)
        self.progress = QLabel(self)
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header.addWidget(self.progress, 1)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header.addWidget(self.picture, 0)
        layout.addLayout(header)
        self.title = widgets.title(self)
        layout.addWidget(self.title)
        self.body = QWidget(self)
        layout.addWidget(self.body, 1)
        self.content_area = steps.scrolling_area(self)  # moves into each step's body
        self.content_area.hide()

    # What the shell calls

    def start(self, flow_id: str) -> None:
        self.runner = FlowRunner(self.library, flow_id)
        self.show_step()

    def clear(self) -> None:
        self.runner = None
        self._replace_body()
        self.title.setText("")
        self.progress.setText("")

    def retranslate(self) -> None:
        self.back_button.set_label(tr(BACK))
        if self.runner is not None:
            self.show_step()

    def set_contrast(self, contrast: str) -> None:
        self._contrast = contrast
        super().set_contrast(contrast)
        if self.runner is not None:
            self._paint_picture()

    # Rendering

    def show_step(self) -> None:
        runner = self.runner
        if runner is None:
            return
        language = current_language()
        step = runner.step
        self.back_button.set_label(tr(BACK))
        self.back_button.setVisible(runner.can_go_back())
        number, total = runner.progress()
        self.progress.setText(tr(PROGRESS).format(number=number, total=total))
        self.title.setText(step.title.get(language))
        self._paint_picture()
        body = self._replace_body()
        self._buttons = steps.build(step, runner, self._on_step_button, body, self.content_area)
        for button in self._buttons:
            button.set_contrast(self._contrast)
        self.mark_print_buttons()
        focus = self._buttons[0] if self._buttons else self.back_button
        focus.setFocus()
        if self.isVisible():
            self.step_shown.emit()

    def press(self, role: str, index: int) -> bool:
        """Presses the step's button of `role` and `index` (the control socket's `press`)."""
        for button in self.body.findChildren(BigButton):
            if button.property("role") == role and button.property("index") == index:
                button.click()
                return True
        return False

    def mark_print_buttons(self) -> None:
        """A print button says "Impression impossible : ..." while the printer cannot print
        (it still opens the preview, which explains and offers an adviser)."""
        if self.runner is None:
            return
        wanted = self.runner.step.format or "ticket"
        note = self.print_note(wanted) if self.print_note is not None else ""
        for button in self.body.findChildren(BigButton):
            if button.property("role") != "print":
                continue
            if button.property("ready_label") is None:
                button.setProperty("ready_label", button.label())
            button.set_label(note or str(button.property("ready_label")))
            button.set_icon("interdit" if note else "imprimer")

    def _paint_picture(self) -> None:
        if self.runner is None:
            return
        icon = self.runner.step.icon if self.runner.step.icon != "info" else self.runner.flow.icon
        self.picture.setPixmap(icons.pixmap(icon, PALETTES[self._contrast].text, 72))

    def _replace_body(self) -> QWidget:
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        old = self.body
        self.body = QWidget(self)
        layout.replaceWidget(old, self.body)
        content = self.content_area.takeWidget()
        if content is not None:
            content.setParent(old)  # deleted with the old body: a tap on it may be running
        self.content_area.setParent(self)  # kept for the next step's body
        self.content_area.hide()
        old.hide()
        old.deleteLater()
        self._buttons = []
        return self.body

    # Buttons

    def _on_back(self) -> None:
        if self.runner is not None and self.runner.can_go_back():
            self.runner.back()
            self.show_step()

    def _on_step_button(self, role: str, index: int) -> None:
        runner = self.runner
        if runner is None:
            return
        if role == "continue":
            self._follow(runner.advance())
        elif role == "choose":
            self._follow(runner.choose(index))
        elif role == "toggle":
            runner.toggle(index)
            self.show_step()
        elif role == "print":
            place = index - 1 if runner.step.type == "directory" and index > 0 else None
            self.print_requested.emit(for_step(runner, current_language(), place))
        elif role == "web":
            step = runner.step
            self.web_requested.emit(step.url or "", step.site_name or "")
        else:  # help, home, finish
            self.action.emit(role)

    def _follow(self, outcome: Outcome) -> None:
        if outcome.action is not None:
            self.action.emit(outcome.action)
            return
        self.show_step()

    def document(self) -> Document | None:
        return None if self.runner is None else for_step(self.runner, current_language())

    def spoken_text(self) -> str:
        lines = [self.progress.text(), self.title.text()]
        lines += [
            label.text()
            for label in self.body.findChildren(QLabel)
            if label.text() and not isinstance(label.parent(), BigButton)
        ]
        buttons = ([self.back_button] if self.back_button.isVisible() else []) + self._buttons
        lines += [numbered(n, b.label()) for n, b in enumerate(buttons, start=1)]
        return "\n".join(line for line in lines if line)
