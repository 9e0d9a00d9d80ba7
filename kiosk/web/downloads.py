"""Downloads land in the session folder only, under a safe name that never overwrites.

Chromium proposes the name the site sent; it may hold path separators, control characters,
a leading dot or be empty, and two downloads may share a name. The folder is the session's,
which the wipe removes, so nothing downloaded outlives the session.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_NAME = 120
PARTIAL_SUFFIX = ".crdownload"  # Chromium's file while a download is running
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(proposed: str) -> str:
    """A plain file name from what the site proposed: no folders, no hidden file, not empty."""
    name = unicodedata.normalize("NFC", proposed)
    name = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cf", "Cc", "Zl", "Zp"))
    name = name.strip().lstrip(".").strip()
    if not name or set(name) <= {"_", "."}:
        name = "document"
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_NAME]
    return name


def unique_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)`, `name (3)`... if taken: a download never overwrites."""
    candidate = folder / name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    number = 2
    while candidate.exists() or candidate.is_symlink():
        suffix = f".{ext}" if ext else ""
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def inside(folder: Path, path: Path) -> bool:
    """True if `path` is a regular file really inside `folder` (links resolved)."""
    try:
        real = path.resolve(strict=True)
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real.is_file() and real.parent == root


def session_files(folder: Path | None) -> list[Path]:
    """The files downloaded during this session, oldest first."""
    if folder is None or not folder.is_dir():
        return []
    files = [
        path for path in folder.iterdir() if inside(folder, path) and path.suffix != PARTIAL_SUFFIX
    ]
    return sorted(files, key=lambda path: (path.stat().st_mtime_ns, path.name))
