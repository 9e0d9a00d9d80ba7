"""Kiosk documents as A4 PDFs: real text, pages, right to left, nothing in the metadata."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kiosk.flows.documents import Document
from kiosk.printing.a4_document import write_a4_pdf
from kiosk.printing.pdf_pages import PdfError, count_pages
from kiosk.ui import fonts

A4_WIDTH_PT = 595.3


@pytest.fixture(scope="module")
def families(qapp: Any) -> list[str]:
    return fonts.load()


def _text(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_title_header_and_lines_are_real_text(tmp_path: Path, families: list[str]) -> None:
    document = Document(
        "Liste des pièces à fournir", ("[ ] Justificatif de domicile", "[ ] Pièce d'identité")
    )
    path = tmp_path / "doc.pdf"
    pages = write_a4_pdf(document, path, header="Mairie de Testville", families=families)
    assert pages == 1 == count_pages(path)
    text = _text(path)
    assert text.index("Mairie de Testville") < text.index("Liste des pièces à fournir")
    assert "[ ] Justificatif de domicile" in text
    assert "[ ] Pièce d'identité" in text


def test_long_documents_flow_onto_more_pages(tmp_path: Path, families: list[str]) -> None:
    path = tmp_path / "long.pdf"
    lines = tuple(f"Ligne {n}" for n in range(150))
    pages = write_a4_pdf(Document("Titre", lines), path, families=families)
    assert pages == count_pages(path) >= 3
    text = _text(path)
    assert "Ligne 0" in text and "Ligne 149" in text


def test_the_page_is_a4_and_the_metadata_names_nothing(tmp_path: Path, families: list[str]) -> None:
    path = tmp_path / "doc.pdf"
    write_a4_pdf(Document("Dossier de Madame Zébulon", ("x",)), path, families=families)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    assert "Zébulon" not in info
    assert "Zébulon".encode() not in path.read_bytes()  # text is in glyph streams, not in clear


def test_words_with_fi_keep_their_letters(tmp_path: Path, families: list[str]) -> None:
    path = tmp_path / "doc.pdf"
    write_a4_pdf(Document("Justificatif", ("confidentiel, affiché",)), path, families=families)
    text = _text(path)
    assert "Justificatif" in text and "confidentiel, affiché" in text


def _plain(text: str) -> str:
    """pdftotext gives Arabic as presentation forms inside direction marks."""
    return unicodedata.normalize("NFKC", text).replace("\u202b", "").replace("\u202c", "")


def _leftmost_x(path: Path) -> float:
    """Where the leftmost glyph starts, in points (pdftotext -bbox lists Arabic by glyph)."""
    lines = _text(path, "-bbox").splitlines()
    return min(float(line.split('xMin="')[1].split('"')[0]) for line in lines if "<word" in line)


def test_arabic_is_laid_out_right_to_left(tmp_path: Path, families: list[str]) -> None:
    arabic = tmp_path / "ar.pdf"
    french = tmp_path / "fr.pdf"
    write_a4_pdf(Document("عنوان", ("سطر",)), arabic, language="ar", families=families)
    write_a4_pdf(Document("Titre", ("Ligne",)), french, language="fr", families=families)
    assert _plain(_text(arabic)).split() == ["عنوان", "سطر"]
    assert _leftmost_x(arabic) > A4_WIDTH_PT / 2  # every line hangs from the right margin
    assert _leftmost_x(french) < A4_WIDTH_PT / 4
    fonts_used = subprocess.run(["pdffonts", str(arabic)], capture_output=True, text=True).stdout
    assert "NotoSansArabic" in fonts_used


def test_page_count_refuses_what_is_not_a_pdf(tmp_path: Path, qapp: Any) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with pytest.raises(PdfError):
        count_pages(broken)
    with pytest.raises(PdfError):
        count_pages(tmp_path / "missing.pdf")
