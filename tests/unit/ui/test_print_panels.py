"""The print panels as a resident meets them: a real PDF drawn by QtPdf, a ticket's words,
the printer's problems and the quota said before anyone tries, then the job followed to
the end; every panel checked like every other overlay (sizes, largest text, Arabic)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.flows.documents import Document
from kiosk.i18n import set_language
from kiosk.printing import messages
from kiosk.printing.model import JobState, JobStatus, PrinterState, PrinterStatus
from kiosk.printing.quota import QuotaDecision, QuotaLimit
from kiosk.ui.print_panels import PrintPreviewPanel, PrintProgressPanel
from kiosk.ui.screenshot import prepare
from kiosk.ui.widgets import BigButton
from tests.conftest import config_with
from tests.unit.ui.test_accessibility import _tab_through
from tests.unit.ui.test_layout import _button_problems, _label_problems

TICKET = Document(
    "Allocations familiales",
    ("[ ] Pièce d'identité", "[ ] Justificatif de domicile", "[ ] Avis d'imposition"),
)
PAPER_OUT = PrinterStatus("a4", "a4", PrinterState.OUT_OF_PAPER)
READY = PrinterStatus("a4", "a4", PrinterState.IDLE)


def settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


def _write_pdf(path: Path, pages: int) -> Path:
    """A real A4 PDF, each page with a big title and lines of text, as QtPdf will read it."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    for number in range(1, pages + 1):
        if number > 1:
            writer.newPage()
        font = QFont()
        font.setPointSize(36)
        painter.setFont(font)
        painter.drawText(60, 120, f"Page {number}")
        font.setPointSize(12)
        painter.setFont(font)
        for line in range(30):
            painter.drawText(60, 180 + 20 * line, "Attestation de quotient familial")
    painter.end()
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    return {
        "three": _write_pdf(folder / "three.pdf", 3),
        "forty": _write_pdf(folder / "forty.pdf", 40),
        "broken": broken,
    }


@pytest.fixture(scope="module")
def kiosk(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One kiosk for the module, the panels registered as the shell will register them."""
    from kiosk.app import build

    config = config_with(session={"warning_sound": False, "wiped_message_s": 0.05})
    built = build(config, tmp_path_factory.mktemp("sessions"))
    shell = built.shell
    shell.resize(1920, 1080)
    shell.show()
    shell.complete()
    for panel in (PrintPreviewPanel(shell), PrintProgressPanel(shell)):
        shell.overlays[panel.name] = panel
    yield built
    shell.speech.set_on(False)
    built.manager.blockSignals(True)
    shell.close()
    shell.deleteLater()
    built.folders.remove()


@pytest.fixture
def shell(kiosk: Any) -> Iterator[Any]:
    shell = kiosk.shell
    shell.close_overlays()
    shell.state.text_size, shell.state.contrast = "normal", "standard"
    shell.apply_look()
    shell.resize(1920, 1080)
    prepare(kiosk, "home", "fr")
    settle()
    yield shell
    shell.close_overlays()
    set_language("fr")


def _preview(shell: Any) -> PrintPreviewPanel:
    panel = shell.overlays["print-preview"]
    assert isinstance(panel, PrintPreviewPanel)
    return panel


def _progress(shell: Any) -> PrintProgressPanel:
    panel = shell.overlays["print-progress"]
    assert isinstance(panel, PrintProgressPanel)
    return panel


def _dark_share(label: QLabel) -> float:
    """How much of a page picture is ink (the page is drawn, not a blank placeholder)."""
    image = label.pixmap().toImage()
    if image.isNull():
        return 0.0
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if QColor(image.pixel(x, y)).lightness() < 100
    )
    return dark / ((image.width() // 4 + 1) * (image.height() // 4 + 1))


def _shown_texts(panel: Any) -> list[str]:
    """Every word on the panel: labels shown, then buttons shown (enabled or not)."""
    labels = [
        label.text()
        for label in panel.findChildren(QLabel)
        if label.text()
        and label.isVisible()
        and not isinstance(label.parentWidget(), BigButton)
        and label not in (panel.picture,)
    ]
    buttons = [b.label() for b in panel.findChildren(BigButton) if b.isVisible()]
    return labels + buttons


def _assert_spoken_is_shown(panel: Any) -> None:
    spoken = panel.spoken_text()
    for text in _shown_texts(panel):
        assert text in spoken, f"{text!r} is shown but not spoken"
    shown = "\n".join(_shown_texts(panel))
    for line in spoken.splitlines():
        words = line.split(" : ", 1)[-1] if line.startswith("Bouton ") else line
        assert words in shown, f"{line!r} is spoken but not shown"


# Preview: an A4 PDF


def test_the_preview_shows_three_page_pictures_and_imprimer_3_pages(shell, pdfs, qtbot):
    panel = _preview(shell)
    assert panel.show_pdf(pdfs["three"], READY) == 3
    view = panel.pages_view
    qtbot.waitUntil(lambda: 0 in view.drawn_pages())
    assert panel.isVisible() and view.isVisible()
    assert panel.text.text() == "Ce document a 3 pages."
    assert panel.print_button.label() == "Imprimer 3 pages"
    assert panel.print_button.isEnabled()
    assert panel.print_button.hasFocus()
    pages = view.page_labels()
    assert len(pages) == 3
    for page in pages:  # A4's shape, fitted to the width
        assert page.height() / page.width() == pytest.approx(842 / 595, abs=0.01)
    assert [p.accessibleName() for p in pages] == [f"Page {n} sur 3" for n in (1, 2, 3)]
    for above, below in itertools.pairwise(pages):  # one under the other, apart
        assert above.geometry().bottom() < below.geometry().top()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())  # drag to the end
    qtbot.waitUntil(lambda: 2 in view.drawn_pages())
    assert _dark_share(pages[2]) > 0.005  # the last page is really drawn, with its text
    corner = pages[2].pixmap().toImage().pixelColor(pages[2].width() // 2, 5)
    assert corner == QColor("#FFFFFF")  # on white paper, whatever the theme
    _assert_spoken_is_shown(panel)
    with qtbot.waitSignal(panel.print_confirmed, timeout=1000):
        qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.cancelled, timeout=1000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)


def test_a_long_pdf_is_drawn_near_the_screen_only(shell, pdfs, qtbot):
    panel = _preview(shell)
    assert panel.show_pdf(pdfs["forty"]) == 40
    view = panel.pages_view
    qtbot.waitUntil(lambda: 0 in view.drawn_pages())
    settle()
    assert len(view.drawn_pages()) <= 4  # not 40 pictures in memory
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = 20
    qtbot.waitUntil(lambda: any(abs(i - middle) <= 2 for i in view.drawn_pages()))
    settle()
    assert 0 not in view.drawn_pages()  # what was scrolled away was let go
    assert len(view.drawn_pages()) <= 4


def test_the_printer_out_of_paper_disables_print_and_says_why(shell, pdfs, qtbot):
    panel = _preview(shell)
    panel.show_pdf(pdfs["three"], PAPER_OUT)
    button = panel.print_button
    reason = "Impression impossible : l'imprimante n'a plus de papier"
    assert button.isVisible() and not button.isEnabled()
    assert button.label() == reason and button.accessibleName() == reason
    assert button.icon_name == "interdit"  # a pictogram says it too, not a colour
    assert panel.adviser_button.isVisible()
    assert panel.cancel_button.hasFocus()
    with qtbot.assertNotEmitted(panel.print_confirmed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reason in panel.spoken_text()
    assert "Bouton" not in next(line for line in panel.spoken_text().splitlines() if reason in line)
    _assert_spoken_is_shown(panel)
    panel.set_printer_status(PrinterStatus("t", "ticket", PrinterState.IDLE))  # not this one
    assert not button.isEnabled()
    panel.set_printer_status(READY)  # paper put back: the button says so at once
    assert button.isEnabled() and button.label() == "Imprimer 3 pages"
    assert button.icon_name == "imprimer"
    assert not panel.adviser_button.isVisible()


def test_beyond_the_quota_a_plain_message_and_the_adviser_button(shell, pdfs, qtbot):
    panel = _preview(shell)
    panel.show_pdf(pdfs["three"], READY, quota=QuotaDecision(False, 3, QuotaLimit.SESSION, 2))
    assert panel.problem.isVisible()
    assert panel.problem.text() == messages.quota_text("session", 2)
    assert "2 pages" in panel.problem.text()
    assert not panel.print_button.isVisible()
    assert panel.adviser_button.isVisible() and panel.adviser_button.label() == (
        "Appeler un conseiller"
    )
    _assert_spoken_is_shown(panel)
    with qtbot.waitSignal(panel.adviser_requested, timeout=1000):
        qtbot.mouseClick(panel.adviser_button, Qt.MouseButton.LeftButton)
    panel.set_quota(QuotaDecision(False, 3, QuotaLimit.DAY, 0))
    assert panel.problem.text().startswith("La borne a imprimé toutes les pages")
    panel.set_quota(QuotaDecision(True, 3, None, 17))  # within the quota after all
    assert not panel.problem.isVisible() and panel.print_button.isVisible()
    assert not panel.adviser_button.isVisible()


def test_a_file_that_is_not_a_pdf_is_refused_in_words(shell, pdfs):
    panel = _preview(shell)
    assert panel.show_pdf(pdfs["broken"]) == 0
    assert panel.text.text() == messages.tr(messages.UNREADABLE)
    assert not panel.print_button.isVisible()
    assert not panel.pages_view.isVisible()
    assert panel.adviser_button.isVisible()


def test_closing_the_preview_lets_the_document_go(shell, pdfs, qtbot):
    panel = _preview(shell)
    panel.show_pdf(pdfs["three"])
    qtbot.waitUntil(lambda: 0 in panel.pages_view.drawn_pages())
    shell.open_overlay("print-preview")  # closed and opened again at once: still there
    settle()
    assert panel.pages_view.page_count() == 3 and panel.pages == 3
    shell.close_overlays()
    settle()
    assert panel.pages_view.page_count() == 0 and panel.pages_view.drawn_pages() == []
    panel.show_ticket(TICKET)
    shell.close_overlays()
    settle()
    assert panel.ticket.text() == "" and panel.document is None


# Preview: a ticket


def test_a_ticket_shows_its_words_as_on_paper_and_can_be_heard(shell, qtbot):
    panel = _preview(shell)
    panel.show_ticket(TICKET)
    assert panel.ticket.text() == TICKET.text()
    assert panel.ticket_area.isVisible() and not panel.pages_view.isVisible()
    assert panel.print_button.label() == "Imprimer le ticket"
    assert not panel.listen_button.isVisible()  # until the kiosk can speak
    panel.set_listen_available(True)
    assert panel.listen_button.isVisible()
    spoken = panel.spoken_text()
    assert TICKET.text() in spoken  # a blind resident hears the ticket before printing it
    assert spoken.index(TICKET.text()) < spoken.index("Bouton 1")
    _assert_spoken_is_shown(panel)
    with qtbot.waitSignal(panel.listen_requested, timeout=1000):
        qtbot.mouseClick(panel.listen_button, Qt.MouseButton.LeftButton)
    offline = PrinterStatus("ticket", "ticket", PrinterState.OFFLINE)
    panel.set_printer_status(offline)
    assert panel.print_button.label() == "Impression impossible : l'imprimante ne répond pas"
    panel.set_listen_available(False)


# Progress


def test_progress_goes_from_queued_to_printing_page_by_page_to_done(shell, qtbot):
    panel = _progress(shell)
    said: list[str] = []
    panel.message_changed.connect(said.append)
    try:
        panel.start("a4", pages=3)
        assert panel.isVisible()
        assert panel.title.text() == "Votre document s'imprime"
        assert panel.bar.isVisible() and panel.bar.maximum() == 0  # moving, no number yet
        panel.show_job(JobStatus(4, JobState.PRINTING, pages=3, pages_done=1))
        assert panel.text.text() == "1 page imprimée sur 3."
        assert (panel.bar.value(), panel.bar.maximum()) == (1, 3)
        panel.show_job(JobStatus(4, JobState.PRINTING, pages=3, pages_done=2))
        assert panel.text.text() == "2 pages imprimées sur 3."
        assert panel.bar.value() == 2
        _assert_spoken_is_shown(panel)
        panel.show_job(JobStatus(4, JobState.DONE, pages=3, pages_done=3))
        assert panel.title.text() == "C'est imprimé"
        assert panel.text.text() == "Prenez votre document dans le bac."
        assert not panel.bar.isVisible() and not panel.adviser_button.isVisible()
        assert panel.icon == "document-pret"
        _assert_spoken_is_shown(panel)
    finally:
        panel.message_changed.disconnect(said.append)
    # Spoken once per state, not at every page.
    assert [line.split("\n")[0] for line in said] == [
        "Votre document s'imprime",
        "Votre document s'imprime",
        "C'est imprimé",
    ]
    assert said[-1] == "C'est imprimé\nPrenez votre document dans le bac."
    with qtbot.waitSignal(panel.closed, timeout=1000):
        qtbot.mouseClick(panel.ok_button, Qt.MouseButton.LeftButton)


def test_a_job_failed_for_paper_says_so_and_offers_an_adviser(shell, qtbot):
    panel = _progress(shell)
    panel.start("a4", pages=3)
    panel.show_job(JobStatus(5, JobState.PRINTING, pages=3, pages_done=1))
    panel.show_job(JobStatus(5, JobState.FAILED, 3, 1, PrinterState.OUT_OF_PAPER.value))
    assert panel.text.text() == "L'imprimante n'a plus de papier. Demandez de l'aide à l'accueil."
    assert panel.adviser_button.isVisible() and panel.ok_button.isVisible()
    assert not panel.bar.isVisible()
    _assert_spoken_is_shown(panel)
    with qtbot.waitSignal(panel.adviser_requested, timeout=1000):
        qtbot.mouseClick(panel.adviser_button, Qt.MouseButton.LeftButton)
    panel.show_job(JobStatus(5, JobState.STUCK))
    assert panel.title.text() == "L'impression est bloquée"
    assert panel.adviser_button.isVisible()


# Every panel, like every other overlay: sizes, largest text, Arabic, keyboard


def _show_pdf(shell: Any, pdfs: dict[str, Path]) -> None:
    _preview(shell).show_pdf(pdfs["three"], READY)


def _show_pdf_out_of_paper(shell: Any, pdfs: dict[str, Path]) -> None:
    _preview(shell).show_pdf(pdfs["three"], PAPER_OUT)


def _show_pdf_over_quota(shell: Any, pdfs: dict[str, Path]) -> None:
    _preview(shell).show_pdf(pdfs["three"], READY, QuotaDecision(False, 3, QuotaLimit.DAY, 1))


def _show_ticket(shell: Any, _pdfs: dict[str, Path]) -> None:
    panel = _preview(shell)
    panel.set_listen_available(True)
    panel.show_ticket(TICKET, PrinterStatus("ticket", "ticket", PrinterState.COVER_OPEN))


def _show_printing(shell: Any, _pdfs: dict[str, Path]) -> None:
    panel = _progress(shell)
    panel.start("a4", 3)
    panel.show_job(JobStatus(1, JobState.PRINTING, pages=3, pages_done=2))


def _show_failed(shell: Any, _pdfs: dict[str, Path]) -> None:
    panel = _progress(shell)
    panel.start("ticket")
    panel.show_job(JobStatus(1, JobState.FAILED, reason=PrinterState.JAMMED.value))


PANELS: dict[str, Callable[[Any, dict[str, Path]], None]] = {
    "pdf": _show_pdf,
    "pdf-out-of-paper": _show_pdf_out_of_paper,
    "pdf-over-quota": _show_pdf_over_quota,
    "ticket-cover-open": _show_ticket,
    "printing": _show_printing,
    "failed": _show_failed,
}


def _open(shell: Any, pdfs: dict[str, Path], panel: str, size: tuple[int, int]) -> None:
    shell.resize(*size)
    settle()
    PANELS[panel](shell, pdfs)
    settle()
    assert shell.open_overlay_name() in ("print-preview", "print-progress")


@pytest.mark.parametrize("text_size", ["normal", "larger"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("panel", list(PANELS))
def test_every_print_panel_fits(shell, pdfs, panel, size, text_size):
    shell.state.text_size = text_size
    shell.apply_look()
    _open(shell, pdfs, panel, size)
    assert _button_problems(shell) + _label_problems(shell, panel, 20) == []
    _preview(shell).set_listen_available(False)


@pytest.mark.parametrize("panel", list(PANELS))
def test_every_print_panel_fits_in_arabic_mirrored(shell, pdfs, panel):
    shell.apply_language("ar")
    _open(shell, pdfs, panel, (1920, 1080))
    assert _button_problems(shell) + _label_problems(shell, panel, 20) == []
    overlay = shell.overlays[shell.open_overlay_name()]
    assert overlay.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert overlay.title.text().startswith("\u200f")  # marked right-to-left
    row = [b for b in overlay.row.parentWidget().findChildren(BigButton) if b.isVisible()]
    main = [b for b in row if overlay.row.indexOf(b) >= 0]
    if len(main) == 2:  # the last of the reading order is on the left
        first, last = sorted(main, key=overlay.row.indexOf)
        assert last.mapTo(shell, QPoint(0, 0)).x() < first.mapTo(shell, QPoint(0, 0)).x()
    _preview(shell).set_listen_available(False)


@pytest.mark.parametrize("panel", list(PANELS))
def test_tab_reaches_every_button_and_stays_in_the_panel(shell, pdfs, panel):
    _open(shell, pdfs, panel, (1920, 1080))
    overlay = shell.overlays[shell.open_overlay_name()]
    expected = [b for b in overlay.findChildren(BigButton) if b.isVisible() and b.isEnabled()]
    assert expected
    assert QApplication.focusWidget() in expected  # the focus starts on a usable button
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        reached = _tab_through(shell, key)
        assert [b.label() for b in expected if b not in reached] == []
        assert [w for w in reached if not overlay.isAncestorOf(w)] == []
        for widget in reached:
            assert widget.accessibleName().strip(), f"{widget} has no accessible name"
    _preview(shell).set_listen_available(False)
