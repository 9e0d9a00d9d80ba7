"""Baseline for the web benchmark: a bare, cold QWebEngineView showing one page.

A fresh process makes its QApplication; then, as a kiosk without warm-up does when a
service is tapped, it makes one plain QWebEngineView (Qt's default profile: the engine
starts there), shows it at the kiosk's windowed size and asks it to load the URL given
on the command line. It prints `painted SECONDS`, the time from the view's creation to
its first frame that is not blank (after loadFinished(ok), a grab() that is not one
uniform colour), and `painted_after_load SECONDS`, the same from load() only (the view
already made: the engine's own start left out), then quits. bench/web.py runs it with the same
Chromium flags (host names mapped to the local test server) as the kiosk, and judges the
kiosk's tap-to-page time against it.
"""

from __future__ import annotations

import os
import sys
import time


def not_blank(image: object) -> bool:
    """True when the frame holds more than one colour (the page has been drawn).

    Samples a grid of pixels rather than every one: a page's text anywhere on screen
    changes some of them, and a blank frame leaves them all alike.
    """
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    if image.isNull() or image.width() < 2 or image.height() < 2:
        return False
    small = image.convertToFormat(QImage.Format.Format_RGB32)
    first = small.pixel(0, 0)
    step_x = max(1, small.width() // 160)
    step_y = max(1, small.height() // 120)
    for y in range(0, small.height(), step_y):
        for x in range(0, small.width(), step_x):
            if small.pixel(x, y) != first:
                return True
    return False


def main() -> int:
    # Imported here, not at the top: bench/run imports every bench/*.py to find the
    # benchmarks, and this program must cost nothing there.
    from PySide6 import QtCore, QtWidgets
    from PySide6.QtWebEngineWidgets import QWebEngineView

    url = sys.argv[1]
    app = QtWidgets.QApplication(sys.argv[:1])
    created = time.perf_counter()  # cold: the tap is when a bare kiosk makes its view
    view = QWebEngineView()
    view.resize(1280, 800)  # the kiosk's --windowed size
    view.show()
    loaded: list[bool] = []
    view.loadFinished.connect(loaded.append)
    start = time.perf_counter()
    view.load(QtCore.QUrl(url))
    deadline = start + 30
    while time.perf_counter() < deadline:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if loaded and not loaded[-1]:
            print("failed to load", file=sys.stderr, flush=True)
            return 1
        grabbed_at = time.perf_counter()  # the frame was there when the grab began
        if loaded and not_blank(view.grab().toImage()):
            print(f"painted {grabbed_at - created:.4f}", flush=True)
            print(f"painted_after_load {grabbed_at - start:.4f}", flush=True)
            # Out at once: PySide6 6.12.0 loses a reference to True or None on some emits
            # (kiosk/qtcompat.py mends it in the kiosk), and the interpreter's teardown
            # then aborted now and then. What was measured is printed already.
            os._exit(0)
        time.sleep(0.001)
    print("no painted page within 30 s", file=sys.stderr, flush=True)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
