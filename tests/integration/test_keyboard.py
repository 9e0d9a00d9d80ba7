"""The on-screen keyboard under a real X server with no window manager.

The suite's Qt runs offscreen, where Qt loads no input method; so the kiosk's shell runs
in a child process under xcb (`python -m tests.integration.test_keyboard`, at the end of
this file) with the keyboard installed as app.py does, and a form page with text fields
added to its screens. The test drives it with JSON lines on stdin/stdout, taps with
xdotool (real X pointer events, as a touch screen sends them) and saves screenshots of
the X screen (KIOSK_KEYBOARD_SHOTS=dir keeps them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (1920, 1080)


class Harness:
    """The kiosk child process, and what the test can ask of it."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.env = env
        self.shots = Path(os.environ.get("KIOSK_KEYBOARD_SHOTS") or tmp_path)
        self.shots.mkdir(parents=True, exist_ok=True)
        self.stderr_path = tmp_path / "harness.log"
        with self.stderr_path.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.integration.test_keyboard", str(tmp_path)],
                cwd=ROOT,
                env={**env, "PYTHONUNBUFFERED": "1"},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        ready = self._read()
        assert ready.get("ready"), ready

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(5)
            raise AssertionError(
                f"harness exited ({self.process.returncode}):\n{self.stderr_path.read_text()}"
            )
        return json.loads(line)  # type: ignore[no-any-return]

    def ask(self, cmd: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        self.process.stdin.flush()
        return self._read()

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        state: dict[str, Any] = {}
        while time.monotonic() < deadline:
            state = self.ask("state")
            if predicate(state):
                return state
            time.sleep(0.05)
        raise AssertionError(f"condition not met within {timeout} s; last state {state}")

    def tap(self, x: int, y: int) -> None:
        """A real X pointer click (press and release) at screen coordinates."""
        subprocess.run(
            ["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"],
            env=self.env,
            check=True,
            timeout=10,
        )
        time.sleep(0.08)

    def tap_field(self, name: str) -> None:
        x, y, w, h = self.ask("state")["fields"][name]["global"]
        self.tap(x + w // 2, y + h // 2)

    def tap_key(self, text: str) -> None:
        keys = self.ask("keys")["keys"]
        matches = [k for k in keys if k["text"] == text]
        assert matches, f"no key {text!r} in {[k['text'] for k in keys]}"
        self.tap(*matches[0]["center"])

    def screenshot(self, name: str) -> Path:
        path = self.shots / f"keyboard-{name}.png"
        assert self.ask("screenshot", path=str(path))["ok"]
        return path

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.ask("quit")
                self.process.wait(10)
            except (BrokenPipeError, AssertionError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture
def harness(tmp_path: Path, x11_env: dict[str, str]) -> Iterator[Harness]:
    assert shutil.which("xdotool"), "xdotool is missing: run `make setup`"
    running = Harness(tmp_path, x11_env)
    yield running
    running.close()


def inside(rect: list[int], outer: list[int]) -> bool:
    x, y, w, h = rect
    ox, oy, ow, oh = outer
    return w > 0 and h > 0 and ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def above(field: list[int], panel: list[int]) -> bool:
    return field[1] + field[3] <= panel[1]


def letters(keys: list[dict[str, Any]]) -> list[str]:
    """The letter keys of a layout in reading order (top row first, then left to right)."""
    found = [k for k in keys if len(k["text"]) == 1 and k["text"].isalpha()]
    found.sort(key=lambda k: (k["center"][1] // 20, k["center"][0]))
    return [k["text"] for k in found]


def script(text: str) -> set[str]:
    return {unicodedata.name(c).split()[0] for c in text if c.isalpha()}


def test_every_shipped_language_has_a_keyboard_layout() -> None:
    from kiosk.i18n.languages import shipped_codes
    from kiosk.ui.keyboard import KEYBOARD_LOCALES, keyboard_locales

    assert set(KEYBOARD_LOCALES) == set(shipped_codes())
    assert keyboard_locales("fr") == ["fr_FR"]
    assert keyboard_locales("ar") == ["ar_AR", "fr_FR"]  # Latin for e-mail and passwords
    assert keyboard_locales("ps") == ["fa_FA", "fr_FR"]  # no Pashto layout in Qt


def test_the_mapped_layouts_exist_in_this_qt(harness: Harness) -> None:
    harness.ask("focus", name="top")
    harness.wait_for(lambda s: s["panel_visible"])
    from kiosk.ui.keyboard import KEYBOARD_LOCALES

    available = harness.ask("locales")["available"]
    assert set(KEYBOARD_LOCALES.values()) <= set(available), available
    assert not [name for name in available if name.startswith("ps")]  # still no Pashto


def test_focus_shows_the_panel_inside_the_window_and_taps_type(harness: Harness) -> None:
    before = harness.ask("state")
    assert not before["panel_visible"]

    harness.tap_field("top")
    state = harness.wait_for(lambda s: s["panel_visible"] and s["focus"] == "top")
    shot = harness.screenshot("fr-shown")
    # A child of the shell, within the window, not a window of its own.
    assert state["panel_is_child_of_shell"]
    assert not state["panel_is_window"]
    assert state["panel_dock"] == "bottom"
    assert inside(state["panel_global"], state["shell_global"])
    assert state["panel_global"][1] + state["panel_global"][3] == SCREEN[1]
    # The only visible window of the application is the shell (no desktop keyboard window).
    assert state["visible_windows"] == ["ShellWindow"], state["visible_windows"]
    assert above(state["fields"]["top"]["shell"], state["panel"])
    assert shot.stat().st_size > 0

    # French: AZERTY, the first letter key is "a".
    assert state["locale"] == "fr_FR"
    keys = harness.ask("keys")["keys"]
    assert letters(keys)[:6] == ["a", "z", "e", "r", "t", "y"], letters(keys)

    for text in ["b", "o", "n", "j", "o", "u", "r"]:
        harness.tap_key(text)
    # The keyboard starts a field with a capital, as phones do (fields for e-mail
    # addresses and the like say so with input method hints: Qt.ImhNoAutoUppercase).
    state = harness.wait_for(lambda s: s["fields"]["top"]["text"] == "Bonjour")
    harness.screenshot("fr-typed")
    assert state["focus"] == "top"  # tapping keys never took the focus away


def test_focus_leaving_the_field_hides_the_panel(harness: Harness) -> None:
    harness.ask("focus", name="top")  # programmatic focus shows it too
    harness.wait_for(lambda s: s["panel_visible"])
    reserved = harness.ask("state")["content_bottom_margin"]
    assert reserved > 0  # the content is laid out above the panel
    harness.tap_field("button")  # a button that takes focus
    state = harness.wait_for(lambda s: not s["panel_visible"])
    assert state["focus"] == "button"
    assert state["content_bottom_margin"] == 0  # the whole window is the content's again
    harness.screenshot("hidden")
    harness.ask("focus", name="top")
    harness.wait_for(lambda s: s["panel_visible"])
    harness.ask("focus", name="none")  # focus leaves text input altogether
    harness.wait_for(lambda s: not s["panel_visible"])


def test_a_field_at_the_bottom_is_scrolled_above_the_panel(harness: Harness) -> None:
    state = harness.ask("state")
    field = state["fields"]["bottom"]["shell"]
    assert field[1] + field[3] > SCREEN[1] - 400  # it starts where the keyboard will be
    harness.tap_field("bottom")
    state = harness.wait_for(
        lambda s: s["panel_visible"] and above(s["fields"]["bottom"]["visible"], s["panel"])
    )
    harness.screenshot("bottom-field")
    assert state["fields"]["bottom"]["visible"] == state["fields"]["bottom"]["shell"]
    harness.tap_key("q")
    harness.wait_for(lambda s: s["fields"]["bottom"]["text"] == "Q")


def test_the_strip_above_the_keyboard_shows_pop_ups_and_lets_touches_through(
    harness: Harness,
) -> None:
    harness.tap_field("bottom")
    state = harness.wait_for(
        lambda s: s["panel_visible"] and above(s["fields"]["bottom"]["visible"], s["panel"])
    )
    view, panel = state["view"], state["panel"]
    assert view[1] < panel[1]  # the view has a strip above the keyboard
    harness.tap_key("q")
    harness.wait_for(lambda s: s["fields"]["bottom"]["text"] == "Q")
    field = state["fields"]["bottom"]["global"]
    assert field[1] >= view[1]  # the field is in that strip...
    harness.tap(field[0] + 3, field[1] + field[3] // 2)  # ...and a tap on its start
    harness.tap_key("x")  # reaches it: the cursor moved before the "Q" (hence a capital)
    harness.wait_for(lambda s: s["fields"]["bottom"]["text"] == "XQ")
    # A long press on "e" (top row) shows the accents above the keyboard, in the strip.
    key = next(k for k in harness.ask("keys")["keys"] if k["text"] == "e")
    shot = str(harness.shots / "keyboard-accents.png")
    popup = harness.ask(
        "press_and_probe", x=key["center"][0], y=key["center"][1], hold_ms=1200, shot=shot
    )
    assert popup["popup_visible"]
    assert view[1] <= popup["popup_top"] < panel[1]
    text = harness.wait_for(lambda s: len(s["fields"]["bottom"]["text"]) == 3)
    assert text["fields"]["bottom"]["text"][1] in "éèêë", text["fields"]["bottom"]["text"]


def test_the_hide_key_hides_the_panel_and_a_tap_on_the_field_brings_it_back(
    harness: Harness,
) -> None:
    harness.tap_field("top")
    harness.wait_for(lambda s: s["panel_visible"])
    hide = harness.ask("find", kind="HideKeyboardKey")["found"]
    assert len(hide) == 1
    harness.tap(*hide[0]["center"])
    state = harness.wait_for(lambda s: not s["panel_visible"])
    assert state["focus"] == "top"
    assert state["content_bottom_margin"] == 0
    harness.tap_field("top")
    harness.wait_for(lambda s: s["panel_visible"])


def test_a_latin_layout_is_one_key_away_and_a_new_session_starts_from_its_language(
    harness: Harness,
) -> None:
    harness.ask("language", code="ru")
    harness.tap_field("top")
    harness.wait_for(lambda s: s["panel_visible"] and s["locale"] == "ru_RU")
    globe = harness.ask("find", kind="ChangeLanguageKey")["found"]
    harness.tap(*globe[0]["center"])
    time.sleep(0.3)
    harness.screenshot("ru-language-list")
    french = harness.ask("find", text="français")["found"]
    assert french, "no French entry in the language list"
    harness.tap(*french[0]["center"])
    harness.wait_for(lambda s: s["locale"] == "fr_FR")
    assert letters(harness.ask("keys")["keys"])[:3] == ["a", "z", "e"]
    # The session ends (the wipe resets the keyboard), the next one is in Russian again.
    harness.ask("reset", code="ru")
    harness.wait_for(lambda s: not s["panel_visible"])
    harness.tap_field("top")
    harness.wait_for(lambda s: s["panel_visible"] and s["locale"] == "ru_RU")


def test_a_field_in_a_full_window_overlay_gets_the_panel_on_top(harness: Harness) -> None:
    harness.ask("overlay", show=True)
    harness.tap_field("overlay")
    state = harness.wait_for(lambda s: s["panel_visible"] and s["panel_dock"] == "top")
    harness.screenshot("overlay-field")
    field = state["fields"]["overlay"]["shell"]
    panel = state["panel"]
    assert field[1] >= panel[1] + panel[3]  # below the panel, fully visible
    harness.tap_key("s")
    harness.wait_for(lambda s: s["fields"]["overlay"]["text"] == "S")


@pytest.mark.parametrize(
    ("code", "locale", "alphabet"),
    [
        ("ru", "ru_RU", "CYRILLIC"),
        ("uk", "uk_UA", "CYRILLIC"),
        ("ar", "ar_AR", "ARABIC"),
        ("fa", "fa_FA", "ARABIC"),
        ("ps", "fa_FA", "ARABIC"),
    ],
)
def test_the_layout_follows_the_session_language(
    harness: Harness, code: str, locale: str, alphabet: str
) -> None:
    harness.ask("language", code=code)
    harness.tap_field("top")
    state = harness.wait_for(lambda s: s["panel_visible"] and s["locale"] == locale)
    keys = harness.ask("keys")["keys"]
    found = letters(keys)
    assert len(found) >= 20, found
    assert script("".join(found)) == {alphabet}, found
    harness.screenshot(f"{code}-shown")
    first = found[0]
    harness.tap_key(first)
    state = harness.wait_for(lambda s: s["fields"]["top"]["text"] != "")
    assert state["fields"]["top"]["text"] == first.upper()  # a capital to start with
    if code == "uk":
        assert "і" in found or "ї" in found  # Ukrainian, not the Russian layout


def test_english_and_latin_layouts(harness: Harness) -> None:
    harness.ask("language", code="en")
    harness.tap_field("top")
    harness.wait_for(lambda s: s["panel_visible"] and s["locale"] == "en_GB")
    assert letters(harness.ask("keys")["keys"])[:6] == ["q", "w", "e", "r", "t", "y"]


def test_password_fields_show_no_preview_bubble_nor_full_screen_text(harness: Harness) -> None:
    harness.tap_field("password")
    state = harness.wait_for(lambda s: s["panel_visible"] and s["focus"] == "password")
    assert state["hidden_text"]
    assert not state["full_screen_mode"]
    key = next(k for k in harness.ask("keys")["keys"] if k["text"] == "m")
    shot = str(harness.shots / "keyboard-password-pressed.png")
    bubble = harness.ask("press_and_probe", x=key["center"][0], y=key["center"][1], shot=shot)
    assert bubble["preview_visible"] is False
    assert harness.ask("state")["fields"]["password"]["text"] == "m"
    # The same press on a normal field shows the bubble (the probe does see it).
    harness.tap_field("top")
    harness.wait_for(lambda s: s["focus"] == "top" and not s["hidden_text"])
    shot = str(harness.shots / "keyboard-normal-pressed.png")
    bubble = harness.ask("press_and_probe", x=key["center"][0], y=key["center"][1], shot=shot)
    assert bubble["preview_visible"] is True


# The child process ---------------------------------------------------------------------


class _Child:
    """The kiosk's shell with the keyboard installed and a form page; answers commands."""

    def __init__(self, tmp: Path) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

        from kiosk.app import build
        from kiosk.config.schema import Config
        from kiosk.ui import keyboard, runtime
        from kiosk.ui.screens.base import Screen

        self.app = runtime.application()
        self.kiosk = build(Config(), tmp / "sessions")
        self.shell = shell = self.kiosk.shell
        self.board: keyboard.OnScreenKeyboard | None = None

        def install() -> None:
            self.board = keyboard.install_keyboard(shell)

        # As app.py does: installed once the attract screen is painted.
        shell.painted.connect(lambda: QTimer.singleShot(0, install))
        runtime.show(shell, fullscreen=True, size=None)

        # A form like a flow step's: a scrolling column with fields, one far down.
        self.page = page = Screen()
        page.name = "form"
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        QVBoxLayout(page).addWidget(scroll)
        holder = QWidget()
        column = QVBoxLayout(holder)
        self.fields: dict[str, QWidget] = {}

        def add(name: str, widget: QWidget) -> None:
            widget.setMinimumHeight(80)
            column.addWidget(widget)
            self.fields[name] = widget

        add("top", QLineEdit(holder))
        password = QLineEdit(holder)
        password.setEchoMode(QLineEdit.EchoMode.Password)
        add("password", password)
        add("button", QPushButton("Continuer", holder))
        column.addSpacing(520)
        add("bottom", QLineEdit(holder))
        scroll.setWidget(holder)
        # Like an overlay: a child covering the whole window, with a field near its bottom.
        self.overlay = QWidget(shell)
        self.overlay.setObjectName("TestOverlay")
        self.overlay.setStyleSheet("#TestOverlay { background: #ddeeff; }")
        overlay_layout = QVBoxLayout(self.overlay)
        overlay_layout.addStretch(1)
        overlay_edit = QLineEdit(self.overlay)
        overlay_edit.setMinimumHeight(80)
        overlay_layout.addWidget(overlay_edit)
        overlay_layout.addSpacing(60)
        self.overlay.hide()
        self.fields["overlay"] = overlay_edit

    def start(self) -> int:
        from PySide6.QtCore import QSocketNotifier, QTimer

        def ready() -> None:
            if self.board is None:
                QTimer.singleShot(50, ready)
                return
            self.kiosk.manager.start_session()
            self.shell.stack.addWidget(self.page)
            self.shell.stack.setCurrentWidget(self.page)
            self.shell.top_bar.show()
            self.fields["button"].setFocus()
            notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self.app)
            notifier.activated.connect(self.read_command)
            self.notifier = notifier
            print(json.dumps({"ready": True}), flush=True)

        QTimer.singleShot(300, ready)
        return self.app.exec()

    def read_command(self) -> None:
        line = sys.stdin.readline()
        if not line:
            self.app.quit()
            return
        request = json.loads(line)
        try:
            reply = getattr(self, "do_" + request.pop("cmd"))(**request)
        except Exception as error:  # reported to the test, which then fails
            reply = {"error": repr(error)}
        print(json.dumps(reply), flush=True)

    # Commands

    def do_state(self) -> dict[str, Any]:
        from PySide6.QtCore import QObject, QPoint, QRect
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QLineEdit

        from kiosk.ui.keyboard import _visible_rect

        board, shell = self.board, self.shell
        view, root = board.view(), board._root
        origin = shell.mapToGlobal(QPoint(0, 0))
        focus = QGuiApplication.focusObject()
        layout = shell.layout()
        assert layout is not None
        shadow = root.findChild(QObject, "shadowInputControl") if root else None

        def rect(r: QRect) -> list[int]:
            return [r.x(), r.y(), r.width(), r.height()]

        def field(widget: QWidget) -> dict[str, Any]:
            at = widget.mapTo(shell, QPoint(0, 0))
            return {
                "text": widget.text() if isinstance(widget, QLineEdit) else "",
                "shell": rect(QRect(at, widget.size())),
                "visible": rect(_visible_rect(widget, shell)),
                "global": rect(QRect(at + origin, widget.size())),
            }

        return {
            "loaded": board.is_loaded(),
            "panel_visible": board.is_shown(),
            "panel": rect(board.panel_geometry()),
            "panel_global": rect(board.panel_geometry().translated(origin)),
            "view": rect(view.geometry() if view and view.isVisible() else QRect()),
            "panel_is_window": bool(view and view.isWindow()),
            "panel_is_child_of_shell": bool(view and view.parentWidget() is shell),
            "panel_dock": board.dock(),
            "shell_global": rect(QRect(origin, shell.size())),
            "visible_windows": sorted(
                w.objectName() for w in QGuiApplication.topLevelWindows() if w.isVisible()
            ),
            "focus": next((n for n, w in self.fields.items() if w is focus), repr(focus)),
            "locale": board.current_locale(),
            "hidden_text": bool(root and root.property("hiddenText")),
            "full_screen_mode": bool(shadow and shadow.property("visible")),
            "content_bottom_margin": layout.contentsMargins().bottom(),
            "fields": {name: field(w) for name, w in self.fields.items()},
        }

    def do_keys(self) -> dict[str, Any]:
        return {
            "keys": [
                {"text": k.text, "key": k.key, "center": [k.center.x(), k.center.y()]}
                for k in self.board.visible_keys()
            ]
        }

    def do_locales(self) -> dict[str, Any]:
        """Every layout of this Qt: the keyboard's own choice is lifted for a moment."""
        from PySide6.QtTest import QTest

        root = self.board._root
        assert root is not None
        chosen = root.property("keyboardLocales")
        root.setProperty("keyboardLocales", [])
        QTest.qWait(200)
        available = [str(name) for name in root.property("availableLocales")]
        root.setProperty("keyboardLocales", chosen)
        return {"available": available}

    def do_find(self, kind: str = "", text: str = "") -> dict[str, Any]:
        """Visible QML items of the keyboard, by type (e.g. HideKeyboardKey) or text."""
        from PySide6.QtCore import QPointF
        from PySide6.QtQuick import QQuickItem

        view, root = self.board.view(), self.board._root
        assert view is not None
        found = []
        stack = [root]
        while stack:
            item = stack.pop()
            if not isinstance(item, QQuickItem) or not item.isVisible():
                continue
            stack.extend(item.childItems())
            name = item.metaObject().className()
            if (kind and name.startswith(kind + "_")) or (text and item.property("text") == text):
                center = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
                at = view.mapToGlobal(center.toPoint())
                found.append({"kind": name, "center": [at.x(), at.y()]})
        return {"found": found}

    def do_focus(self, name: str) -> dict[str, Any]:
        if name == "none":
            self.shell.setFocus()
        else:
            self.fields[name].setFocus()
        return {"ok": True}

    def do_language(self, code: str) -> dict[str, Any]:
        self.shell.apply_language(code)  # what choosing a language on the kiosk does
        return {"ok": True}

    def do_reset(self, code: str) -> dict[str, Any]:
        """What the session wipe would do, then the next session's language."""
        from kiosk.ui import keyboard

        keyboard.reset()  # the line the session wipe calls
        self.shell.apply_language(code)
        self.fields["button"].setFocus()
        return {"ok": True}

    def do_overlay(self, show: bool) -> dict[str, Any]:
        self.overlay.setGeometry(self.shell.rect())
        self.overlay.setVisible(show)
        self.overlay.raise_()
        return {"ok": True}

    def do_screenshot(self, path: str) -> dict[str, Any]:
        """The X screen itself (what a resident would see), not a render of the widgets."""
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtTest import QTest

        QTest.qWait(150)  # the panel's QML renders after the last change
        return {"ok": QGuiApplication.primaryScreen().grabWindow(0).save(path)}

    def do_press_and_probe(self, x: int, y: int, hold_ms: int = 250, shot: str = "") -> Any:
        """Presses with the X pointer, looks at the keyboard while it is down, releases."""
        from PySide6.QtCore import QObject, QPointF
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtTest import QTest

        root, view = self.board._root, self.board.view()
        assert root is not None and view is not None
        subprocess.run(
            ["xdotool", "mousemove", "--sync", str(x), str(y), "mousedown", "1"], check=True
        )
        QTest.qWait(hold_ms)
        bubble = root.findChild(QObject, "characterPreviewBubble")
        preview = bool(bubble and bubble.property("visible"))
        panel = root.findChild(QObject, "inputPanel")
        popup = bool(root.property("popupVisible"))
        popup_top = -1
        if popup and panel is not None:
            corner = root.property("popupRect").topLeft()
            scene = panel.mapToScene(QPointF(corner))
            popup_top = view.mapToGlobal(scene.toPoint()).y()
        if shot:
            QGuiApplication.primaryScreen().grabWindow(0).save(shot)
        subprocess.run(["xdotool", "mouseup", "1"], check=True)
        QTest.qWait(150)
        return {
            "preview_visible": preview,
            "popup_visible": popup,
            "popup_top": popup_top,
        }

    def do_quit(self) -> dict[str, Any]:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.app.quit)
        return {"ok": True}


def _child_main(tmp: Path) -> int:
    from kiosk.ui import keyboard

    keyboard.prepare_environment()  # before the QApplication, as app.py does
    os.environ.setdefault("XDG_RUNTIME_DIR", str(tmp))
    return _Child(tmp).start()


if __name__ == "__main__":
    sys.exit(_child_main(Path(sys.argv[1])))
