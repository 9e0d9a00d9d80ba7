"""What `kiosk print-test` puts on paper: an A4 test page and two test tickets.

The page names the printer, the kiosk and the time, shows every shipped language in its
own script and runs onto a second page (paper feed, duplex). The first ticket uses the
printer's own fonts (the languages its trusted code pages spell), the second is drawn as
an image (every language); both carry a QR code of the kiosk. French on paper, through
the catalogs like every visible string.
"""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.config.schema import Config
from kiosk.i18n import N_, tr
from kiosk.i18n.languages import LANGUAGES

FILLER_LINES = 24
TEST_PAGE_TITLE = N_("Page de test de l'imprimante")
TEST_TICKET_TITLE = N_("Ticket de test")
TEST_TEXT_TICKET = N_("Ticket de test 1/2 : texte de l'imprimante")
TEST_IMAGE_TICKET = N_("Ticket de test 2/2 : image")
PRINTER_LINE = N_("Imprimante : {name}")
KIOSK_LINE = N_("Borne : {host}")
DATE_LINE = N_("Date : {date}")
LANGUAGES_LINE = N_("Langues de la borne, chacune dans son écriture :")
SECOND_PAGE_LINE = N_(
    "Ce document a deux pages : la deuxième montre que le papier avance (ou le recto verso)."
)
FILLER_LINE = N_("Ligne de contrôle {number} : ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 àâçéèêëîôùû")
END_LINE = N_("Fin de la page de test.")


def _now_text() -> str:
    return datetime.now().strftime("%d/%m/%Y %H:%M:%S")


def test_page_lines(printer: str, host: str, when: str) -> tuple[str, ...]:
    """The test page's lines: who and when, each language in its script, then a 2nd page."""
    lines = [
        tr(PRINTER_LINE).format(name=printer),
        tr(KIOSK_LINE).format(host=host),
        tr(DATE_LINE).format(date=when),
        "",
        tr(LANGUAGES_LINE),
        *(f"{lang.native_name} ({lang.code})" for lang in LANGUAGES),
        "",
        tr(SECOND_PAGE_LINE),
        *(tr(FILLER_LINE).format(number=n) for n in range(1, FILLER_LINES + 1)),
        tr(END_LINE),
    ]
    return tuple(lines)


def write_test_page(path: Path, town_hall: str, printer: str) -> int:
    """The A4 test page as a PDF (two pages); returns its page count."""
    from kiosk.flows.documents import Document
    from kiosk.printing.a4_document import DEFAULT_FAMILIES, write_a4_pdf
    from kiosk.printing.ticket_image import load_fonts

    document = Document(
        tr(TEST_PAGE_TITLE), test_page_lines(printer, socket.gethostname(), _now_text())
    )
    return write_a4_pdf(document, path, header=town_hall, families=load_fonts() or DEFAULT_FAMILIES)


def test_tickets(config: Config, printer: str, profile: str, pages: tuple[str, ...]) -> list[Any]:
    """Two tickets: one in the printer's own fonts (Latin names its code pages spell), one
    drawn as an image (every language in its script); each with a QR code of this kiosk."""
    from kiosk.printing.ticket import Ticket, TicketLine
    from kiosk.printing.ticket_layout import layout
    from kiosk.printing.ticket_render import text_code_page

    header = (config.kiosk.town_hall_name, *config.printing.ticket_header)
    host = socket.gethostname()
    qr = f"{config.kiosk.town_hall_name} - {host}"
    who = (
        TicketLine(tr(PRINTER_LINE).format(name=printer)),
        TicketLine(tr(KIOSK_LINE).format(host=host)),
    )

    def ticket(title: str, names: list[str]) -> Ticket:
        lines = (*who, TicketLine(tr(LANGUAGES_LINE)), *(TicketLine(n) for n in names))
        return Ticket("fr", tr(title), lines, header=header, qr=qr, qr_caption=qr)

    spelled: list[str] = []
    for lang in LANGUAGES:
        candidate = ticket(TEST_TEXT_TICKET, [*spelled, lang.native_name])
        if text_code_page(layout(candidate), profile, pages) is not None:
            spelled.append(lang.native_name)
    return [
        ticket(TEST_TEXT_TICKET, spelled),
        ticket(TEST_IMAGE_TICKET, [lang.native_name for lang in LANGUAGES]),
    ]
