"""What the print tests share: a recorder of the service's signals, documents, pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kiosk.flows.documents import Document
from kiosk.printing.a4_document import write_a4_pdf
from kiosk.printing.model import JobState, JobStatus, PrinterStatus
from kiosk.printing.service import PrintService

TITLE = "Attestation confidentielle de Madame Zébulon"
TWO_PAGES = Document(TITLE, tuple(f"[ ] Pièce numéro {n} à apporter au guichet" for n in range(45)))
ONE_PAGE = Document(TITLE, ("Une seule ligne imprimée",))


class Recorder:
    """Everything a PrintService emitted, in order."""

    def __init__(self, service: PrintService) -> None:
        self.jobs: list[JobStatus] = []
        self.printers: list[PrinterStatus] = []
        service.job_changed.connect(self.jobs.append)
        service.printer_changed.connect(self.printers.append)

    def states(self, token: int) -> list[JobState]:
        return [status.state for status in self.jobs if status.job_id == token]

    def last(self, token: int) -> JobStatus | None:
        mine = [status for status in self.jobs if status.job_id == token]
        return mine[-1] if mine else None

    def reached(self, token: int, *states: JobState) -> bool:
        last = self.last(token)
        return last is not None and last.state in states


def write_pdf(document: Document, path: Path) -> Path:
    pages = write_a4_pdf(document, path, header="Mairie de Testville")
    assert pages >= 1
    return path


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=20,
    ).stdout


def pdf_page_count(path: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=20
    ).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
