"""Clipboard wiper: empties the clipboard and the X11 primary selection, then checks."""

from __future__ import annotations

from PySide6.QtGui import QClipboard, QGuiApplication

from kiosk.session.wipe import SyncWiper, WipeReport


class ClipboardWiper(SyncWiper):
    name = "clipboard"

    def wipe_and_verify(self) -> WipeReport:
        clipboard = QGuiApplication.clipboard()
        modes = [QClipboard.Mode.Clipboard]
        if clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        had = 0
        for mode in modes:
            data = clipboard.mimeData(mode)
            if data is not None and data.formats():
                had += 1
            clipboard.clear(mode)
        left = 0
        for mode in modes:
            data = clipboard.mimeData(mode)
            if data is not None and data.formats():
                left += 1
        if left:
            return WipeReport.failed(self.name, f"{left} clipboard buffer(s) not empty")
        return WipeReport.clean(self.name, buffers_checked=len(modes), buffers_cleared=had)
