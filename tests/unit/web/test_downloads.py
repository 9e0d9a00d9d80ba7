"""Download names: never a folder, a hidden file or an overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.web.downloads import inside, safe_name, session_files, unique_path


@pytest.mark.parametrize(
    ("proposed", "expected"),
    [
        ("attestation.pdf", "attestation.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        (".bashrc", "bashrc"),
        ("", "document"),
        ("...", "document"),
        ("a\x00b\nc.pdf", "a_b_c.pdf"),
        ("avis\u202egnp.exe", "avisgnp.exe"),
    ],
)
def test_safe_names(proposed: str, expected: str) -> None:
    assert safe_name(proposed) == expected


@given(st.text(max_size=300))
def test_any_proposed_name_is_one_plain_file_name(proposed: str) -> None:
    name = safe_name(proposed)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert len(name) <= 120


def test_unique_paths_never_overwrite(tmp_path: Path) -> None:
    first = unique_path(tmp_path, "avis.pdf")
    first.write_bytes(b"1")
    second = unique_path(tmp_path, "avis.pdf")
    assert second.name == "avis (2).pdf"
    second.write_bytes(b"2")
    assert unique_path(tmp_path, "avis.pdf").name == "avis (3).pdf"
    assert unique_path(tmp_path, "README").name == "README"


def test_session_files_are_only_real_files_inside(tmp_path: Path) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"x")
    (folder / "link.pdf").symlink_to(outside)
    (folder / "sub").mkdir()
    (folder / "partial.pdf.crdownload").write_bytes(b"x")
    real = folder / "avis.pdf"
    real.write_bytes(b"x")
    assert session_files(folder) == [real]
    assert not inside(folder, folder / "link.pdf")
    assert session_files(None) == []
