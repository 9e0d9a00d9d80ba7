"""A resident going through a flow: steps, Retour with their choices, progress, printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.config.schema import Tile
from kiosk.i18n import current_language
from kiosk.session.manager import State
from tests.conftest import config_with

FIXTURE = Path(__file__).parent / "fixture_flows"
TILES = (
    Tile("tout", "Toutes les étapes", "attestation", "flow:every-step"),
    Tile("absent", "Une démarche absente", "info", "flow:does-not-exist"),
    Tile("aide", "Demander de l'aide", "aide", "help"),
    Tile("aide-2", "Encore de l'aide", "aide", "help"),
)


def _kiosk(make_kiosk):
    config = config_with(
        content={"flows_dir": str(FIXTURE)},
        home={"tiles": TILES},
        session={"warning_sound": False, "wiped_message_s": 0.05},
    )
    return make_kiosk(config)


def touch(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def button(shell, label_start):
    found = [b for b in shell.flow_screen._buttons if b.label().startswith(label_start)]
    assert found, [b.label() for b in shell.flow_screen._buttons]
    return found[0]


def test_a_tile_whose_flow_is_missing_is_hidden(make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shown = [tile.id for tile, _button in kiosk.shell.home.tiles]
    assert shown == ["tout", "aide", "aide-2"]


def test_walking_a_flow_with_back_and_remembered_choices(qtbot, make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shell = kiosk.shell
    assert shell.open_flow("every-step")
    screen = shell.flow_screen
    assert shell.current_screen_name() == "flow"
    assert screen.title.text() == "Bonjour"
    assert screen.progress.text() == "Étape 1 sur 8"
    assert not screen.back_button.isVisible()

    touch(qtbot, button(shell, "Continuer"))
    assert screen.title.text() == "Avez-vous déjà un compte ?"
    assert [b.label() for b in screen._buttons] == ["Oui", "Non", "Je ne sais pas"]
    assert screen.progress.text() == "Étape 2 sur 8"
    touch(qtbot, button(shell, "Non"))
    assert screen.title.text() == "Ce qu'il faut avoir"
    assert screen.progress.text() == "Étape 3 sur 7"  # the longest way is no longer possible

    touch(qtbot, screen.back_button)
    assert screen.title.text() == "Avez-vous déjà un compte ?"
    assert "Non (choisi)" in [b.label() for b in screen._buttons]
    assert screen.progress.text() == "Étape 2 sur 8"


def test_checklist_items_can_be_ticked_and_printed(qtbot, make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shell = kiosk.shell
    shell.open_flow("every-step")
    touch(qtbot, button(shell, "Continuer"))
    touch(qtbot, button(shell, "Oui"))
    touch(qtbot, button(shell, "Votre adresse e-mail"))
    assert button(shell, "Votre adresse e-mail").label() == "Votre adresse e-mail (je l'ai)"
    touch(qtbot, button(shell, "Imprimer la liste"))
    assert shell.open_overlay_name() == "print-preview"
    printed = shell.preview.document.text()
    assert "Toutes les sortes d'étapes" in printed
    assert "Votre numéro fiscal" in printed and "Votre mot de passe" in printed


def test_with_the_web_off_the_web_step_says_which_site_and_where_to_open_it(qtbot, make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shell = kiosk.shell
    shell.open_flow("every-step")
    runner = shell.flow_screen.runner
    for move in ("advance", "choose", "advance", "advance"):
        getattr(runner, move)(0) if move == "choose" else runner.advance()
    shell.flow_screen.show_step()
    assert runner.step.type == "web"
    touch(qtbot, button(shell, "Aller sur le site service-public.fr"))
    assert shell.open_overlay_name() == "notice"
    assert "service-public.fr" in shell.notice.title.text()
    assert "https://www.service-public.fr/particuliers/vosdroits" in shell.notice.text.text()


def test_the_end_step_offers_home_and_terminer(qtbot, make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shell = kiosk.shell
    shell.open_flow("every-step")
    runner = shell.flow_screen.runner
    runner.advance()
    runner.choose(0)
    while runner.step.type != "end":
        runner.advance()
    shell.flow_screen.show_step()
    assert shell.flow_screen.progress.text() == "Étape 7 sur 7"
    labels = [
        label.text() for label in shell.flow_screen.body.findChildren(type(shell.flow_screen.title))
    ]
    assert "• Gardez votre attestation." in labels
    touch(qtbot, button(shell, "Terminer"))
    assert shell.open_overlay_name() == "confirm-end"
    touch(qtbot, shell.confirm_end.no)
    touch(qtbot, button(shell, "Retour à l'accueil"))
    assert shell.current_screen_name() == "home"
    assert shell.flow_screen.runner is None


def test_changing_language_mid_flow_keeps_the_step_and_translates_it(qtbot, make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shell = kiosk.shell
    shell.open_flow("every-step")
    touch(qtbot, button(shell, "Continuer"))
    touch(qtbot, shell.top_bar.buttons["language"])
    touch(qtbot, shell.language_screen.language_buttons["en"])
    assert current_language() == "en"
    assert shell.current_screen_name() == "flow"
    assert shell.flow_screen.title.text() == "Do you already have an account?"
    assert [b.label() for b in shell.flow_screen._buttons][:2] == ["Yes", "No"]


def test_the_wipe_forgets_the_flow(qtbot, make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shell = kiosk.shell
    shell.open_flow("every-step")
    touch(qtbot, button(shell, "Continuer"))
    with qtbot.waitSignal(kiosk.manager.wipe_finished, timeout=3000):
        kiosk.manager.end_session("test")
    assert kiosk.manager.last_outcome.ok
    assert shell.flow_screen.runner is None
    qtbot.waitUntil(lambda: kiosk.manager.state is State.ATTRACT, timeout=3000)


def test_ecouter_text_of_a_step_has_progress_title_and_numbered_buttons(qtbot, make_kiosk):
    kiosk = _kiosk(make_kiosk)
    shell = kiosk.shell
    shell.open_flow("every-step")
    touch(qtbot, button(shell, "Continuer"))
    spoken = shell.flow_screen.spoken_text().splitlines()
    assert spoken[:2] == ["Étape 2 sur 8", "Avez-vous déjà un compte ?"]
    assert "Bouton 1 : Retour" in spoken
    assert "Bouton 2 : Oui" in spoken


def test_status_reports_the_flow_position(make_kiosk):
    kiosk = _kiosk(make_kiosk)
    kiosk.shell.open_flow("every-step")
    assert kiosk.shell.flow_position() == {
        "flow": "every-step",
        "step": "intro",
        "type": "info",
        "number": 1,
        "total": 8,
    }


def _gesture_types() -> int:
    import gc

    gc.collect()
    return sum(1 for thing in gc.get_objects() if type(thing).__name__ == "GestureType")


def test_every_step_scrolls_in_one_area_whose_flick_gesture_is_made_once(qtbot, make_kiosk):
    """Each QScroller.grabGesture registers a new gesture type, and PySide 6.12 keeps a new
    Python enum class for each: about 2.6 KB lost per step when each step made its area."""
    from PySide6.QtWidgets import QApplication, QScroller

    shell = _kiosk(make_kiosk).shell
    assert shell.open_flow("every-step")
    screen = shell.flow_screen
    area = screen.content_area
    before = _gesture_types()
    for _ in range(10):
        touch(qtbot, button(shell, "Continuer"))
        touch(qtbot, screen.back_button)
        QApplication.processEvents()
    assert _gesture_types() == before
    assert screen.content_area is area and QScroller.hasScroller(area.viewport())
    assert screen.body.isAncestorOf(area) and area.isVisible()


def test_a_long_step_scrolls_when_dragged_after_many_steps(qtbot, make_kiosk):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.flows.runner import Position
    from kiosk.ui.runtime import window_of

    kiosk = make_kiosk(size=(1280, 800))
    shell = kiosk.shell
    assert shell.open_flow("aide-locale")
    screen = shell.flow_screen
    runner = screen.runner
    for _ in range(5):  # the area moves from step to step
        screen.show_step()
    directory = next(step for step in runner.flow.steps if step.type == "directory")
    runner.position = Position(runner.flow.id, directory.id)
    screen.show_step()
    QApplication.processEvents()
    bar = screen.content_area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    viewport = screen.content_area.viewport()
    window = window_of(shell)
    start = viewport.mapTo(shell, viewport.rect().center())
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 21):
        QTest.mouseMove(window, start - QPoint(0, 15 * step), 10)
    QTest.mouseRelease(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start - QPoint(0, 300)
    )
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
