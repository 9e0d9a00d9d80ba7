"""The tickets the golden files show, built the way the kiosk builds them (tests only).

French tickets come from the reference flows (tests/_reference/flows/valid) through the
flow runner and kiosk.flows.documents, as the print step does; right-to-left and Cyrillic
ones from short texts written in those languages (the reference flows are French only).
The date is fixed so the golden files can be compared byte for byte.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from kiosk.flows.documents import Document, for_step
from kiosk.flows.library import load_library
from kiosk.flows.model import Place
from kiosk.flows.runner import FlowRunner
from kiosk.printing import ticket
from kiosk.printing.ticket import Ticket

ROOT = Path(__file__).resolve().parents[1]
FLOWS = ROOT / "_reference" / "flows" / "valid"
GOLDEN = ROOT / "_reference" / "tickets"
NOW = datetime(2025, 3, 4, 14, 5)
HEADER = ("Mairie de Villeneuve", "1 place de la République", "01 23 45 67 00")

UPDATE = os.environ.get("KIOSK_UPDATE_GOLDEN") == "1"
"""Set to 1 to rewrite the golden files after a deliberate change of layout; review the diff."""

CHECKLISTS = {
    "ar": Document(
        "بطاقة الهوية: ما يجب إحضاره",
        ("[ ] صورة شخصية حديثة", "[ ] إثبات السكن", "خذوا موعدًا في البلدية."),
    ),
    "fa": Document(
        "کارت شناسایی: آنچه باید بیاورید",
        ("[ ] عکس جدید", "[ ] مدرک محل سکونت", "در شهرداری وقت بگیرید."),
    ),
    "uk": Document(
        "Посвідчення особи: що принести",
        ("[ ] Свіжа фотографія", "[ ] Підтвердження адреси", "Запишіться на прийом у мерії."),
    ),
}


def _carte_identite() -> FlowRunner:
    runner = FlowRunner(load_library(FLOWS), "carte-identite")
    while runner.step.type != "print":
        runner.advance()
    return runner


def checklist_document() -> Document:
    return for_step(_carte_identite(), "fr")


def summary_document() -> Document:
    runner = _carte_identite()
    runner.advance()
    return for_step(runner, "fr")


def place() -> Place:
    flow = load_library(FLOWS).get("caf-ressources")
    assert flow is not None
    return flow.step("aide").places[0]


def french_tickets() -> dict[str, Ticket]:
    """The four kinds of ticket residents take away, by golden file name."""
    return {
        "summary-fr": ticket.from_document(summary_document(), "fr", HEADER, NOW),
        "checklist-fr": ticket.from_document(checklist_document(), "fr", HEADER, NOW),
        "place-fr": ticket.from_place(place(), "fr", HEADER, NOW),
        "help-fr": ticket.help_request(42, "fr", HEADER, NOW),
    }


def checklist(language: str) -> Ticket:
    return ticket.from_document(CHECKLISTS[language], language, HEADER[:1], NOW)
