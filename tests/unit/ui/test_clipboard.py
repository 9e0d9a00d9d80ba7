"""The clipboard wiper: what one resident copied is gone before the next one arrives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication, QImage

from kiosk.ui.clipboard import ClipboardWiper


@pytest.fixture
def clipboard(qapp) -> Iterator[QClipboard]:
    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


def is_empty(board: QClipboard) -> bool:
    data = board.mimeData()
    return data is None or not data.formats()


def buffers() -> int:
    return 2 if QGuiApplication.clipboard().supportsSelection() else 1


def test_text_in_the_clipboard_is_wiped_and_verified(clipboard):
    clipboard.setText("IBAN FR76 3000 6000 0112 3456 7890 189")

    report = ClipboardWiper().wipe_and_verify()

    assert report.ok
    assert report.wiper == "clipboard"
    assert clipboard.text() == ""
    assert is_empty(clipboard)
    assert report.counts == {"buffers_checked": buffers(), "buffers_cleared": 1}


def test_an_empty_clipboard_is_clean_with_nothing_cleared(clipboard):
    report = ClipboardWiper().wipe_and_verify()
    assert report.ok
    assert report.counts == {"buffers_checked": buffers(), "buffers_cleared": 0}


def test_images_and_other_formats_are_wiped_too(clipboard):
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x123456)
    clipboard.setImage(image)
    assert not is_empty(clipboard)

    assert ClipboardWiper().wipe_and_verify().ok
    assert clipboard.image().isNull()

    data = QMimeData()
    data.setHtml("<b>Marie Dupont</b>, 12 rue des Lilas")
    clipboard.setMimeData(data)
    assert ClipboardWiper().wipe_and_verify().ok
    assert is_empty(clipboard)


def test_a_clipboard_that_stays_full_is_reported_failed(clipboard, monkeypatch):
    clipboard.setText("numéro de sécurité sociale")
    monkeypatch.setattr(QClipboard, "clear", lambda self, mode=None: None)

    report = ClipboardWiper().wipe_and_verify()

    assert not report.ok
    assert "not empty" in report.reason
    assert "sécurité" not in report.reason
