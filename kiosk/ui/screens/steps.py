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
    parent: QWidget
    layout: QVBoxLayout
    language: str


def _button(  # noqa: PLR0917 - every part of a step button, in reading order
    parent: QWidget, icon: str, label: str, kind: str, role: str, index: int, act: Action
) -> BigButton:
    button = BigButton(icon, kind=kind, parent=parent)
    button.set_label(label)
    button.setProperty("role", role)
    button.clicked.connect(lambda _=False: act(role, index))
    return button


def _row(parent: QWidget, layout: QVBoxLayout, buttons: list[BigButton]) -> None:
    row = QHBoxLayout()
    row.setSpacing(24)
    for button in buttons:
        row.addWidget(button, 1)
    layout.addLayout(row)


def _text_block(parent: QWidget, layout: QVBoxLayout, step: Step, language: str) -> None:
    if step.text is not None:
        body = widgets.text(parent)
        body.setText(step.text.get(language))
        layout.addWidget(body)


def build(step: Step, runner: FlowRunner, act: Action, parent: QWidget) -> list[BigButton]:
    """Fills `parent` (which has no layout yet) with the body of `step`."""
    language = current_language()
    layout = QVBoxLayout(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(24)
    builder = _BUILDERS[step.type]
    return builder(_Context(step, runner, act, parent, layout, language))


def _info(c: _Context) -> list[BigButton]:
    step, _runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    layout.addStretch(1)
    buttons = [_button(parent, "oui", tr(CONTINUE), "accent", "continue", 0, act)]
    _row(parent, layout, buttons)
    return buttons


def _choice(c: _Context) -> list[BigButton]:
    step, runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    grid = QGridLayout()
    grid.setSpacing(24)
    columns = 2 if len(step.options) in (2, 4) else 3
    if parent.window().height() > parent.window().width():
        columns = 1 if len(step.options) <= 3 else 2
    chosen = runner.chosen()
    buttons = []
    for index, option in enumerate(step.options):
        label = option.label.get(language)
        if index == chosen:
            label = tr(CHOSEN).format(label=label)
        button = BigButton(option.icon, kind="accent", vertical=True, icon_px=64, parent=parent)
        button.set_label(label)
        button.setProperty("role", "choose")
        button.clicked.connect(lambda _=False, i=index: act("choose", i))
        button.setMaximumHeight(320)
        button.setProperty("selected", "true" if index == chosen else "false")
        grid.addWidget(button, index // columns, index % columns)
        buttons.append(button)
    layout.addLayout(grid, 1)
    return buttons


def _checklist(c: _Context) -> list[BigButton]:
    step, runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    ticked = runner.checked.get(runner.position, frozenset())
    buttons = []
    items = QGridLayout()
    items.setSpacing(16)
    columns = 1 if parent.window().height() > parent.window().width() or len(step.items) <= 3 else 2
    for index, item in enumerate(step.items):
        label = item.get(language)
        done = index in ticked
        text = tr(HAVE_IT).format(label=label) if done else label
        button = _button(parent, "oui" if done else "liste", text, "plain", "toggle", index, act)
        button.setProperty("selected", "true" if done else "false")
        items.addWidget(button, index // columns, index % columns)
        buttons.append(button)
    layout.addLayout(items, 1)
    actions = [
        _button(parent, "imprimer", tr(PRINT_LIST), "plain", "print", 0, act),
        _button(parent, "oui", tr(CONTINUE), "accent", "continue", 0, act),
    ]
    _row(parent, layout, actions)
    return buttons + actions


def _web(c: _Context) -> list[BigButton]:
    step, _runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    layout.addStretch(1)
    site = step.site_name or ""
    buttons = [
        _button(parent, "site", tr(OPEN_SITE).format(site=site), "accent", "web", 0, act),
        _button(parent, "oui", tr(CONTINUE), "plain", "continue", 0, act),
    ]
    _row(parent, layout, buttons)
    return buttons


def _print(c: _Context) -> list[BigButton]:
    step, _runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    layout.addStretch(1)
    buttons = [
        _button(parent, "imprimer", tr(PRINT), "accent", "print", 0, act),
        _button(parent, "oui", tr(CONTINUE), "plain", "continue", 0, act),
    ]
    _row(parent, layout, buttons)
    return buttons


def _place_card(place: Place, language: str, parent: QWidget) -> QFrame:
    card = QFrame(parent)
    card.setObjectName("PlaceCard")
    box = QVBoxLayout(card)
    box.setContentsMargins(20, 16, 20, 16)
    box.setSpacing(6)
    lines = [
        (place.name, "title"),
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
            label.setProperty("role", "subtitle")
        box.addWidget(label)
    return card


def _directory(c: _Context) -> list[BigButton]:
    step, _runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    scroll = QScrollArea(parent)
    scroll.setObjectName("Places")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    holder = QWidget(scroll)
    holder.setObjectName("Screen")
    cards = QBoxLayout(QBoxLayout.Direction.TopToBottom, holder)
    cards.setSpacing(16)
    for place in step.places:
        cards.addWidget(_place_card(place, language, holder))
    cards.addStretch(1)
    scroll.setWidget(holder)
    _touch_scrolling(scroll)
    layout.addWidget(scroll, 1)
    buttons = [
        _button(parent, "imprimer", tr(PRINT), "plain", "print", 0, act),
        _button(parent, "oui", tr(CONTINUE), "accent", "continue", 0, act),
    ]
    _row(parent, layout, buttons)
    return buttons


def _touch_scrolling(scroll: QScrollArea) -> None:
    from PySide6.QtWidgets import QScroller

    QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)


def _help(c: _Context) -> list[BigButton]:
    step, _runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    layout.addStretch(1)
    buttons = [
        _button(parent, "conseiller", tr(CALL_ADVISER), "accent", "help", 0, act),
        _button(parent, "oui", tr(CONTINUE), "plain", "continue", 0, act),
    ]
    _row(parent, layout, buttons)
    return buttons


def _end(c: _Context) -> list[BigButton]:
    step, _runner, act, parent, layout, language = c
    _text_block(parent, layout, step, language)
    if step.todo:
        heading = widgets.text(parent)
        heading.setText(tr(TODO))
        heading.setProperty("role", "subtitle")
        layout.addWidget(heading)
        for item in step.todo:
            line = widgets.text(parent)
            line.setText("• " + item.get(language))
            line.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(line)
    layout.addStretch(1)
    buttons = [
        _button(parent, "imprimer", tr(PRINT), "plain", "print", 0, act),
        _button(parent, "accueil", tr(HOME), "plain", "home", 0, act),
        _button(parent, "terminer", tr(FINISH), "danger", "finish", 0, act),
    ]
    _row(parent, layout, buttons)
    return buttons


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
