"""Tickets as ESC/POS bytes in every shipped language, read back with the test decoder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QRawFont

from kiosk.flows.documents import Document
from kiosk.i18n import LANGUAGES
from kiosk.printing import ticket
from kiosk.printing.ticket_image import first_strong_is_rtl, load_fonts
from kiosk.printing.ticket_layout import PAPER_58, PAPER_80
from kiosk.printing.ticket_render import plain, render
from tests._support import ticket_samples as samples
from tests._support.escpos_decode import decode

SENTENCES = {
    "fr": "Pièce d'identité : apportez-la à l'accueil, même s'il est déjà fermé.",
    "fr-falc": "Venez à la mairie avec votre carte. Un agent vous aide.",
    "en": "Bring your identity card and a proof of address.",
    "es": "¿Preguntas? Traiga su documento de identidad y la información. ¡Gracias!",
    "pt": "Traga o seu documento de identidade e um comprovativo de morada. Atenção!",
    "ro": "Aduceți cartea de identitate și o dovadă a domiciliului. Mulțumim!",
    "uk": "Візьміть посвідчення особи та підтвердження адреси. Ґанок, їжа, євро.",
    "ru": "Возьмите удостоверение личности и подтверждение адреса. Ёлка.",
    "tr": "Kimlik kartınızı ve ikamet belgenizi getirin. Güneş, çiçek, ağaç, İstanbul.",
    "ar": "أحضروا بطاقة الهوية وإثبات السكن.",
    "fa": "کارت شناسایی و مدرک محل سکونت را بیاورید. گواهی، پژوهش، چاپ.",
    "ps": "خپل د پېژندنې کارت او د استوګنې ثبوت راوړئ. ښځه، ډوډۍ، ټول، ړوند، ږ، ڼ.",
}
TEXT_BY_DEFAULT = {"fr", "fr-falc", "en", "es", "pt"}


def _ticket(code: str) -> ticket.Ticket:
    document = Document(SENTENCES[code][:20], ("[ ] " + SENTENCES[code], SENTENCES[code]))
    return ticket.from_document(document, code, ("Mairie de Villeneuve",), samples.NOW)


def test_the_samples_cover_every_shipped_language():
    assert set(SENTENCES) == {lang.code for lang in LANGUAGES}


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_every_shipped_language_prints_its_own_letters(qapp, code):
    made = _ticket(code)
    rendered = render(made, PAPER_80)
    printed = decode(rendered.data)
    assert printed.events[-1].__class__.__name__ == "Cut"
    if code in TEXT_BY_DEFAULT:
        assert rendered.mode == "text"
        assert plain(SENTENCES[code])[:30] in printed.text.replace("\n", " ")
        assert "?" not in printed.text.replace("Preguntas?", "")
    else:
        assert rendered.mode == "image"
        assert printed.lines == []  # nothing left to the printer's code pages
        assert printed.rasters and printed.rasters[0].ink() > 2000
        raws = [QRawFont.fromFont(QFont(family)) for family in load_fonts()]
        letters = {c for c in made.speakable() if c.isalpha()}
        missing = {c for c in letters if not any(r.supportsCharacter(ord(c)) for r in raws)}
        assert missing == set()


def test_text_mode_selects_one_code_page_once_and_never_switches(qapp):
    data = render(_ticket("fr"), PAPER_80).data
    assert data.count(b"\x1bt") == 1
    assert data.index(b"\x1bt\x13") < data.index(b"Pi")  # CP858, before any text


@pytest.mark.parametrize(
    ("code", "page", "number"), [("tr", "CP857", 13), ("uk", "CP1251", 46), ("ru", "CP866", 17)]
)
def test_a_trusted_code_page_prints_more_languages_as_text(qapp, monkeypatch, code, page, number):
    # Until translators write "Imprimé le" in Ukrainian and Russian, its é would force an image.
    monkeypatch.setattr(ticket, "PRINTED_AT", "{date} {time}")
    rendered = render(_ticket(code), PAPER_80, "TM-T20II", text_code_pages=(page,))
    assert (rendered.mode, rendered.code_page) == ("text", page)
    assert rendered.data.count(b"\x1bt") == 1 and b"\x1bt" + bytes([number]) in rendered.data
    printed = decode(rendered.data).text.replace("\n", " ")
    assert SENTENCES[code][:40] in printed


def test_romanian_comma_letters_are_in_no_code_page_so_it_prints_as_an_image(qapp):
    every_latin_page = ("CP858", "CP850", "CP852", "CP1250", "ISO_8859-2", "CP1252")
    rendered = render(_ticket("ro"), PAPER_80, "TM-T20II", text_code_pages=every_latin_page)
    assert rendered.mode == "image"


def test_typographic_apostrophes_and_spaces_print_as_the_printers_own(qapp):
    made = ticket.from_document(
        Document("L’accueil", ("Ouvert\u202f: lundi – vendredi…",)), "fr", (), samples.NOW
    )
    printed = decode(render(made, PAPER_80).data).text
    assert "L'accueil" in printed and "Ouvert : lundi - vendredi..." in printed


def test_a_58_mm_roll_wraps_at_32_columns(qapp):
    made = ticket.from_document(samples.summary_document(), "fr", samples.HEADER, samples.NOW)
    lines = decode(render(made, PAPER_58).data).lines
    assert max(len(line.text) for line in lines) == 32
    ar = decode(render(samples.checklist("ar"), PAPER_58).data)
    assert ar.rasters[0].width == 384


def test_the_qr_code_is_native_even_under_an_image(qapp):
    made = ticket.from_place(samples.place(), "ar", samples.HEADER, samples.NOW)
    printed = decode(render(made, PAPER_80).data)
    assert printed.qr_codes == ["tel:0123456789"]
    kinds = [type(e).__name__ for e in printed.events]
    assert kinds[:3] == ["Raster", "Qr", "Raster"]


def test_a_long_image_goes_in_bands_a_small_printer_can_buffer(qapp):
    lines = tuple(f"[ ] {SENTENCES['ar']} {n}" for n in range(40))
    made = ticket.from_document(Document("طويل", lines), "ar", (), samples.NOW)
    data = render(made, PAPER_80).data
    assert data.count(b"\x1dv0") >= 2
    (image,) = decode(data).rasters
    assert image.height > 960


def test_a_paragraph_keeps_its_own_direction():
    assert first_strong_is_rtl("12 rue de la Paix", default=True) is False
    assert first_strong_is_rtl("\u200fبطاقة", default=False) is True
    assert first_strong_is_rtl("12 34", default=True) is True


def test_importing_python_escpos_leaves_logging_and_temp_alone(tmp_path):
    script = (
        "import logging, sys\n"
        "from kiosk.printing.ticket_render import escpos_printer_module\n"
        "escpos_printer_module()\n"
        "print(len(logging.getLogger().handlers), logging.getLogger().level)\n"
    )
    temp, cache = tmp_path / "tmp", tmp_path / "cache"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache)}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        check=True,
    )
    assert out.stdout.split() == ["0", "30"]  # no handler added, WARNING as Python sets it
    assert list(temp.iterdir()) == []
    assert list((cache / "kiosk-mairie" / "escpos").glob("*.capabilities.pickle"))


def test_a_worker_thread_renders_the_same_bytes_as_the_gui_thread(qapp):
    import threading

    made = samples.checklist("ar")
    here = render(made, PAPER_80).data
    there: list[bytes] = []
    worker = threading.Thread(target=lambda: there.append(render(made, PAPER_80).data))
    worker.start()
    worker.join(30)
    assert there == [here]


def test_the_profiles_python_escpos_knows_can_be_listed_for_config_checks():
    from kiosk.printing.ticket_render import profiles

    assert {"default", "TM-T20II", "TM-T88V"} <= set(profiles())
