"""How many pages a PDF has, for the preview's "Imprimer N pages" and the quota.

QtPdf's QPdfDocument needs no widgets and no display (it worked with a bare
QCoreApplication and in a worker thread), and it reads any PDF the preview can show.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument


class PdfError(ValueError):
    """The file is not a PDF the kiosk can read (damaged, encrypted, missing)."""


def count_pages(path: Path) -> int:
    document = QPdfDocument()
    try:
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise PdfError(error.name)
        pages = document.pageCount()
    finally:
        document.close()
    if pages < 1:
        raise PdfError("no page")
    return pages
