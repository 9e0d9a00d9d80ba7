"""Colours, sizes and the style sheet: large text, large targets, strong contrast.

Every foreground/background pair the kiosk paints is declared in `Palette.pairs()` so a
test can check each one against the 7:1 contrast bar (WCAG AAA). Nothing is conveyed
by colour alone: every state also has a pictogram and words, and the keyboard focus a
thicker border (`FOCUS_BORDER_PX`), whatever the theme.

Text size: at the largest size, a capital letter of the body text must be at least
`MIN_CAP_HEIGHT_MM` high on the kiosk's screen (EN 301 549); `body_cap_heights_mm()`
works it out from the screen's physical height (`display.screen_height_mm`).
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_SCALES: dict[str, float] = {"normal": 1.0, "large": 1.25, "larger": 1.5}
CONTRASTS = ("standard", "high", "dark")

BASE_TEXT_PT = 22
TITLE_PT = 34
BUTTON_PT = 22
TOP_BAR_PT = 20
MIN_TARGET_PX = 80
MIN_TEXT_PT = 20

BORDER_PX = 3
"""A button's border at rest."""
SELECTED_BORDER_PX = 8
"""The current choice (with "(choisi)" in its words)."""
FOCUS_BORDER_PX = 6
"""The keyboard focus: twice the border at rest, in the focus colour."""
SELECTED_FOCUS_BORDER_PX = 11
"""The focus on the current choice: thicker still, so the focus never makes a border thinner."""

MIN_CAP_HEIGHT_MM = 4.8
"""Height of a capital letter of the body text at the largest text size, on the screen."""
NOTO_CAP_RATIO = 0.714
"""Noto Sans: capital height / pixel size (714 units per em of 1000)."""
QT_DPI = 96.0
"""Qt turns points into pixels at 96 dots per inch (X11 and offscreen, no scaling)."""


@dataclass(frozen=True)
class Palette:
    window: str
    text: str
    bar: str
    bar_text: str
    button: str
    button_text: str
    accent: str
    accent_text: str
    danger: str
    danger_text: str
    focus: str
    overlay_shade: str
    border: str
    """Buttons', cards' and panels' edges."""

    def pairs(self) -> dict[str, tuple[str, str]]:
        return {
            "text on window": (self.text, self.window),
            "top bar": (self.bar_text, self.bar),
            "button": (self.button_text, self.button),
            "accent button": (self.accent_text, self.accent),
            "danger button": (self.danger_text, self.danger),
        }


PALETTES: dict[str, Palette] = {
    "standard": Palette(
        window="#FFFFFF",
        text="#111111",
        bar="#14213D",
        bar_text="#FFFFFF",
        button="#E8EEF7",
        button_text="#0A1A33",
        accent="#0B3D91",
        accent_text="#FFFFFF",
        danger="#8B0000",
        danger_text="#FFFFFF",
        focus="#B35900",
        overlay_shade="rgba(0, 0, 0, 170)",
        border="#0B3D91",
    ),
    "high": Palette(
        window="#000000",
        text="#FFFFFF",
        bar="#000000",
        bar_text="#FFFF00",
        button="#000000",
        button_text="#FFFF00",
        accent="#FFFF00",
        accent_text="#000000",
        danger="#FFFFFF",
        danger_text="#000000",
        focus="#00FFFF",
        overlay_shade="rgba(0, 0, 0, 220)",
        border="#FFFFFF",
    ),
    # Light text on a dark grey (not black) background: less glare, for sensitive eyes.
    "dark": Palette(
        window="#1B1E24",
        text="#F2F2F2",
        bar="#101216",
        bar_text="#FFFFFF",
        button="#2C313A",
        button_text="#FFFFFF",
        accent="#1D4A8C",
        accent_text="#FFFFFF",
        danger="#8E1B1B",
        danger_text="#FFFFFF",
        focus="#FFB74D",
        overlay_shade="rgba(0, 0, 0, 190)",
        border="#8AB4F8",
    ),
}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    hex_ = colour.lstrip("#")
    r, g, b = (int(hex_[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def pt(size: float, text_size: str) -> int:
    return round(size * TEXT_SCALES[text_size])


def cap_height_mm(
    point_size: float, cap_ratio: float, px_per_mm: float, dpi: float = QT_DPI
) -> float:
    """Height in mm on the screen of a capital letter of a font of `point_size` points.

    `cap_ratio` is the font's capital height over its pixel size
    (QFontMetrics.capHeight() / QFontInfo.pixelSize()); `px_per_mm` is the screen's
    pixels per millimetre (window height in pixels / screen height in mm).
    """
    pixel_size = point_size * dpi / 72
    return pixel_size * cap_ratio / px_per_mm


def body_cap_heights_mm(
    window_height_px: int,
    screen_height_mm: float,
    cap_ratio: float = NOTO_CAP_RATIO,
    dpi: float = QT_DPI,
) -> dict[str, float]:
    """The body text's capital height in mm at each text size, on a full-screen window."""
    px_per_mm = window_height_px / screen_height_mm
    return {
        size: cap_height_mm(pt(BASE_TEXT_PT, size), cap_ratio, px_per_mm, dpi)
        for size in TEXT_SCALES
    }


def style_sheet(contrast: str, text_size: str) -> str:
    p = PALETTES[contrast]
    border = p.border
    return f"""
QWidget#Shell, QWidget#Screen {{ background: {p.window}; color: {p.text}; }}
QLabel {{ color: {p.text}; font-size: {pt(BASE_TEXT_PT, text_size)}pt; }}
QLabel[role="title"] {{ font-size: {pt(TITLE_PT, text_size)}pt; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {pt(BASE_TEXT_PT + 4, text_size)}pt; font-weight: bold; }}
QFrame#PlaceCard {{ background: {p.window}; border: 3px solid {border}; border-radius: 14px; }}
QScrollArea#Places, QScrollArea#Places > QWidget > QWidget,
QScrollArea#StepContent, QScrollArea#StepContent > QWidget > QWidget,
QScrollArea#Document, QScrollArea#Document > QWidget > QWidget {{ background: {p.window}; }}
QScrollArea#Document {{ border: 2px dashed {p.text}; }}
QLabel#Document {{ background: {p.window}; font-family: "DejaVu Sans Mono", monospace; }}
QLabel[role="huge"] {{ font-size: {pt(72, text_size)}pt; font-weight: bold; }}
QWidget#TopBar {{ background: {p.bar}; }}
QPushButton {{
    background: {p.button}; color: {p.button_text};
    border: {BORDER_PX}px solid {border}; border-radius: 14px;
    font-size: {pt(BUTTON_PT, text_size)}pt; padding: 10px 18px;
    min-height: {MIN_TARGET_PX}px; min-width: {MIN_TARGET_PX}px;
}}
QPushButton QLabel {{ color: {p.button_text}; font-size: {pt(BUTTON_PT, text_size)}pt; }}
QPushButton[kind="accent"] {{ background: {p.accent}; color: {p.accent_text}; }}
QPushButton[kind="accent"] QLabel {{ color: {p.accent_text}; }}
QPushButton[kind="danger"] {{ background: {p.danger}; color: {p.danger_text}; }}
QPushButton[kind="danger"] QLabel {{ color: {p.danger_text}; }}
QPushButton[kind="bar"] {{
    background: {p.bar}; color: {p.bar_text}; border: {BORDER_PX}px solid {p.bar_text};
    font-size: {pt(TOP_BAR_PT, text_size)}pt;
}}
QPushButton[kind="bar"] QLabel {{ color: {p.bar_text}; font-size: {pt(TOP_BAR_PT, text_size)}pt; }}
QPushButton[selected="true"] {{ border-width: {SELECTED_BORDER_PX}px; }}
QPushButton:focus {{ border: {FOCUS_BORDER_PX}px solid {p.focus}; }}
QPushButton[selected="true"]:focus {{ border-width: {SELECTED_FOCUS_BORDER_PX}px; }}
QPushButton:pressed {{ border-width: {SELECTED_BORDER_PX}px; }}
QWidget#OverlayShade {{ background: {p.overlay_shade}; }}
QFrame#OverlayCard {{ background: {p.window}; border: 4px solid {border}; border-radius: 20px; }}
"""
