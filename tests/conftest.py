"""Shared test set-up: offscreen Qt, one QApplication, a kiosk built like the real one."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
# QtWebEngine: Chromium reads its flags once, so the local web servers start here and the
# production host names map to them (tests/integration/web/servers.py). As root, Chromium
# runs only without its sandbox (FIELD-NOTES.md); the kiosk itself runs as a plain user.
from tests.integration.web.servers import chromium_flags

if os.getuid() == 0:
    os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = chromium_flags()
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import PySide6.QtWebEngineWidgets  # noqa: F401  (must come before the QApplication)
import pytest

from kiosk import qtcompat
from kiosk.config.schema import Config

# As kiosk.app.build() does: PySide6 6.12.0 loses a reference to True on every emit.
qtcompat.install()
from kiosk.i18n import set_language  # noqa: E402


def config_with(**sections: dict[str, Any]) -> Config:
    """The demo config with some settings changed: config_with(session={"idle_timeout_s": 1})."""
    config = Config()
    changed = {name: replace(getattr(config, name), **values) for name, values in sections.items()}
    return replace(config, **changed)


@pytest.fixture(scope="session", autouse=True)
def _deleted_before_exit() -> Iterator[None]:
    """pytest-qt closes each test's windows with deleteLater: the last ones were still there
    at the interpreter's exit, after QtWebEngine's teardown, and Qt warned "Release of
    profile requested but WebEnginePage still not deleted" (the kiosk itself deletes its
    window when its event loop ends: kiosk.ui.runtime.dispose)."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(autouse=True)
def _french_first() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("fr")


@pytest.fixture
def make_kiosk(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Builds the kiosk as `kiosk.app.build` does, with its session folders under tmp_path."""
    from kiosk.app import build

    built = []

    def make(
        config: Config | None = None, size: tuple[int, int] = (1920, 1080), speaker: Any = None
    ) -> Any:
        config = config or config_with(session={"warning_sound": False, "wiped_message_s": 0.05})
        kiosk = build(config, tmp_path / "sessions", speaker)
        qtbot.addWidget(kiosk.shell)
        kiosk.shell.resize(*size)
        kiosk.shell.show()
        kiosk.shell.complete()  # what the first paint triggers in the running kiosk
        built.append(kiosk)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.shell.speech.set_on(False)  # its filter is application-wide
        kiosk.manager.blockSignals(True)
        kiosk.folders.remove()
