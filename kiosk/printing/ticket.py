"""What a thermal ticket says: plain data, in one language, built from what the kiosk knows.

A ticket is content only. How wide the paper is and whether the printer can spell the
language with its own fonts are the printer's business (ticket_render.py), so one ticket
prints the same on a 58 mm or an 80 mm roll, as text or as an image, or as a PNG in the demo.

Builders cover what residents take away: a flow's summary or checklist (a Document), one
place of the local-help directory (address, hours, a QR code to call or find it), and the
number of a help request, in large type, that an adviser will call out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QTime

from kiosk.flows.documents import Document
from kiosk.flows.model import Place
from kiosk.i18n import N_, language, tr_in

BOX_PREFIX = "[ ] "
"""How a flow's checklist marks a thing to bring (kiosk.flows.documents)."""

PRINTED_AT = N_("Imprimé le {date} à {time}")
ADDRESS = N_("Adresse")
HOURS = N_("Horaires")
PHONE = N_("Téléphone")
HELP_TITLE = N_("Votre numéro")
HELP_TEXT = N_("Un agent va vous appeler avec ce numéro. Gardez ce ticket.")
SCAN_TO_CALL = N_("Scannez ce code avec un téléphone pour appeler.")
SCAN_TO_OPEN = N_("Scannez ce code avec un téléphone pour ouvrir la page.")


@dataclass(frozen=True)
class TicketLine:
    """One paragraph; `box` draws an empty box before it (a thing to bring, to tick)."""

    text: str
    box: bool = False


@dataclass(frozen=True)
class Ticket:
    """Everything printed on one ticket, already in the ticket's language."""

    language: str
    title: str
    lines: tuple[TicketLine, ...] = ()
    header: tuple[str, ...] = ()
    """The town hall's lines (name, address), from config; printed first, centred."""
    number: str = ""
    """A help-request number, printed in large type."""
    address: tuple[str, ...] = ()
    hours: tuple[str, ...] = ()
    phone: str = ""
    qr: str = ""
    """What the QR code holds (a tel: link, a map or web address); empty: no code."""
    qr_caption: str = ""
    printed_at: datetime = field(default_factory=datetime.now)

    def __post_init__(self) -> None:
        language(self.language)  # raises KeyError for a language the kiosk does not ship

    @property
    def right_to_left(self) -> bool:
        return language(self.language).right_to_left

    def printed_at_text(self) -> str:
        """'Imprimé le mardi 4 mars 2025 à 14:05', in the ticket's language and calendar."""
        locale = qt_locale(self.language)
        when = self.printed_at
        date = locale.toString(
            QDate(when.year, when.month, when.day), QLocale.FormatType.LongFormat
        )
        time = locale.toString(QTime(when.hour, when.minute), QLocale.FormatType.ShortFormat)
        return tr_in(self.language, PRINTED_AT).format(date=date, time=time)

    def speakable(self) -> str:
        """The ticket as one text, for Écouter before printing (receipts must be speakable)."""
        parts = [*self.header, self.title, self.number]
        parts += [line.text for line in self.lines]
        if self.address:
            parts += [tr_in(self.language, ADDRESS), *self.address]
        if self.hours:
            parts += [tr_in(self.language, HOURS), *self.hours]
        if self.phone:
            parts += [tr_in(self.language, PHONE), self.phone]
        return "\n".join(part for part in parts if part)


_QT_LOCALES = {"fr-falc": "fr_FR", "fr": "fr_FR", "fa": "fa_IR", "ps": "ps_AF", "ar": "ar"}


def qt_locale(code: str) -> QLocale:
    """The QLocale that writes dates for a shipped language (easy-to-read French is French)."""
    return QLocale(_QT_LOCALES.get(code, code))


def _lines(texts: tuple[str, ...]) -> tuple[TicketLine, ...]:
    return tuple(
        TicketLine(text.removeprefix(BOX_PREFIX), box=True)
        if text.startswith(BOX_PREFIX)
        else TicketLine(text)
        for text in texts
    )


def from_document(
    document: Document,
    language_code: str,
    header: tuple[str, ...] = (),
    now: datetime | None = None,
) -> Ticket:
    """A flow's summary (what to do next) or checklist (each thing to bring in a box)."""
    return Ticket(
        language=language_code,
        title=document.title,
        lines=_lines(document.lines),
        header=header,
        printed_at=now or datetime.now(),
    )


def tel_link(phone: str) -> str:
    """'01 23 45 67 89' → 'tel:0123456789': what a phone's camera offers to call."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def from_place(
    place: Place,
    language_code: str,
    header: tuple[str, ...] = (),
    now: datetime | None = None,
    link: str = "",
) -> Ticket:
    """One place that helps: what it helps with, its address, hours and a QR code.

    The code holds `link` (its map or website) when given, else a tel: link to its
    phone, so a resident can find or call it later without typing anything.
    """
    qr, caption = "", ""
    if link:
        qr, caption = link, tr_in(language_code, SCAN_TO_OPEN)
    elif place.phone:
        qr, caption = tel_link(place.phone), tr_in(language_code, SCAN_TO_CALL)
    helps_with = place.helps_with.get(language_code)
    return Ticket(
        language=language_code,
        title=place.name,
        lines=(TicketLine(helps_with),) if helps_with else (),
        header=header,
        address=tuple(part.strip() for part in place.address.split("\n") if part.strip()),
        hours=tuple(part for part in place.hours.get(language_code).split("\n") if part),
        phone=place.phone,
        qr=qr,
        qr_caption=caption,
        printed_at=now or datetime.now(),
    )


def help_request(
    number: int | str,
    language_code: str,
    header: tuple[str, ...] = (),
    now: datetime | None = None,
) -> Ticket:
    """The number an adviser will call out, large enough to read from a chair."""
    return Ticket(
        language=language_code,
        title=tr_in(language_code, HELP_TITLE),
        number=f"{number:03d}" if isinstance(number, int) else number,
        lines=(TicketLine(tr_in(language_code, HELP_TEXT)),),
        header=header,
        printed_at=now or datetime.now(),
    )
