"""The locked PDF viewer: pages turned and zoomed with big buttons, nothing else offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from kiosk.ui.pdf_viewer import ZOOM_STEPS, PdfViewer


def make_pdf(path: Path, pages: int, words: str = "Attestation") -> Path:
    """A real A4 PDF of `pages` pages, with text, as a site would send."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    for number in range(1, pages + 1):
        if number > 1:
            writer.newPage()
        painter.drawText(400, 400, f"{words} page {number}")
    painter.end()
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    broken = folder / "broken.pdf"
    broken.write_bytes(b"<html>not a pdf</html>")
    return {"four": make_pdf(folder / "four.pdf", 4), "broken": broken}


@pytest.fixture
def viewer(qtbot):
    widget = PdfViewer()
    qtbot.addWidget(widget)
    widget.resize(1200, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _windows() -> set[object]:
    return {w for w in QApplication.topLevelWidgets() if w.isVisible()}


def test_a_document_opens_at_page_one_with_its_page_count(viewer, pdfs):
    assert viewer.open_file(pdfs["four"])
    assert (viewer.page(), viewer.page_count()) == (0, 4)
    assert viewer.position.text() == "Page 1 / 4"
    assert not viewer.previous_button.isEnabled()  # and "Page 1" says so in words
    assert viewer.next_button.isEnabled()


def test_the_page_buttons_turn_the_pages_and_stop_at_both_ends(qtbot, viewer, pdfs):
    viewer.open_file(pdfs["four"])
    for expected in (2, 3, 4):
        qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
        assert viewer.position.text() == f"Page {expected} / 4"
    assert not viewer.next_button.isEnabled()
    viewer.go_to(10)
    assert viewer.page() == 3
    qtbot.mouseClick(viewer.previous_button, Qt.MouseButton.LeftButton)
    assert viewer.position.text() == "Page 3 / 4"


def test_bigger_draws_the_page_larger_than_the_screen_and_smaller_fits_it_again(
    qtbot, viewer, pdfs
):
    viewer.open_file(pdfs["four"])
    qtbot.waitUntil(lambda: viewer.view.viewport().width() > 0)
    scroll = viewer.view.horizontalScrollBar()
    assert scroll.maximum() == 0  # fitted to the width
    qtbot.mouseClick(viewer.bigger_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(viewer.bigger_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom_factor() == ZOOM_STEPS[2]
    assert viewer.zoom_label.text() == "Taille : 150 %"
    qtbot.waitUntil(lambda: scroll.maximum() > 0)  # wider than the screen: it scrolls
    qtbot.mouseClick(viewer.smaller_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(viewer.smaller_button, Qt.MouseButton.LeftButton)
    assert not viewer.smaller_button.isEnabled()
    qtbot.waitUntil(lambda: scroll.maximum() == 0)


def test_a_file_that_is_not_a_pdf_is_explained_not_shown(viewer, pdfs):
    assert not viewer.open_file(pdfs["broken"])
    assert viewer.message.isVisible()
    assert "ne peut pas être affiché" in viewer.message.text()
    assert not viewer.view.isVisible()
    assert not viewer.print_button.isVisible()
    assert viewer.close_button.isVisible()


def test_print_hands_on_the_document_and_back_forgets_it(qtbot, viewer, pdfs):
    viewer.open_file(pdfs["four"])
    with qtbot.waitSignal(viewer.print_requested) as printed:
        qtbot.mouseClick(viewer.print_button, Qt.MouseButton.LeftButton)
    assert printed.args == [str(pdfs["four"])]
    with qtbot.waitSignal(viewer.closed):
        qtbot.mouseClick(viewer.close_button, Qt.MouseButton.LeftButton)
    assert viewer.page_count() == 0 and viewer.path is None


def test_no_menu_no_save_no_drop_and_no_shortcut_leaves_the_viewer(qtbot, viewer, pdfs):
    viewer.open_file(pdfs["four"])
    before = _windows()
    view = viewer.view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert view.viewport().contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert not view.acceptDrops() and not view.viewport().acceptDrops()
    center = view.viewport().rect().center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=center)
    for key in (Qt.Key.Key_S, Qt.Key.Key_P, Qt.Key.Key_O):
        QTest.keyClick(view.viewport(), key, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert _windows() == before  # no menu, no file or print dialog
    assert not [m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible()]
    assert viewer.page() == 0


def test_what_ecouter_reads_is_what_the_viewer_shows(viewer, pdfs):
    viewer.open_file(pdfs["four"])
    spoken = viewer.spoken_text().splitlines()
    assert spoken[:2] == ["Votre document", "Page 1 / 4"]
    assert "Bouton 1 : Revenir au site" in spoken
    assert "Bouton 6 : Imprimer" in spoken
