"""A ticket as ESC/POS bytes: the printer's own fonts when it can spell every letter, else an image.

Text mode is chosen only when the WHOLE ticket encodes in ONE code page that the printer
profile lists and that IT trusts (`text_code_pages`): that page is selected once (ESC t)
and python-escpos's automatic switching is turned off, because switching code pages in the
middle of a line is exactly where French came out wrong on printers whose tables differ
from their profile (FIELD-NOTES). The default trusts only the Western European pages every
ESC/POS printer numbers alike, so French, English, Spanish and Portuguese print as text;
Romanian (ș, ț are in no printer code page), Turkish, Cyrillic, Arabic, Persian and Pashto
print as images drawn by Qt, which is slower but right on any printer. IT can trust more
pages (CP857 for Turkish, CP1251 for Cyrillic) after a test ticket came out right.

QR codes are always the printer's native ones (GS ( k), so the bytes carry the payload.
The bytes are built on python-escpos's Dummy printer and sent in one piece by the backend.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.printing.ticket import Ticket
from kiosk.printing.ticket_image import raster_rows, ticket_image
from kiosk.printing.ticket_layout import Block, Kind, Paper, Style, layout

DEFAULT_TEXT_CODE_PAGES = ("CP858", "CP850", "CP437")
"""Trusted for text mode by default: numbered alike on Epson and on cheap clones."""

RASTER_ROWS_PER_COMMAND = 960
"""Tall images are sent in bands, as python-escpos does, for printers with small buffers."""

QR_MODULE_DOTS = 6

_TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u200e": None,
        "\u200f": None,
    }
)

_import_lock = threading.Lock()


def cache_dir() -> Path:
    """Where python-escpos keeps its pickled printer database (instead of a temp dir per run)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kiosk-mairie" / "escpos"


def escpos_printer_module() -> Any:
    """`escpos.printer`, imported without leaving a temp folder or configuring logging.

    python-escpos 3.1 reads ESCPOS_CAPABILITIES_PICKLE_DIR with `mkdtemp()` as the default,
    which Python evaluates anyway: a temp folder per process even with the variable set.
    So mkdtemp hands back our cache folder during the import. It also calls
    logging.basicConfig(), which would send every log record of the kiosk to stderr in its
    own format; a handler present during the import makes that call a no-op.
    """
    with _import_lock:
        if "escpos.printer" in sys.modules:
            return sys.modules["escpos.printer"]
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(folder))
        root = logging.getLogger()
        guard = logging.NullHandler()
        root.addHandler(guard)
        real_mkdtemp = tempfile.mkdtemp
        tempfile.mkdtemp = lambda *args, **kwargs: str(folder)  # type: ignore[assignment]
        try:
            import escpos.printer
        finally:
            tempfile.mkdtemp = real_mkdtemp
            root.removeHandler(guard)
        return escpos.printer


def profiles() -> list[str]:
    """The printer profiles python-escpos knows, for checking the configured one at start-up."""
    escpos_printer_module()
    from escpos.capabilities import CAPABILITIES

    return sorted(CAPABILITIES["profiles"])


@dataclass(frozen=True)
class RenderedTicket:
    """The bytes for the printer, and how they were made (for IT's log: no content)."""

    data: bytes
    mode: str  # "text" or "image"
    code_page: str = ""


def plain(text: str) -> str:
    """Typographic marks a code page lacks, as the printer's own ASCII ones."""
    return text.translate(_TYPOGRAPHY)


def text_code_page(
    blocks: list[Block], profile: str, trusted: tuple[str, ...] = DEFAULT_TEXT_CODE_PAGES
) -> str | None:
    """The first trusted code page of the profile that spells every letter, or None."""
    printer = escpos_printer_module().Dummy(profile=profile)
    encoder = printer.magic.encoder
    available = printer.profile.get_code_pages()
    chars = {char for block in blocks if block.kind is Kind.TEXT for char in plain(block.text)}
    for page in trusted:
        if page in available and all(encoder.can_encode(page, char) for char in chars):
            return page
    return None


def _wrap(block: Block, columns: int) -> list[str]:
    text = plain(block.text)
    if block.box:
        return textwrap.wrap(
            "[ ] " + text, columns, subsequent_indent="    ", break_on_hyphens=False
        ) or ["[ ]"]
    return textwrap.wrap(text, columns, break_on_hyphens=False) or [""]


def _text_mode(printer: Any, blocks: list[Block], paper: Paper, page: str) -> None:
    printer.magic.force_encoding(page)
    for block in blocks:
        if block.kind is Kind.RULE:
            printer.set(align="left", bold=False, normal_textsize=True)
            printer.textln("-" * paper.columns)
        elif block.kind is Kind.GAP:
            printer.set(bold=False, normal_textsize=True)
            printer.ln()
        elif block.kind is Kind.QR:
            _qr(printer, block.text)
        elif block.style is Style.NUMBER:
            printer.set(align="center", bold=True, custom_size=True, width=4, height=4)
            for line in _wrap(block, paper.columns // 4):
                printer.textln(line)
        else:
            bold = block.style in (Style.HEADER_BOLD, Style.TITLE, Style.LABEL)
            printer.set(
                align="center" if block.centered else "left",
                bold=bold,
                normal_textsize=block.style is not Style.TITLE,
                double_height=block.style is Style.TITLE,
            )
            for line in _wrap(block, paper.columns):
                printer.textln(line)
    printer.set(align="left", bold=False, normal_textsize=True)


def _raster(printer: Any, blocks: list[Block], paper: Paper, rtl: bool) -> None:
    if not blocks:
        return
    width_bytes, rows = raster_rows(ticket_image(blocks, paper, rtl, draw_qr=False))
    for start in range(0, len(rows), RASTER_ROWS_PER_COMMAND):
        band = rows[start : start + RASTER_ROWS_PER_COMMAND]
        header = b"\x1dv0\x00" + width_bytes.to_bytes(2, "little") + len(band).to_bytes(2, "little")
        printer._raw(header + b"".join(band))


def _image_mode(printer: Any, blocks: list[Block], paper: Paper, rtl: bool) -> None:
    """Images between the native QR codes: one image above, one below each code."""
    pending: list[Block] = []
    for block in blocks:
        if block.kind is Kind.QR:
            _raster(printer, pending, paper, rtl)
            pending = []
            _qr(printer, block.text)
        else:
            pending.append(block)
    _raster(printer, pending, paper, rtl)


def _qr(printer: Any, payload: str) -> None:
    printer.set(align="center")
    printer.qr(payload, native=True, size=QR_MODULE_DOTS, ec=1)  # 1: level M
    printer.set(align="left")


def render(
    ticket: Ticket,
    paper: Paper,
    profile: str = "default",
    text_code_pages: tuple[str, ...] = DEFAULT_TEXT_CODE_PAGES,
) -> RenderedTicket:
    """The ticket as the bytes a printer of `profile` with `paper` must receive."""
    blocks = layout(ticket)
    page = None if ticket.right_to_left else text_code_page(blocks, profile, text_code_pages)
    printer = escpos_printer_module().Dummy(profile=profile)
    printer.hw("INIT")
    if page is not None:
        _text_mode(printer, blocks, paper, page)
    else:
        _image_mode(printer, blocks, paper, ticket.right_to_left)
    printer.cut()  # feeds the last line past the blade, then cuts
    return RenderedTicket(bytes(printer.output), "text" if page else "image", page or "")
