"""Layers point one way: only kiosk/ui and kiosk/web import widgets, QtWebEngine or QML."""

from __future__ import annotations

import ast
from pathlib import Path

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"
UI_ONLY = (
    "PySide6.QtWidgets",
    "PySide6.QtWebEngine",
    "PySide6.QtQuick",
    "PySide6.QtMultimedia",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSvgWidgets",
)
ALLOWED = ("ui", "web")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_logic_layers_import_no_widgets():
    offenders = []
    for path in sorted(KIOSK.rglob("*.py")):
        parts = path.relative_to(KIOSK).parts
        if parts[0] in ALLOWED:
            continue
        for name in _imports(path):
            if name.startswith(UI_ONLY):
                offenders.append(f"{path.relative_to(KIOSK.parent)} imports {name}")
    assert offenders == []


def test_the_scan_sees_real_imports():
    shell = _imports(KIOSK / "ui" / "shell.py")
    assert any(name.startswith("PySide6.QtWidgets") for name in shell)
