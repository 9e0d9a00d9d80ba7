"""The upload picker's rules and its local event loop, which must always end.

The real upload field (Chromium calling the page's chooser) is driven in
test_web_screen.py; here the picker alone, with files on disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.ui.file_picker import FilePicker, accepts, kind_of


@pytest.mark.parametrize(
    ("name", "accepted", "taken"),
    [
        ("attestation.pdf", [".pdf"], True),
        ("attestation.PDF", [".pdf"], True),
        ("attestation.pdf", ["application/pdf"], True),
        ("photo.jpg", ["image/*"], True),
        ("photo.jpg", [".pdf", "application/pdf"], False),
        ("notes.txt", [], True),
        ("notes.txt", ["", " "], True),
        ("archive.zip", ["image/*", ".pdf"], False),
    ],
)
def test_the_field_accept_list_decides_which_files_are_offered(name, accepted, taken):
    assert accepts(Path(name), accepted) is taken


@pytest.mark.parametrize(
    ("name", "icon"),
    [("a.pdf", "document-pdf"), ("b.png", "image"), ("c.jpeg", "image"), ("d.odt", "fichier")],
)
def test_each_file_has_the_pictogram_of_its_type(name, icon):
    assert kind_of(Path(name)) == icon


@pytest.fixture
def picker(qtbot):
    window = QWidget()  # what the shell is to the picker: the window it covers
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    yield FilePicker(window)
    window.close()


@pytest.fixture
def session_files(tmp_path: Path) -> list[Path]:
    pdf = tmp_path / "attestation.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG")
    return [pdf, photo, tmp_path / "deleted-since.pdf"]


def _later(action) -> None:
    QTimer.singleShot(30, action)


def test_a_tap_on_a_file_returns_it(picker, session_files):
    seen = []
    picker.opened.connect(lambda: seen.append([b.label() for b in picker.file_buttons]))
    picker.opened.connect(lambda: _later(picker.file_buttons[1].click))
    chosen = picker.choose(session_files, [])
    assert chosen == [str(session_files[1])]
    assert seen[0][0].startswith("attestation.pdf (") and len(seen[0]) == 2  # gone: not shown
    assert not picker.isVisible() and not picker.is_choosing()


def test_only_the_files_the_field_takes_are_offered(picker, session_files):
    seen = []
    picker.opened.connect(lambda: seen.append(len(picker.file_buttons)))
    picker.opened.connect(lambda: _later(picker.cancel))
    assert picker.choose(session_files, ["image/*"]) == []
    assert seen == [1]


@pytest.mark.parametrize("how", ["annuler", "hidden", "parent hidden", "cancel"])
def test_every_way_out_ends_the_loop_with_no_file(picker, session_files, how):
    actions = {
        "annuler": lambda: QTest.mouseClick(picker.cancel_button, Qt.MouseButton.LeftButton),
        "hidden": picker.hide,
        "parent hidden": lambda: picker.parentWidget().hide(),
        "cancel": picker.cancel,
    }
    picker.opened.connect(lambda: _later(actions[how]))
    assert picker.choose(session_files, []) == []
    assert not picker.is_choosing()


def test_a_second_request_while_one_is_open_gets_nothing(picker, session_files):
    second = []
    picker.opened.connect(lambda: _later(lambda: second.append(picker.choose(session_files))))
    picker.opened.connect(lambda: QTimer.singleShot(60, picker.cancel))
    assert picker.choose(session_files, []) == []
    assert second == [[]]
