"""Ticket content: what each builder puts on a ticket, in the ticket's language."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.flows.documents import Document
from kiosk.printing import ticket
from kiosk.printing.ticket_layout import Kind, Style, layout, paper_for
from tests._support import ticket_samples as samples

NOW = samples.NOW


def test_a_checklist_prints_each_thing_to_bring_in_a_box():
    made = ticket.from_document(samples.checklist_document(), "fr", samples.HEADER, NOW)
    assert made.title == "Demander une carte d'identité"
    assert [line.text for line in made.lines] == [
        "Une photo d'identité de moins de 6 mois",
        "Un justificatif de domicile",
        "Votre ancienne carte, si vous en avez une",
    ]
    assert all(line.box for line in made.lines)


def test_a_summary_prints_what_to_do_next_without_boxes():
    made = ticket.from_document(samples.summary_document(), "fr", (), NOW)
    assert [line.text for line in made.lines][:2] == [
        "Prenez rendez-vous en mairie.",
        "Apportez la liste et vos papiers.",
    ]
    assert not any(line.box for line in made.lines)


def test_a_place_prints_address_hours_phone_and_a_code_to_call_it():
    made = ticket.from_place(samples.place(), "en", samples.HEADER, NOW)
    assert made.title == "France services"
    assert made.address == ("1 place de la Mairie",)
    assert made.hours == ("Monday to Friday, 9 am to noon",)
    assert made.phone == "01 23 45 67 89"
    assert made.qr == "tel:0123456789"
    assert made.qr_caption


def test_a_place_with_a_link_gets_the_link_in_its_code():
    link = "https://www.openstreetmap.org/?mlat=48.85&mlon=2.35"
    made = ticket.from_place(samples.place(), "fr", (), NOW, link=link)
    assert made.qr == link
    assert made.qr_caption == "Scannez ce code avec un téléphone pour ouvrir la page."


def test_a_help_number_is_printed_large_and_padded():
    made = ticket.help_request(7, "fr", samples.HEADER, NOW)
    assert made.number == "007"
    assert ticket.help_request("B-12", "fr").number == "B-12"
    numbers = [b for b in layout(made) if b.style is Style.NUMBER]
    assert [b.text for b in numbers] == ["007"]
    assert numbers[0].centered


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("fr", ("Imprimé le mardi 4 mars 2025 à 14:05",)),
        ("fr-falc", ("mardi 4 mars 2025", "14:05")),
        ("en", ("Tuesday", "March 4, 2025")),
        ("uk", ("вівторок", "березня 2025")),
        ("tr", ("4 Mart 2025 Salı",)),
        ("ar", ("مارس", "٢٠٢٥")),
        ("fa", ("مارس", "۲۰۲۵")),
    ],
)
def test_the_date_of_printing_is_written_in_the_tickets_language(code, words):
    text = ticket.Ticket(code, "x", printed_at=NOW).printed_at_text()
    for word in words:
        assert word in text


def test_a_language_the_kiosk_does_not_ship_is_refused():
    with pytest.raises(KeyError):
        ticket.Ticket("de", "Titel")


def test_the_layout_runs_header_title_body_code_then_date():
    made = ticket.from_place(samples.place(), "fr", samples.HEADER, NOW)
    blocks = layout(made)
    assert [b.text for b in blocks[:3]] == list(samples.HEADER)
    assert blocks[0].style is Style.HEADER_BOLD and blocks[0].centered
    assert blocks[3].kind is Kind.RULE
    assert blocks[4].text == "France services" and blocks[4].style is Style.TITLE
    kinds = [b.kind for b in blocks]
    assert kinds.index(Kind.QR) > [b.text for b in blocks].index("01 23 45 67 89")
    assert blocks[-2].kind is Kind.RULE
    assert blocks[-1].text == made.printed_at_text()


def test_a_ticket_without_header_starts_with_its_title():
    made = ticket.from_document(Document("Titre", ("Ligne",)), "fr", (), NOW)
    assert layout(made)[0].text == "Titre"


def test_only_58_and_80_mm_rolls_exist():
    assert paper_for(58).dots == 384 and paper_for(58).columns == 32
    assert paper_for(80).dots == 576 and paper_for(80).columns == 48
    with pytest.raises(ValueError, match="58 or 80"):
        paper_for(57)


def test_the_ticket_can_be_read_aloud_before_it_is_printed():
    made = ticket.from_place(samples.place(), "fr", samples.HEADER, NOW)
    spoken = made.speakable()
    for part in (
        "France services",
        "Adresse",
        "1 place de la Mairie",
        "Horaires",
        "01 23 45 67 89",
    ):
        assert part in spoken


def test_printed_at_defaults_to_now():
    before = datetime.now().replace(microsecond=0)
    made = ticket.help_request(1, "fr")
    assert made.printed_at >= before
