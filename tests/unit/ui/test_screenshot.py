"""`kiosk screenshot` renders every screen into a PNG that is not blank."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from kiosk.ui.screenshot import SCREENS, render


def _distinct_colours(image: QImage, step: int = 16) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen_renders_something(qapp, tmp_path, screen):
    out = render(screen, "fr", (1280, 1024), tmp_path / f"{screen}.png")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 1024)
    assert _distinct_colours(image) >= 3, f"{screen} looks blank"


def test_screens_differ_from_each_other(qapp, tmp_path):
    images = {s: QImage(str(render(s, "fr", (640, 400), tmp_path / f"{s}.png"))) for s in SCREENS}
    distinct = {bytes(img.constBits()) for img in images.values()}
    assert len(distinct) == len(SCREENS)


def test_command_lists_screens_and_refuses_unknown_ones(tmp_path):
    listed = subprocess.run(
        [sys.executable, "-m", "kiosk", "screenshot", "--screen", "list"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert listed.stdout.split() == list(SCREENS)
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "screenshot",
            "--screen",
            "nope",
            "--out",
            str(tmp_path / "x.png"),
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--screen list" in bad.stderr


def test_command_writes_the_png(tmp_path):
    out = tmp_path / "home-ar.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "screenshot",
            "--screen",
            "home",
            "--lang",
            "ar",
            "--out",
            str(out),
            "--size",
            "1080x1920",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1080, 1920)
