"""Colours, sizes and the style sheet: large text, large targets, strong contrast.

Every foreground/background pair the kiosk paints is declared in `Palette.pairs()` so a
test can check each one against the 7:1 contrast bar (WCAG AAA). Nothing is conveyed
by colour alone: every state also has a pictogram and words.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_SCALES: dict[str, float] = {"normal": 1.0, "large": 1.25, "larger": 1.5}
CONTRASTS = ("standard", "high")

BASE_TEXT_PT = 22
TITLE_PT = 34
BUTTON_PT = 22
TOP_BAR_PT = 20
MIN_TARGET_PX = 80
MIN_TEXT_PT = 20


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


def style_sheet(contrast: str, text_size: str) -> str:
    p = PALETTES[contrast]
    border = p.text if contrast == "high" else p.accent
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
    border: 3px solid {border}; border-radius: 14px;
    font-size: {pt(BUTTON_PT, text_size)}pt; padding: 10px 18px;
    min-height: {MIN_TARGET_PX}px; min-width: {MIN_TARGET_PX}px;
}}
QPushButton QLabel {{ color: {p.button_text}; font-size: {pt(BUTTON_PT, text_size)}pt; }}
QPushButton[kind="accent"] {{ background: {p.accent}; color: {p.accent_text}; }}
QPushButton[kind="accent"] QLabel {{ color: {p.accent_text}; }}
QPushButton[kind="danger"] {{ background: {p.danger}; color: {p.danger_text}; }}
QPushButton[kind="danger"] QLabel {{ color: {p.danger_text}; }}
QPushButton[kind="bar"] {{
    background: {p.bar}; color: {p.bar_text}; border: 3px solid {p.bar_text};
    font-size: {pt(TOP_BAR_PT, text_size)}pt;
}}
QPushButton[kind="bar"] QLabel {{ color: {p.bar_text}; font-size: {pt(TOP_BAR_PT, text_size)}pt; }}
QPushButton[selected="true"] {{ border-width: 8px; }}
QPushButton:focus {{ border: 6px solid {p.focus}; }}
QPushButton:pressed {{ border-width: 8px; }}
QWidget#OverlayShade {{ background: {p.overlay_shade}; }}
QFrame#OverlayCard {{ background: {p.window}; border: 4px solid {border}; border-radius: 20px; }}
"""
