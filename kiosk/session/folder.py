"""The private per-session folder: created 0700 at session start, removed at wipe.

Downloads, print files and anything else a session writes live here and nowhere else.
Folders left by a run that crashed are removed at start-up, before anything is shown.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

from kiosk.session.wipe import SyncWiper, WipeReport

log = logging.getLogger(__name__)

PREFIX = "session-"


class SessionFolderError(RuntimeError):
    pass


def _count_entries(path: Path) -> int:
    count = 0
    for _root, dirs, files in os.walk(path):
        count += len(dirs) + len(files)
    return count


def _remove_entry(path: Path) -> bool:
    """Removes a folder with its contents, or a file or link (never its target); True if gone."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
    return not os.path.lexists(path)


class SessionFolders:
    """Owns the root folder and at most one live session folder in it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.current: Path | None = None

    def prepare_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = self.root.lstat()
        # A link could point the session files anywhere, and be swapped later on.
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            raise SessionFolderError(f"{self.root} is not a plain folder")
        if info.st_uid != os.getuid():
            raise SessionFolderError(f"{self.root} belongs to another user")
        if stat.S_IMODE(info.st_mode) != 0o700:
            self.root.chmod(0o700)

    def remove_leftovers(self) -> int:
        """Removes session folders left by a crashed run; returns how many were removed."""
        self.prepare_root()
        removed = 0
        for entry in self.root.iterdir():
            if entry.name.startswith(PREFIX):
                if not _remove_entry(entry):
                    raise SessionFolderError(
                        f"could not remove a leftover session folder: {entry.name}"
                    )
                removed += 1
        if removed:
            log.info("startup: removed %d leftover session folder(s)", removed)
        return removed

    def create(self) -> Path:
        self.prepare_root()
        if self.current is not None and os.path.lexists(self.current):
            raise SessionFolderError("a session folder already exists")
        path = self.root / f"{PREFIX}{os.urandom(8).hex()}"
        path.mkdir(mode=0o700)
        path.chmod(0o700)  # mkdir's mode is filtered by the umask
        self.current = path
        return path

    def remove(self) -> int:
        """Removes the live folder; returns how many files and folders inside were removed."""
        path = self.current
        if path is None or not os.path.lexists(path):
            self.current = None
            return 0
        before = _count_entries(path)
        if _remove_entry(path):
            self.current = None
            return before
        return before - _count_entries(path)

    def leftovers(self) -> list[Path]:
        if not self.root.exists():
            return []
        return [entry for entry in self.root.iterdir() if entry.name.startswith(PREFIX)]


class SessionFolderWiper(SyncWiper):
    """Removes the session folder, then checks that no session folder remains."""

    name = "session_folder"

    def __init__(self, folders: SessionFolders) -> None:
        self._folders = folders

    def wipe_and_verify(self) -> WipeReport:
        removed = self._folders.remove()
        remaining = self._folders.leftovers()
        if remaining:
            return WipeReport.failed(
                self.name,
                f"{len(remaining)} session folder(s) still present",
                entries_removed=removed,
            )
        return WipeReport.clean(self.name, entries_removed=removed, folders_remaining=0)
