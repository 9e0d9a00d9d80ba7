"""Baseline for the startup benchmark: the least a PySide6 window can do.

A bare QWidget paints one colour, prints `painted` on its first paintEvent and quits,
just as the kiosk does with KIOSK_EXIT_AFTER_PAINT=1. The kiosk's startup is judged
against this, on the same machine, in the same run.
"""

from __future__ import annotations

import sys
import time

START = time.monotonic()


def main() -> int:
    # Imported here, not at the top: bench/run imports every bench/*.py to find the
    # benchmarks, and this program must cost nothing there.
    from PySide6 import QtCore, QtGui, QtWidgets

    app = QtWidgets.QApplication(sys.argv[:1])

    class Window(QtWidgets.QWidget):
        def __init__(self) -> None:
            super().__init__()
            self._painted = False

        def paintEvent(self, event: QtGui.QPaintEvent) -> None:
            painter = QtGui.QPainter(self)
            painter.fillRect(event.rect(), QtGui.QColor("#1d4f91"))
            painter.end()
            if not self._painted:
                self._painted = True
                print(f"painted {time.monotonic() - START:.4f}", flush=True)
                QtCore.QTimer.singleShot(0, app.quit)

    window = Window()
    window.resize(1280, 800)  # the kiosk's --windowed size
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
