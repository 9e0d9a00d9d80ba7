"""Accessibility (EN 301 549): themes, letter height on the screen, visible focus,
keyboard and switch access, names and roles for assistive technologies (AT-SPI)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QFontInfo, QFontMetrics, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from kiosk.config import ConfigError
from kiosk.config.loader import parse
from kiosk.config.schema import DisplaySettings
from kiosk.ui import fonts
from kiosk.ui.overlays import DisplayPanel
from kiosk.ui.screenshot import SCREENS, prepare, render
from kiosk.ui.theme import (
    BASE_TEXT_PT,
    BORDER_PX,
    CONTRASTS,
    FOCUS_BORDER_PX,
    MIN_CAP_HEIGHT_MM,
    NOTO_CAP_RATIO,
    PALETTES,
    SELECTED_BORDER_PX,
    SELECTED_FOCUS_BORDER_PX,
    TEXT_SCALES,
    body_cap_heights_mm,
    cap_height_mm,
    contrast_ratio,
    luminance,
    style_sheet,
)
from kiosk.ui.widgets import BigButton
from tests.conftest import config_with

OVERLAY_SCREENS = ("print-preview", "help", "display", "notice", "idle-warning", "confirm-end")


def _choices(name: str) -> tuple[str, ...]:
    field = next(f for f in dataclasses.fields(DisplaySettings) if f.name == name)
    choices: tuple[str, ...] = field.metadata["kiosk"].choices
    return choices


def settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


def _on(kiosk: Any, screen: str, size: tuple[int, int] = (1920, 1080)) -> Any:
    shell = kiosk.shell
    shell.resize(*size)
    prepare(kiosk, screen, "fr")
    settle()
    return shell


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled()


def _open_overlay(shell: Any) -> QWidget | None:
    name = shell.open_overlay_name()
    return None if name is None else shell.overlays[name]


def _expected_buttons(shell: Any) -> list[BigButton]:
    """The buttons a resident can act on now: the open overlay's, or every shown one."""
    overlay = _open_overlay(shell)
    root = overlay if overlay is not None else shell
    return [b for b in root.findChildren(BigButton) if _shown(b)]


def _focusable(shell: QWidget) -> list[QWidget]:
    return [
        w
        for w in shell.findChildren(QWidget)
        if _shown(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def _tab_through(shell: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    """Presses Tab (or Shift+Tab) twice round the window's focus chain; what took the focus.

    Each widget must be on the screen when it takes the focus (not scrolled away).
    """
    reached: list[QWidget] = []
    for _ in range(2 * len(_focusable(shell)) + 2):
        widget = QApplication.focusWidget() or shell
        QTest.keyClick(widget, key)
        focused = QApplication.focusWidget()
        if focused is not None:
            settle()
            seen, whole = _seen(focused, shell), _rect_in(focused, shell)
            assert seen == whole, f"focus out of sight on {focused}: {seen} of {whole}"
            reached.append(focused)
    return reached


def _rect_in(widget: QWidget, shell: QWidget) -> QRect:
    return QRect(widget.mapTo(shell, QPoint(0, 0)), widget.size())


def _seen(widget: QWidget, shell: QWidget) -> QRect:
    """The part of `widget` on the screen: a scroll area shows only its viewport."""
    rect = _rect_in(widget, shell).intersected(shell.rect())
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            rect = rect.intersected(_rect_in(parent.viewport(), shell))
        parent = parent.parentWidget()
    return rect


# 1. Colour themes


def test_every_theme_is_offered_on_the_kiosk_and_in_the_configuration():
    assert set(CONTRASTS) == set(PALETTES) == {"standard", "high", "dark"}
    assert set(_choices("contrast")) == set(PALETTES)
    assert [key for key, _label in DisplayPanel.CONTRASTS] == list(CONTRASTS)
    assert set(_choices("text_size")) == set(TEXT_SCALES)
    assert [key for key, _label in DisplayPanel.SIZES] == list(TEXT_SCALES)


def test_the_dark_theme_is_light_text_on_a_dark_grey_background():
    dark = PALETTES["dark"]
    assert dark.window.upper() != "#000000"
    assert 0 < luminance(dark.window) < 0.05  # dark, not black
    assert luminance(dark.text) > 0.7
    assert all(luminance(fg) > luminance(bg) for fg, bg in dark.pairs().values())


@pytest.mark.parametrize("contrast", list(PALETTES))
def test_focus_and_edges_stand_out_from_the_window(contrast):
    """Non-text contrast (WCAG 1.4.11): 3:1 for the focus ring and the buttons' edges."""
    palette = PALETTES[contrast]
    assert contrast_ratio(palette.focus, palette.window) >= 3.0
    assert contrast_ratio(palette.border, palette.window) >= 3.0


def test_the_display_panel_offers_three_themes_marked_in_words_and_by_a_border(make_kiosk):
    kiosk = make_kiosk()
    shell = _on(kiosk, "display")
    panel = shell.display_panel
    buttons = panel.contrast_buttons
    assert list(buttons) == ["standard", "high", "dark"]
    assert all(b.isVisible() for b in buttons.values())
    buttons["dark"].click()
    settle()
    assert shell.state.contrast == "dark"
    for key, button in buttons.items():
        chosen = key == "dark"
        assert ("(choisi)" in button.label()) is chosen
        assert button.property("selected") == ("true" if chosen else "false")
    assert panel.isVisible()  # the resident sees the change, and can change again
    assert shell.styleSheet() == style_sheet("dark", shell.state.text_size)


# 2. Text size: capital letters on the screen


def test_the_screen_height_setting_defaults_to_a_24_inch_screen_and_is_checked():
    assert DisplaySettings().screen_height_mm == pytest.approx(299)
    assert parse("[display]\nscreen_height_mm = 531\n").display.screen_height_mm == 531
    with pytest.raises(ConfigError):
        parse("[display]\nscreen_height_mm = 20\n")
    with pytest.raises(ConfigError):
        parse('[display]\nscreen_height_mm = "24 pouces"\n')


def test_cap_height_follows_points_ratio_and_screen():
    # 72 pt at 96 dpi is 96 px; a ratio of 0.5 gives 48 px; at 4 px per mm, 12 mm.
    assert cap_height_mm(72, 0.5, 4.0) == pytest.approx(12.0)
    assert cap_height_mm(72, 0.5, 4.0, dpi=72) == pytest.approx(9.0)


def test_the_largest_body_text_has_capitals_of_4_8_mm_on_the_default_screen():
    heights = body_cap_heights_mm(1080, DisplaySettings().screen_height_mm)
    assert list(heights) == ["normal", "large", "larger"]
    assert heights["normal"] < heights["large"] < heights["larger"]
    assert heights["larger"] >= MIN_CAP_HEIGHT_MM


def test_noto_sans_has_the_cap_height_ratio_the_computation_assumes(qapp):
    font = fonts.kiosk_font(BASE_TEXT_PT * 4)
    ratio = QFontMetrics(font).capHeight() / QFontInfo(font).pixelSize()
    assert ratio == pytest.approx(NOTO_CAP_RATIO, abs=0.02)


@pytest.mark.parametrize("screen", ["step-info", "help", "confirm-end"])
def test_rendered_body_text_at_the_largest_size_has_capitals_of_4_8_mm(make_kiosk, screen):
    config = config_with(display={"text_size": "larger"}, session={"warning_sound": False})
    kiosk = make_kiosk(config)
    shell = _on(kiosk, screen)
    px_per_mm = shell.height() / config.display.screen_height_mm
    body = [
        label
        for label in shell.findChildren(QLabel)
        if label.text()
        and label.isVisible()
        and not label.property("role")
        and not isinstance(label.parentWidget(), QAbstractButton)
    ]
    assert body
    for label in body:
        cap_mm = QFontMetrics(label.font()).capHeight() / px_per_mm
        assert cap_mm >= MIN_CAP_HEIGHT_MM, f"{label.text()!r}: capitals of {cap_mm:.2f} mm"


# 3. The keyboard focus is always visible, and not by colour alone


def _border_widths(sheet: str) -> dict[str, int]:
    """Border width of each QPushButton rule of the style sheet that sets one."""
    widths = {}
    for selector, body in re.findall(r"(QPushButton[^{,]*)\{([^}]*)\}", sheet):
        found = re.search(r"border(?:-width)?:\s*(\d+)px", body)
        if found:
            widths[selector.strip()] = int(found.group(1))
    return widths


@pytest.mark.parametrize("contrast", list(PALETTES))
def test_the_style_sheet_gives_the_focus_its_own_border_width(contrast):
    widths = _border_widths(style_sheet(contrast, "normal"))
    assert widths["QPushButton"] == BORDER_PX
    assert widths['QPushButton[kind="bar"]'] == BORDER_PX
    assert widths['QPushButton[selected="true"]'] == SELECTED_BORDER_PX
    assert widths["QPushButton:focus"] == FOCUS_BORDER_PX
    assert widths['QPushButton[selected="true"]:focus'] == SELECTED_FOCUS_BORDER_PX
    assert FOCUS_BORDER_PX >= 2 * BORDER_PX  # the focus never only changes colour
    assert SELECTED_FOCUS_BORDER_PX > SELECTED_BORDER_PX  # ...nor thins a chosen button's


def _run(image: QImage, colour: QColor) -> int:
    """How many pixels from the left edge, at mid-height, are `colour`."""
    y = image.height() // 2
    run = 0
    while run < image.width() // 2 and image.pixelColor(run, y) == colour:
        run += 1
    return run


@pytest.mark.parametrize("selected", [False, True], ids=["plain", "chosen"])
@pytest.mark.parametrize("kind", ["plain", "accent", "danger", "bar"])
@pytest.mark.parametrize("contrast", list(PALETTES))
def test_a_focused_button_has_a_thicker_border(qtbot, contrast, kind, selected):
    window = QWidget()
    window.setObjectName("Shell")
    window.setStyleSheet(style_sheet(contrast, "normal"))
    row = QHBoxLayout(window)
    button = BigButton("oui", kind=kind, parent=window)
    button.set_label("Continuer")
    button.set_contrast(contrast)
    button.setProperty("selected", "true" if selected else "false")
    other = BigButton("non", parent=window)
    other.set_label("Retour")
    row.addWidget(button)
    row.addWidget(other)
    qtbot.addWidget(window)
    window.resize(700, 200)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    at_rest = button.grab().toImage()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    focused = button.grab().toImage()

    palette = PALETTES[contrast]
    inside = QColor(
        {"accent": palette.accent, "danger": palette.danger, "bar": palette.bar}.get(
            kind, palette.button
        )
    )
    focus, y = QColor(palette.focus), focused.height() // 2
    width = SELECTED_FOCUS_BORDER_PX if selected else FOCUS_BORDER_PX
    assert _run(focused, focus) == width  # a ring of the focus colour, this thick...
    assert _run(at_rest, focus) == 0
    assert at_rest.pixelColor(width - 1, y) == inside  # ...where the border was thinner
    changed = [x for x in range(width) if focused.pixelColor(x, y) != at_rest.pixelColor(x, y)]
    assert changed == list(range(width))


# 4. Keyboard and switch access: Tab reaches every button, Enter and Space press it


@pytest.mark.parametrize("screen", list(SCREENS))
def test_tab_and_shift_tab_reach_every_button(make_kiosk, screen):
    kiosk = make_kiosk()
    shell = _on(kiosk, screen)
    expected = _expected_buttons(shell)
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        reached = _tab_through(shell, key)
        missed = [b.label() for b in expected if b not in reached]
        assert missed == [], f"{key.name} never reaches {missed}"


@pytest.mark.parametrize("screen", OVERLAY_SCREENS)
def test_tab_stays_in_the_open_overlay(make_kiosk, screen):
    """What lies under the shade cannot take the focus: the focus would not be seen."""
    kiosk = make_kiosk()
    shell = _on(kiosk, screen)
    overlay = _open_overlay(shell)
    assert overlay is not None
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        outside = [
            w.accessibleName() or type(w).__name__
            for w in _tab_through(shell, key)
            if not overlay.isAncestorOf(w)
        ]
        assert outside == [], f"{key.name} leaves the overlay"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_enter_return_and_space_press_every_button(make_kiosk, screen):
    kiosk = make_kiosk()
    shell = _on(kiosk, screen)
    keys = [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    ]
    presses: list[BigButton] = []
    for button in _expected_buttons(shell):
        button.clicked.disconnect()  # count the presses; the kiosk does not follow them
        button.clicked.connect(lambda _checked=False, b=button: presses.append(b))
        button.setFocus()
        assert QApplication.focusWidget() is button
        for key, modifier in keys:
            QTest.keyClick(button, key, modifier)
        count = presses.count(button)
        assert count == len(keys), f"{button.label()!r}: {count} presses of {len(keys)}"


def test_enter_holds_the_button_down_until_released_as_space_does(qtbot):
    button = BigButton("ecouter")
    button.set_label("Écouter")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    button.activateWindow()
    button.setFocus()
    events: list[str] = []
    button.pressed.connect(lambda: events.append("pressed"))
    button.clicked.connect(lambda: events.append("clicked"))
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        QTest.keyPress(button, key)
        assert button.isDown() and events == ["pressed"]  # a long press holds
        QTest.keyRelease(button, key)
        assert not button.isDown() and events == ["pressed", "clicked"]
        events.clear()
    QTest.keyClick(button, Qt.Key.Key_A)
    assert events == []


# 5. Names and roles for assistive technologies (AT-SPI)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_button_has_a_name_and_the_button_role(make_kiosk, screen):
    kiosk = make_kiosk()
    shell = _on(kiosk, screen)
    for button in shell.findChildren(QAbstractButton):
        if not _shown(button):
            continue
        interface = QAccessible.queryAccessibleInterface(button)
        assert interface is not None and interface.isValid()
        name = interface.text(QAccessible.Text.Name)
        assert name.strip(), f"{button} has no accessible name"
        assert interface.role() == QAccessible.Role.Button, f"{name!r}: {interface.role()}"
        if isinstance(button, BigButton):
            assert name == button.label()


@pytest.mark.parametrize(
    "screen",
    list(SCREENS),
)
def test_every_focusable_widget_has_a_name(make_kiosk, screen):
    kiosk = make_kiosk()
    shell = _on(kiosk, screen)
    nameless = []
    for widget in _focusable(shell):
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            nameless.append(f"{type(widget).__name__}#{widget.objectName()}")
    assert nameless == []


@pytest.mark.parametrize("screen", list(SCREENS))
def test_labels_with_words_are_static_text(make_kiosk, screen):
    kiosk = make_kiosk()
    shell = _on(kiosk, screen)
    labels = [label for label in shell.findChildren(QLabel) if label.text() and label.isVisible()]
    assert labels
    for label in labels:
        interface = QAccessible.queryAccessibleInterface(label)
        assert interface is not None
        assert interface.role() == QAccessible.Role.StaticText
        assert interface.text(QAccessible.Text.Name).strip(), f"{label.text()!r} has no name"


# 6. Screenshots in every text size and theme


def _distinct_colours(image: QImage, step: int = 16) -> int:
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        }
    )


@pytest.mark.parametrize("screen", ["home", "step-choice"])
def test_every_text_size_and_theme_renders_differently(qapp, tmp_path, screen):
    size = (1280, 720)
    images = {}
    for contrast in PALETTES:
        for text_size in TEXT_SCALES:
            out = tmp_path / f"{screen}-{contrast}-{text_size}.png"
            image = QImage(
                str(render(screen, "fr", size, out, contrast=contrast, text_size=text_size))
            )
            assert (image.width(), image.height()) == size
            assert _distinct_colours(image) >= 3, f"{contrast}/{text_size} looks blank"
            corner = image.pixelColor(10, image.height() - 10)  # the screen's margin
            assert corner == QColor(PALETTES[contrast].window), f"{contrast}: {corner.name()}"
            images[contrast, text_size] = bytes(image.constBits())
    assert len(set(images.values())) == len(images)
