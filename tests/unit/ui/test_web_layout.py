"""The web screen in the real shell: large targets, nothing cut or overlapping, mirrored in
right-to-left languages, every button reached by Tab and named, in each of its states.

The screen is put in the shell as the lead wires it (a screen of the stack, its picker
among the shell's overlays); the page itself is empty here: what is checked is the kiosk's
own frame around it (tests/unit/ui/test_web_screen.py drives real pages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.ui.screenshot import prepare
from kiosk.ui.web_panels import PROBLEMS
from kiosk.ui.web_screen import WebScreen
from kiosk.web.engine import WebEngine
from tests.conftest import config_with
from tests.integration.web.conftest import wait_until
from tests.unit.ui.test_layout import MIN_PT, _button_problems, _label_problems, _rect_in, settle
from tests.unit.ui.test_pdf_viewer import make_pdf

pytestmark = pytest.mark.qt_log_ignore(
    "QRhiGles2: Failed to create",
    "Failed to create RHI",
    "createPlatformVulkanInstance",
    "QVulkanInstance: Failed",
    "GBM is not supported",
    "GPUInfo not initialized",
)

SIZES = [(1920, 1080), (1080, 1920)]
STATES = ["page", "loading", "download", "document", "picker", "no-file", *PROBLEMS]


@pytest.fixture(scope="module")
def engine(qapp: Any) -> Iterator[WebEngine]:
    made = WebEngine()  # no session: the view shows its empty placeholder
    yield made
    made.deleteLater()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("layout")
    long_name = folder / "attestation-de-droits-a-l-assurance-maladie-2026-janvier.pdf"
    return {"pdf": make_pdf(folder / "attestation.pdf", 3), "long": make_pdf(long_name, 1)}


@pytest.fixture
def web_shell(make_kiosk: Any, engine: WebEngine) -> Iterator[Callable[..., Any]]:
    """The kiosk's shell on the web screen, wired as the lead wires it; freed afterwards
    (a view's pages must go before the application does)."""
    made: list[WebScreen] = []

    def make(size: tuple[int, int], lang: str, **config: Any) -> tuple[Any, WebScreen]:
        kiosk = make_kiosk(config_with(**config) if config else None, size=size)
        shell = kiosk.shell
        prepare(kiosk, "home", lang)
        screen = WebScreen(engine, shell.speech.say, overlay_parent=shell)
        made.append(screen)
        shell.stack.addWidget(screen)
        shell.screens[screen.name] = screen
        for overlay in screen.overlays():
            shell.overlays[overlay.name] = overlay
        screen.set_contrast(shell.state.contrast)
        screen.retranslate()
        screen.toolbar.set_site("Assurance maladie (ameli.fr)")
        shell._show(screen)
        return shell, screen

    yield make
    for screen in made:
        screen.picker.cancel()
        shell = screen.window()
        for overlay in screen.overlays():
            shell.overlays.pop(overlay.name, None)
            shiboken6.delete(overlay)
        shell.screens.pop(screen.name, None)
        shell.stack.removeWidget(screen)
        shiboken6.delete(screen)


NOTED = {"phone": "+33 1 23 45 67 89", "mail": "accueil.citoyennete@mairie-de-demoville.fr"}
"""What a tapped tel: or mailto: link leaves for the resident to note (long ones)."""


def _put_in(screen: WebScreen, state: str, files: dict[str, Path]) -> None:
    if state == "loading":
        screen.toolbar.set_loading(40)
    elif state == "download":
        screen._on_download_finished(str(files["pdf"]))
    elif state == "document":
        screen._on_download_finished(str(files["pdf"]))
        assert screen.show_download()
    elif state == "picker":
        screen.picker.show_files([files["pdf"], files["long"]], [".pdf"])
    elif state == "no-file":
        screen.picker.show_files([], [".pdf"])
    elif state in PROBLEMS:
        screen.show_problem(state, NOTED.get(state, ""))
    settle()


def _in_page(screen: WebScreen) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is screen.view or screen.view.isAncestorOf(focus))


def _problems(shell: Any) -> list[str]:
    return _button_problems(shell) + _label_problems(shell, "web", MIN_PT)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", STATES)
def test_every_state_fits_with_large_targets(web_shell, files, state, size):
    shell, screen = web_shell(size, "fr")
    _put_in(screen, state, files)
    assert _problems(shell) == []


@pytest.mark.parametrize("state", ["page", "download", "document", "picker", "network"])
def test_the_largest_text_still_fits_on_a_portrait_screen(web_shell, files, state):
    shell, screen = web_shell((1080, 1920), "fr", display={"text_size": "larger"})
    _put_in(screen, state, files)
    assert _problems(shell) == []


@pytest.mark.parametrize("state", ["page", "download", "certificate", "document", "picker"])
def test_arabic_mirrors_the_web_screen_and_fits(web_shell, files, state):
    shell, screen = web_shell((1920, 1080), "ar")
    _put_in(screen, state, files)
    assert _problems(shell) == []
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    if state == "page":
        bar = screen.toolbar.buttons
        assert _rect_in(bar["back"], shell).x() > _rect_in(bar["print_page"], shell).x()
        assert bar["back"].label() != "Retour"  # in Arabic
    if state == "download":
        bar = screen.download_bar
        assert _rect_in(bar.picture, shell).x() > _rect_in(bar.close_button, shell).x()
    if state == "document":
        viewer = screen.viewer
        assert _rect_in(viewer.close_button, shell).x() > _rect_in(viewer.position, shell).x()


@pytest.mark.parametrize("state", ["page", "download", "document", "network", "picker"])
def test_tab_reaches_every_button_and_each_has_a_name(web_shell, files, state):
    shell, screen = web_shell((1920, 1080), "fr")
    _put_in(screen, state, files)
    root = shell.overlays["file-picker"] if state == "picker" else shell
    expected = [b for b in root.findChildren(type(screen.toolbar.buttons["back"])) if b.isVisible()]
    expected = [b for b in expected if b.isEnabled()]
    shell.activateWindow()
    reached = set()
    for _ in range(3 * len(expected) + 10):
        widget = QApplication.focusWidget() or shell
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        if _in_page(screen):  # the page is one stop; Chromium hands the focus on, later
            wait_until(lambda: not _in_page(screen), 0.1)
        reached.add(QApplication.focusWidget())
    missed = [b.label() for b in expected if b not in reached]
    assert missed == []
    for button in expected:
        interface = QAccessible.queryAccessibleInterface(button)
        assert interface.text(QAccessible.Text.Name) == button.label() != ""
    nameless = [
        type(w).__name__
        for w in reached
        if w is not None
        and not QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name).strip()
    ]
    assert nameless == []
    if state == "picker":  # what lies under the shade cannot take the focus
        assert all(root.isAncestorOf(w) for w in reached if w is not None)


def test_ecouter_reads_each_panel_as_it_is_shown(web_shell, files):
    shell, screen = web_shell((1920, 1080), "fr")
    _put_in(screen, "download", files)
    spoken = shell.spoken_text().splitlines()
    assert spoken[0] == "Site : Assurance maladie (ameli.fr)"
    assert "Votre document est prêt" in spoken
    numbered = [line for line in spoken if line.startswith("Bouton")]
    assert numbered[-3:] == ["Bouton 6 : Voir", "Bouton 7 : Imprimer", "Bouton 8 : Fermer"]
    _put_in(screen, "picker", files)
    spoken = shell.spoken_text().splitlines()
    assert spoken[0] == "Choisissez le document à envoyer"
    assert spoken[-1] == "Bouton 3 : Annuler"
