"""The body of a flow step, one builder per step type, in the session's language.

Each builder fills a fresh widget with the step's own content and buttons, and returns
the buttons in reading order (for Écouter). The flow screen around it adds the title,
progress and Retour, and connects the buttons' `role` to what they do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.model import Place, Step
from kiosk.flows.runner import FlowRunner
from kiosk.i18n import N_, current_language, tr
from kiosk.ui import widgets
from kiosk.ui.widgets import BigButton

CONTINUE = N_("Continuer")
PRINT_LIST = N_("Imprimer la liste")
PRINT = N_("Imprimer")
PRINT_PLACE = N_("Imprimer cette adresse")
OPEN_SITE = N_("Aller sur le site {site}")
CALL_ADVISER = N_("Appeler un conseiller")
HOME = N_("Retour à l'accueil")
FINISH = N_("Terminer et tout effacer")
HAVE_IT = N_("{label} (je l'ai)")
CHOSEN = N_("{label} (choisi)")
TODO = N_("Ce qu'il faut faire ensuite :")
PHONE = N_("Téléphone : {phone}")
HOURS = N_("Horaires : {hours}")
LANGUAGES = N_("Langues parlées : {languages}")

Action = Callable[[str, int], None]
"""Called with a role (continue, choose, toggle, print, web, help, home, finish) and an index."""


class _Context(NamedTuple):
    step: Step
    runner: FlowRunner
    act: Action
    holder: QWidget
    """The scrolling column's widget: the step's content goes here."""
    column: QBoxLayout
    outer: QWidget
    """The step's frame: its action buttons (Continuer...) stay at the bottom, never scrolled."""
    language: str


def _button(  # noqa: PLR0917 - every part of a step button, in reading order
    parent: QWidget, icon: str, label: str, kind: str, role: str, index: int, act: Action
) -> BigButton:
    button = BigButton(icon, kind=kind, parent=parent)
    button.set_label(label)
    button.setProperty("role", role)
    button.setProperty("index", index)
    button.clicked.connect(lambda _=False: act(role, index))
    return button


def _text_block(c: _Context) -> None:
    if c.step.text is not None:
        body = widgets.text(c.holder)
        body.setText(c.step.text.get(c.language))
        c.column.addWidget(body)


def scrolling_area(parent: QWidget) -> QScrollArea:
    """The area where a step's content scrolls by dragging a finger when it is longer than
    the screen: made once by the flow screen and given each step's column in turn.

    Once, because each QScroller.grabGesture registers a new gesture type with Qt, and
    PySide 6.12 makes (and keeps) a Python enum class for every new value it returns:
    about 2.6 KB for every step shown, when each step had its own area.
    """
    from PySide6.QtWidgets import QScroller

    scroll = QScrollArea(parent)
    scroll.setObjectName("StepContent")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return scroll


def _column(scroll: QScrollArea) -> tuple[QWidget, QBoxLayout]:
    """A new column in `scroll` for a step's content (the flow screen took the last one)."""
    scroll.setAccessibleName(tr(N_("Contenu de l'étape")))
    holder = QWidget(scroll)
    holder.setObjectName("Screen")
    column = QBoxLayout(QBoxLayout.Direction.TopToBottom, holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(20)
    scroll.setWidget(holder)
    return holder, column


def build(
    step: Step, runner: FlowRunner, act: Action, outer: QWidget, scroll: QScrollArea
) -> list[BigButton]:
    """Fills `outer` (which has no layout yet) with the body of `step`; returns its buttons.

    The content (text, options, items, places) scrolls in `scroll` (from scrolling_area,
    empty: it moves into `outer`) when it is longer than the screen; the action buttons
    stay below it, always in view.
    """
    layout = QVBoxLayout(outer)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(20)
    layout.addWidget(scroll, 1)
    scroll.show()
    holder, column = _column(scroll)
    context = _Context(step, runner, act, holder, column, outer, current_language())
    _text_block(context)
    content, actions = _BUILDERS[step.type](context)
    column.addStretch(1)
    if actions:
        row = QHBoxLayout()
        row.setSpacing(24)
        for button in actions:
            row.addWidget(button, 1)
        layout.addLayout(row)
    return content + actions


Built = tuple[list[BigButton], list[BigButton]]


def _info(c: _Context) -> Built:
    return [], [_button(c.outer, "oui", tr(CONTINUE), "accent", "continue", 0, c.act)]


def _choice(c: _Context) -> Built:
    grid = QGridLayout()
    grid.setSpacing(24)
    count = len(c.step.options)
    columns = 2 if count in (2, 4) else 3
    if c.outer.window().height() > c.outer.window().width():
        columns = 1 if count <= 3 else 2
    chosen = c.runner.chosen()
    buttons = []
    for index, option in enumerate(c.step.options):
        label = option.label.get(c.language)
        if index == chosen:
            label = tr(CHOSEN).format(label=label)
        button = BigButton(option.icon, kind="accent", vertical=True, icon_px=64, parent=c.holder)
        button.set_label(label)
        button.setProperty("role", "choose")
        button.setProperty("index", index)
        button.clicked.connect(lambda _=False, i=index: c.act("choose", i))
        button.setMinimumHeight(180)
        button.setProperty("selected", "true" if index == chosen else "false")
        grid.addWidget(button, index // columns, index % columns)
        buttons.append(button)
    for column in range(columns):
        grid.setColumnStretch(column, 1)  # equal widths, whatever the words
    c.column.addLayout(grid)
    return buttons, []


def _checklist(c: _Context) -> Built:
    ticked = c.runner.checked.get(c.runner.position, frozenset())
    buttons = []
    for index, item in enumerate(c.step.items):
        label = item.get(c.language)
        done = index in ticked
        text = tr(HAVE_IT).format(label=label) if done else label
        icon = "oui" if done else "liste"
        button = _button(c.holder, icon, text, "plain", "toggle", index, c.act)
        button.setProperty("selected", "true" if done else "false")
        c.column.addWidget(button)
        buttons.append(button)
    actions = [
        _button(c.outer, "imprimer", tr(PRINT_LIST), "plain", "print", 0, c.act),
        _button(c.outer, "oui", tr(CONTINUE), "accent", "continue", 0, c.act),
    ]
    return buttons, actions


def _web(c: _Context) -> Built:
    site = c.step.site_name or ""
    return [], [
        _button(c.outer, "site", tr(OPEN_SITE).format(site=site), "accent", "web", 0, c.act),
        _button(c.outer, "oui", tr(CONTINUE), "plain", "continue", 0, c.act),
    ]


def _print(c: _Context) -> Built:
    return [], [
        _button(c.outer, "imprimer", tr(PRINT), "accent", "print", 0, c.act),
        _button(c.outer, "oui", tr(CONTINUE), "plain", "continue", 0, c.act),
    ]


def _place_card(place: Place, language: str, parent: QWidget) -> QFrame:
    card = QFrame(parent)
    card.setObjectName("PlaceCard")
    box = QVBoxLayout(card)
    box.setContentsMargins(20, 16, 20, 16)
    box.setSpacing(6)
    lines = [
        (place.name, "subtitle"),
        (place.helps_with.get(language), ""),
        (place.address, ""),
        (tr(HOURS).format(hours=place.hours.get(language)), ""),
    ]
    if place.phone:
        lines.append((tr(PHONE).format(phone=place.phone), ""))
    lines.append((tr(LANGUAGES).format(languages=", ".join(place.languages)), ""))
    for words, role in lines:
        label = QLabel(words, card)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if role:
            label.setProperty("role", role)
        box.addWidget(label)
    return card


def _directory(c: _Context) -> Built:
    buttons = []
    for index, place in enumerate(c.step.places, start=1):
        c.column.addWidget(_place_card(place, c.language, c.holder))
        # One place on a ticket: its address, hours and a QR code to call it.
        button = _button(c.holder, "imprimer", tr(PRINT_PLACE), "plain", "print", index, c.act)
        c.column.addWidget(button)
        buttons.append(button)
    return buttons, [
        _button(c.outer, "imprimer", tr(PRINT), "plain", "print", 0, c.act),
        _button(c.outer, "oui", tr(CONTINUE), "accent", "continue", 0, c.act),
    ]


def _help(c: _Context) -> Built:
    return [], [
        _button(c.outer, "conseiller", tr(CALL_ADVISER), "accent", "help", 0, c.act),
        _button(c.outer, "oui", tr(CONTINUE), "plain", "continue", 0, c.act),
    ]


def _end(c: _Context) -> Built:
    if c.step.todo:
        heading = widgets.text(c.holder)
        heading.setText(tr(TODO))
        heading.setProperty("role", "subtitle")
        c.column.addWidget(heading)
        for item in c.step.todo:
            line = widgets.text(c.holder)
            line.setText("• " + item.get(c.language))
            line.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            c.column.addWidget(line)
    return [], [
        _button(c.outer, "imprimer", tr(PRINT), "plain", "print", 0, c.act),
        _button(c.outer, "accueil", tr(HOME), "plain", "home", 0, c.act),
        _button(c.outer, "terminer", tr(FINISH), "danger", "finish", 0, c.act),
    ]


_BUILDERS = {
    "info": _info,
    "choice": _choice,
    "checklist": _checklist,
    "web": _web,
    "print": _print,
    "directory": _directory,
    "help": _help,
    "end": _end,
}
