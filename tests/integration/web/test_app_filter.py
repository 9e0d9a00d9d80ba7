"""The running kiosk watches activity with an application-wide Python event filter; with a
web view on screen that crashed PySide 6.12 (segfault) until kiosk.web.view imported QtQuick.
A crash here kills the test run: that is this test failing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from tests.integration.web.conftest import Session


class Counter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen += 1
        return False


@pytest.fixture
def app_filter(qapp: QApplication) -> Iterator[Counter]:
    counter = Counter()
    qapp.installEventFilter(counter)
    yield counter
    qapp.removeEventFilter(counter)


def test_an_application_wide_filter_lives_with_web_views(
    fresh: Session, app_filter: Counter
) -> None:
    assert fresh.load("https://kiosk.test/upload.html")
    fresh.view.setFocus()
    fresh.click("#file")
    assert fresh.wipe().ok
    fresh.open()
    assert fresh.load("https://kiosk.test/pages.html")
    fresh.click("#next")
    assert app_filter.seen > 0
