"""Activity anywhere in the kiosk (touch, click, key, wheel) resets the idle timer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)


class ActivityFilter(QObject):
    """Installed on the QApplication, so it also sees input to web views later on."""

    def __init__(self, on_activity: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_activity = on_activity

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # One input reaches several receivers (window, widget, parents): reporting it more
        # than once only restarts the idle timer again, which is harmless.
        if event.type() in ACTIVITY_EVENTS:
            self._on_activity()
        return False
