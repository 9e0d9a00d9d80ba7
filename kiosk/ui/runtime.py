"""The widget side of start-up: the QApplication, the window's mode, the input filter."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.shell import ShellWindow
from kiosk.web.devtools import refuse_remote_debugging


def application() -> QApplication:
    # QtWebEngine is loaded after the first paint; it needs shared OpenGL contexts, which
    # can only be asked for before the QApplication exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # Never a devtools port, whatever the environment says (read once, when QtWebEngine starts).
    refuse_remote_debugging(sys.argv, os.environ)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kiosk")
    return app


def watch_activity(shell: QWidget, on_activity: Callable[[], None]) -> QObject:
    """Every touch, click, key or wheel in the kiosk's window counts as activity.

    Watched on the window (QWindow), where all real input arrives before Qt hands it to
    a widget, the web views and the on-screen keyboard included. Not on the whole
    application: with QtWebEngine, PySide6 6.12 crashed wrapping Chromium's objects for
    an application-wide Python filter (a download was enough; see FIELD-NOTES.md work).
    """
    from kiosk.ui.activity import ActivityFilter

    activity = ActivityFilter(on_activity, shell)
    window_of(shell).installEventFilter(activity)
    return activity


def window_of(widget: QWidget) -> QWindow:
    """The native window of `widget`'s top-level widget (made if it is not shown yet)."""
    top = widget.window()
    handle = top.windowHandle()
    if handle is None:
        top.winId()  # creates it
        handle = top.windowHandle()
    assert handle is not None
    return handle


def show(shell: ShellWindow, *, fullscreen: bool, size: tuple[int, int] | None) -> None:
    if fullscreen:
        shell.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        # With no window manager (X11 kiosks), nobody else sizes the window: cover the
        # screen ourselves, and follow it if it changes (a monitor swapped or rotated).
        screen = QGuiApplication.primaryScreen()
        shell.setGeometry(screen.geometry())
        screen.geometryChanged.connect(shell.setGeometry)
        shell.showFullScreen()
    else:
        width, height = size or (1280, 800)
        shell.resize(width, height)
        shell.show()
    shell.activateWindow()


def dispose(shell: QWidget) -> None:
    """Deletes the window and all it holds while the QApplication still exists.

    Left to the interpreter's exit, the web view's last page outlived QtWebEngine's own
    teardown ("Release of profile requested but WebEnginePage still not deleted").
    """
    import shiboken6

    if shiboken6.isValid(shell):
        shiboken6.delete(shell)
