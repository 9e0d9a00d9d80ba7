"""The order and weight of what a ticket prints, decided once for every way of printing it.

The printer's own fonts (text mode), a Qt image (scripts the printer cannot spell) and the
demo's PNG all follow these blocks, so a ticket looks the same whichever way it comes out:
the town hall's header, a rule, the title, the help number in large type, the lines
(boxes to tick for a checklist), address, hours and phone under labels, the QR code with
its caption, a rule and the date of printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kiosk.i18n import tr_in
from kiosk.printing.ticket import ADDRESS, HOURS, PHONE, Ticket


@dataclass(frozen=True)
class Paper:
    """A roll width: printable dots at 203 dpi, and characters per line in font A (12 dots)."""

    mm: int
    dots: int
    columns: int


PAPER_58 = Paper(58, 384, 32)
PAPER_80 = Paper(80, 576, 48)


def paper_for(mm: int) -> Paper:
    """The roll for a width from config; anything else is refused at start-up, not at print."""
    for paper in (PAPER_58, PAPER_80):
        if paper.mm == mm:
            return paper
    raise ValueError(f"ticket paper must be 58 or 80 mm, not {mm}")


class Style(Enum):
    HEADER = "header"
    HEADER_BOLD = "header-bold"
    TITLE = "title"
    NUMBER = "number"
    BODY = "body"
    LABEL = "label"
    SMALL = "small"


class Kind(Enum):
    TEXT = "text"
    RULE = "rule"
    GAP = "gap"
    QR = "qr"


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    style: Style = Style.BODY
    centered: bool = False
    box: bool = False


def _text(text: str, style: Style = Style.BODY, centered: bool = False, box: bool = False) -> Block:
    return Block(Kind.TEXT, text, style, centered, box)


def layout(ticket: Ticket) -> list[Block]:
    """The ticket as blocks, top to bottom."""
    code = ticket.language
    blocks = [
        _text(line, Style.HEADER_BOLD if i == 0 else Style.HEADER, centered=True)
        for i, line in enumerate(ticket.header)
    ]
    if blocks:
        blocks.append(Block(Kind.RULE))
    blocks.append(_text(ticket.title, Style.TITLE))
    if ticket.number:
        blocks.append(_text(ticket.number, Style.NUMBER, centered=True))
    blocks.append(Block(Kind.GAP))
    for line in ticket.lines:
        blocks.append(_text(line.text, box=line.box) if line.text else Block(Kind.GAP))
    for label, values in (
        (ADDRESS, ticket.address),
        (HOURS, ticket.hours),
        (PHONE, (ticket.phone,) if ticket.phone else ()),
    ):
        if values:
            blocks += [Block(Kind.GAP), _text(tr_in(code, label), Style.LABEL)]
            blocks += [_text(value) for value in values]
    if ticket.qr:
        blocks += [Block(Kind.GAP), Block(Kind.QR, ticket.qr, centered=True)]
        if ticket.qr_caption:
            blocks.append(_text(ticket.qr_caption, Style.SMALL, centered=True))
    blocks += [Block(Kind.RULE), _text(ticket.printed_at_text(), Style.SMALL, centered=True)]
    return blocks
