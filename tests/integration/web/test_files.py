"""Downloads land in the session folder under safe names; uploads offer only those files;
the page's own print reaches the kiosk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from tests.integration.web.conftest import Session, pump, wait_until


def _download(session: Session, query: str) -> Path:
    before = len(session.rec.of("downloaded"))
    session.engine.open(f"https://kiosk.test/download?{query}")
    assert wait_until(lambda: len(session.rec.of("downloaded")) > before)
    return Path(session.rec.of("downloaded")[-1][1])


def test_downloads_go_to_the_session_folder_under_a_safe_new_name(fresh: Session) -> None:
    first = _download(fresh, "name=attestation.pdf")
    second = _download(fresh, "name=attestation.pdf")
    sneaky = _download(fresh, "name=..%2F..%2F.bashrc")
    assert first == fresh.downloads / "attestation.pdf"
    assert second.parent == fresh.downloads
    assert second.name.startswith("attestation (") and second.suffix == ".pdf"
    assert sneaky.parent == fresh.downloads
    assert not sneaky.name.startswith(".")
    assert first.read_bytes().startswith(b"%PDF")
    assert fresh.page.session_files() == [first, second, sneaky]


def test_a_pdf_opened_in_the_page_downloads_instead(fresh: Session) -> None:
    fresh.engine.open("https://kiosk.test/inline.pdf")
    assert wait_until(lambda: fresh.rec.of("downloaded"))
    path = Path(fresh.rec.of("downloaded")[0][1])
    assert path.parent == fresh.downloads
    assert path.read_bytes().startswith(b"%PDF")


def test_nothing_downloads_outside_a_session(fresh: Session) -> None:
    assert fresh.wipe().ok  # the engine is now between sessions
    assert not fresh.engine.open("https://kiosk.test/download").allowed
    fresh.open()


def test_uploads_offer_only_this_sessions_files(fresh: Session, tmp_path: Path) -> None:
    mine = _download(fresh, "name=avis.pdf")
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4")
    link = fresh.downloads / "link.pdf"
    link.symlink_to(outside)
    calls: list[tuple[str, list[str]]] = []

    def chooser(mode: str, types: list[str]) -> list[str]:
        calls.append((mode, types))
        return [str(outside), str(link), str(mine)]

    fresh.page.file_chooser = chooser
    assert fresh.load("https://kiosk.test/upload.html")
    fresh.click("#file")
    assert fresh.title_starting("file:") == ["avis.pdf"]
    assert calls == [("one", ["application/pdf"])]
    fresh.click("#files")
    assert fresh.title_starting("files:") == ["avis.pdf"]
    assert calls[-1][0] == "many"


def test_without_a_chooser_an_upload_gets_no_file(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/upload.html")
    fresh.click("#file")
    pump(0.3)
    assert fresh.page.title() == "upload"  # no file reached the page
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]
    assert dialogs == []


def test_the_pages_own_print_reaches_the_kiosk(fresh: Session) -> None:
    assert fresh.load("https://kiosk.test/print.html")
    fresh.click("#print")
    assert wait_until(lambda: fresh.rec.of("print"))
    assert fresh.rec.of("print") == [("print",)]
