"""The private per-session folder: 0700, removed with everything in it, verified gone."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.session.folder import PREFIX, SessionFolderError, SessionFolders, SessionFolderWiper
from kiosk.session.wipe import WipeRunner


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that lets group and others in, as a careless service file might set."""
    old = os.umask(0o000)
    yield
    os.umask(old)


@pytest.fixture
def folders(tmp_path: Path) -> SessionFolders:
    return SessionFolders(tmp_path / "run" / "sessions")


def plant(folder: Path) -> None:
    (folder / "attestation.pdf").write_bytes(b"%PDF-1.4")
    (folder / "telechargements").mkdir()
    (folder / "telechargements" / "avis.txt").write_text("revenu fiscal")


def test_create_makes_a_private_folder_inside_a_private_root(folders, loose_umask):
    path = folders.create()

    assert path.is_dir()
    assert path.parent == folders.root
    assert path.name.startswith(PREFIX)
    assert folders.current == path
    assert mode(path) == 0o700
    assert mode(folders.root) == 0o700
    assert path.stat().st_uid == os.getuid()


def test_create_tightens_a_root_that_others_can_read(folders):
    folders.root.mkdir(parents=True)
    folders.root.chmod(0o755)
    folders.create()
    assert mode(folders.root) == 0o700


def test_each_session_gets_a_new_folder_name(folders):
    first = folders.create()
    folders.remove()
    second = folders.create()
    assert first != second
    assert not first.exists()


def test_a_second_folder_is_refused_while_one_is_live(folders):
    folders.create()
    with pytest.raises(SessionFolderError):
        folders.create()


def test_remove_deletes_the_folder_with_everything_in_it_and_counts(folders):
    path = folders.create()
    plant(path)

    assert folders.remove() == 3  # a file, a subfolder, and the file inside it

    assert not path.exists()
    assert folders.current is None
    assert folders.leftovers() == []
    assert folders.remove() == 0  # nothing left to remove


def test_remove_does_not_follow_a_link_out_of_the_session_folder(folders, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the session's")
    path = folders.create()
    (path / "link").symlink_to(outside, target_is_directory=True)

    folders.remove()

    assert not path.exists()
    assert (outside / "keep.txt").read_text() == "not the session's"


def test_leftovers_of_a_crashed_run_are_removed_and_other_files_left_alone(folders):
    folders.prepare_root()
    for name in ("session-0123456789abcdef", "session-deadbeefdeadbeef"):
        crashed = folders.root / name
        crashed.mkdir(mode=0o700)
        plant(crashed)
    (folders.root / "session-stray-file").write_text("half-written download")
    (folders.root / "README.txt").write_text("IT notes")
    (folders.root / "other").mkdir()
    (folders.root / "other" / "keep.txt").write_text("keep")

    removed = SessionFolders(folders.root).remove_leftovers()  # a fresh start-up

    assert removed == 3
    assert sorted(p.name for p in folders.root.iterdir()) == ["README.txt", "other"]
    assert (folders.root / "other" / "keep.txt").read_text() == "keep"


def test_a_leftover_link_is_removed_without_touching_its_target(folders, tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    folders.prepare_root()
    (folders.root / "session-link").symlink_to(target, target_is_directory=True)

    assert folders.remove_leftovers() == 1

    assert not (folders.root / "session-link").is_symlink()
    assert (target / "keep.txt").read_text() == "keep"


def test_remove_leftovers_on_a_first_start_creates_the_private_root(folders):
    assert folders.remove_leftovers() == 0
    assert folders.root.is_dir()
    assert mode(folders.root) == 0o700


def test_a_leftover_that_cannot_be_removed_stops_the_start_up(folders, monkeypatch):
    folders.prepare_root()
    (folders.root / "session-0123456789abcdef").mkdir()
    monkeypatch.setattr(shutil, "rmtree", lambda *args, **kwargs: None)
    with pytest.raises(SessionFolderError):
        folders.remove_leftovers()


def test_the_root_must_not_be_a_link(folders, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    folders.root.parent.mkdir(parents=True)
    folders.root.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(SessionFolderError):
        folders.create()


def test_the_folder_wiper_removes_and_verifies(folders):
    path = folders.create()
    plant(path)

    report = SessionFolderWiper(folders).wipe_and_verify()

    assert report.ok
    assert report.wiper == "session_folder"
    assert report.counts == {"entries_removed": 3, "folders_remaining": 0}
    assert not path.exists()


def test_the_folder_wiper_fails_when_the_folder_stays(folders, monkeypatch):
    path = folders.create()
    plant(path)
    monkeypatch.setattr(shutil, "rmtree", lambda *args, **kwargs: None)

    report = SessionFolderWiper(folders).wipe_and_verify()

    assert not report.ok
    assert "1 session folder" in report.reason
    assert report.counts["entries_removed"] == 0  # nothing was removed: do not claim it
    assert path.exists()


def test_the_folder_wiper_fails_when_a_stray_session_folder_is_found(folders):
    folders.create()
    (folders.root / "session-unknown").mkdir()
    report = SessionFolderWiper(folders).wipe_and_verify()
    assert not report.ok


def test_an_undeletable_folder_makes_the_whole_wipe_fail_after_its_retries(
    qtbot, folders, monkeypatch
):
    folders.create()
    calls: list[object] = []
    monkeypatch.setattr(shutil, "rmtree", lambda *args, **kwargs: calls.append(args))
    runner = WipeRunner(timeout_s=1, retries=2)
    runner.register(SessionFolderWiper(folders))

    with qtbot.waitSignal(runner.finished, timeout=2000) as finished:
        runner.run()

    outcome = finished.args[0]
    assert not outcome.ok
    assert outcome.failed.wiper == "session_folder"
    assert len(calls) == 3
