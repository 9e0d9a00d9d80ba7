"""Every screen at every supported screen size: large targets, large text, nothing cut."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from kiosk.i18n.languages import language, shipped_codes
from kiosk.ui.fonts import missing_glyphs
from kiosk.ui.screenshot import SCREENS, prepare
from kiosk.ui.theme import PALETTES, contrast_ratio
from kiosk.ui.widgets import BigButton
from tests.conftest import config_with

SIZES = [(1920, 1080), (1080, 1920), (1280, 1024)]
MIN_PT = 20
MIN_PX = 80


def _visible(widget: QWidget, shell: QWidget) -> bool:
    return widget.isVisibleTo(shell) and widget.isVisible()


def _rect_in(widget: QWidget, shell: QWidget) -> QRect:
    return QRect(widget.mapTo(shell, QPoint(0, 0)), widget.size())


def _text_problems(label: QLabel, shell: QWidget) -> list[str]:
    text = label.text()
    if not text or not _visible(label, shell):
        return []
    problems = []
    area = label.contentsRect()
    metrics = label.fontMetrics()
    for word in re.split(r"[\s\u200b]+", text):  # Qt breaks at spaces and zero-width ones
        if metrics.horizontalAdvance(word) > area.width():
            problems.append(f"word {word!r} wider than its label ({area.width()} px)")
    if label.wordWrap() and label.heightForWidth(area.width()) > area.height() + 1:
        problems.append(
            f"text {text!r} needs {label.heightForWidth(area.width())} px, has {area.height()}"
        )
    if not label.wordWrap() and metrics.horizontalAdvance(text) > area.width():
        problems.append(f"text {text!r} wider than its label")
    return problems


def settle() -> None:
    """Lets every pending layout request run, as the kiosk's event loop does."""
    for _ in range(6):
        QApplication.processEvents()


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _scrolls(widget: QWidget) -> bool:
    """Inside a scroll area: what lies beyond the screen is reached by dragging."""
    return _scroll_area(widget) is not None


def _seen(widget: QWidget, shell: QWidget) -> QRect:
    """The part of `widget` a resident sees (a scroll area shows only its viewport)."""
    rect = _rect_in(widget, shell)
    area = _scroll_area(widget)
    if area is not None:
        rect = rect.intersected(_rect_in(area.viewport(), shell))
    return rect


def _button_problems(shell: Any) -> list[str]:
    bounds = shell.rect()
    problems = []
    shown = [b for b in shell.findChildren(BigButton) if _visible(b, shell)]
    for button in shown:
        name = button.accessibleName() or button.icon_name
        rect = _rect_in(button, shell)
        if rect.width() < MIN_PX or rect.height() < MIN_PX:
            problems.append(f"{name}: target {rect.width()}x{rect.height()} < {MIN_PX} px")
        if not bounds.contains(rect) and not _scrolls(button):
            problems.append(f"{name}: outside the window {rect}")
        if not button.accessibleName():
            problems.append(f"button {button.icon_name} has no accessible name")
    overlay = shell.open_overlay_name()
    if overlay is not None:  # what lies under the shade is covered, not overlapped
        shown = [b for b in shown if shell.overlays[overlay].isAncestorOf(b)]
    for index, first in enumerate(shown):
        for second in shown[index + 1 :]:
            if _seen(first, shell).intersects(_seen(second, shell)):
                problems.append(f"{first.accessibleName()!r} overlaps {second.accessibleName()!r}")
    return problems


def _label_problems(shell: Any, screen: str, min_pt: float) -> list[str]:
    problems = []
    for label in shell.findChildren(QLabel):
        if not label.text() or not _visible(label, shell):
            continue
        size_pt = QFontInfo(label.font()).pointSizeF()
        if size_pt < min_pt:
            problems.append(f"label {label.text()!r}: {size_pt} pt < {min_pt} pt")
        problems.extend(f"{screen}: {p}" for p in _text_problems(label, shell))
        if not shell.rect().contains(_rect_in(label, shell)) and not _scrolls(label):
            problems.append(f"label {label.text()!r} outside the window")
    return problems


def _check(
    kiosk: Any, screen: str, size: tuple[int, int], min_pt: float, lang: str = "fr"
) -> list[str]:
    shell = kiosk.shell
    shell.resize(*size)
    prepare(kiosk, screen, lang)
    settle()
    return _button_problems(shell) + _label_problems(shell, screen, min_pt)


def _glyph_problems(shell: Any) -> list[str]:
    problems = []
    for label in shell.findChildren(QLabel):
        if label.text() and _visible(label, shell):
            missing = missing_glyphs(label.text())
            if missing:
                problems.append(f"{label.text()!r} has no glyph for {sorted(missing)}")
    return problems


@pytest.mark.parametrize("lang", shipped_codes())
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen_in_every_language_fits_and_has_every_glyph(make_kiosk, screen, lang):
    kiosk = make_kiosk()
    problems = _check(kiosk, screen, (1920, 1080), MIN_PT, lang)
    assert problems + _glyph_problems(kiosk.shell) == []


@pytest.mark.parametrize("lang", [c for c in shipped_codes() if language(c).right_to_left])
def test_right_to_left_languages_mirror_the_layout(make_kiosk, lang):
    kiosk = make_kiosk()
    shell = kiosk.shell
    prepare(kiosk, "step-choice", lang)
    settle()
    bar = shell.top_bar.buttons
    assert _rect_in(bar["home"], shell).x() > _rect_in(bar["end"], shell).x()
    back = shell.flow_screen.back_button
    assert back.isVisible()
    assert _rect_in(back, shell).center().x() > shell.width() // 2  # Retour on the right
    assert shell.flow_screen.layoutDirection() == Qt.LayoutDirection.RightToLeft


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_targets_text_and_fit(make_kiosk, screen, size):
    kiosk = make_kiosk(size=size)
    assert _check(kiosk, screen, size, MIN_PT) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_largest_text_still_fits(make_kiosk, screen, size):
    config = config_with(display={"text_size": "larger"}, session={"warning_sound": False})
    kiosk = make_kiosk(config, size=size)
    assert _check(kiosk, screen, size, MIN_PT) == []


@pytest.mark.parametrize("screen", ["home", "flow", "confirm-end", "idle-warning"])
def test_the_largest_text_is_half_as_big_again_on_the_main_screen_size(make_kiosk, screen):
    config = config_with(display={"text_size": "larger"}, session={"warning_sound": False})
    kiosk = make_kiosk(config)
    kiosk.shell.resize(1920, 1080)
    prepare(kiosk, screen, "fr")
    settle()
    titles = [
        label
        for label in kiosk.shell.findChildren(QLabel)
        if label.property("role") == "title" and _visible(label, kiosk.shell)
    ]
    assert titles
    assert all(QFontInfo(t.font()).pointSizeF() >= 34 * 1.5 - 0.5 for t in titles)


@pytest.mark.parametrize("contrast", list(PALETTES))
def test_every_colour_pair_reaches_seven_to_one(contrast):
    pairs = PALETTES[contrast].pairs()
    weak = {
        name: round(contrast_ratio(fg, bg), 2)
        for name, (fg, bg) in pairs.items()
        if contrast_ratio(fg, bg) < 7.0
    }
    assert weak == {}


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
