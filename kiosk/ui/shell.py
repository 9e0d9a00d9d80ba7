"""The shell window: top bar, stacked screens and overlays, following the session.

The shell renders; it decides nothing about the lifecycle. It reports activity and
button presses to the SessionManager and shows what the manager's state calls for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config.schema import Config, Tile
from kiosk.i18n import N_, current_language, language, set_language, tr
from kiosk.session.manager import SessionManager, State
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.base import Screen
from kiosk.ui.speech_mode import Adjustable, Speaker, SpeechMode
from kiosk.ui.theme import style_sheet

if TYPE_CHECKING:
    from kiosk.flows.documents import Document
    from kiosk.flows.library import Library
    from kiosk.ui import overlays
    from kiosk.ui.print_controller import PrintController
    from kiosk.ui.print_panels import PrintPreviewPanel, PrintProgressPanel
    from kiosk.ui.screens.flow import FlowScreen
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.language import LanguageScreen
    from kiosk.ui.screens.status import OutOfServiceScreen, WipeScreen
    from kiosk.ui.sound import WarningSound
    from kiosk.ui.topbar import TopBar
    from kiosk.ui.web_controller import WebController

log = logging.getLogger(__name__)


def qt_locale(code: str) -> str:
    """Qt's name for a kiosk language (easy-to-read French is French)."""
    return {"fr-falc": "fr_FR", "fa": "fa_AF", "ps": "ps_AF"}.get(code, code)


NO_SPEECH = N_("La lecture à voix haute n'est pas encore disponible sur cette borne.")
NO_VOICE = N_("La lecture à voix haute n'existe pas encore dans cette langue.")
SPEAK_ALL = N_("Tout lire à voix haute")
VOICE_SAMPLE = N_("Voici la voix, à ce volume et à cette vitesse.")
WEB_SOON = N_("Le site {site} ne s'ouvre pas sur cette borne")
WEB_DETAIL = N_(
    "Adresse : {url}. Vous pouvez l'ouvrir sur un téléphone ou un ordinateur, "
    "ou demander à un conseiller numérique."
)


@dataclass
class UiState:
    """Everything about the resident's visit that the UI holds (wiped at session end)."""

    language: str
    text_size: str
    contrast: str
    tile: Tile | None = None
    return_to: str | None = None


class ShellWindow(QWidget):
    painted = Signal()
    # Built by complete(), just after the first paint.
    top_bar: TopBar
    language_screen: LanguageScreen
    home: HomeScreen
    flow_screen: FlowScreen
    library: Library
    preview: PrintPreviewPanel
    print_progress: PrintProgressPanel
    voice_panel: overlays.VoicePanel
    wipe_screen: WipeScreen
    out_of_service: OutOfServiceScreen
    idle_warning: overlays.IdleWarning
    confirm_end: overlays.ConfirmEnd
    help_panel: overlays.HelpPanel
    display_panel: overlays.DisplayPanel
    notice: overlays.Notice
    _sound: WarningSound

    def __init__(
        self,
        config: Config,
        manager: SessionManager,
        speaker: Speaker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.speech = SpeechMode(speaker, self)
        self.setObjectName("Shell")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.config = config
        self.manager = manager
        self.state = self._fresh_state()
        self._first_paint_done = False
        self._complete = False
        self.setWindowTitle(config.kiosk.town_hall_name)
        self.setStyleSheet(style_sheet(self.state.contrast, self.state.text_size))

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.stack = QStackedWidget(self)
        self._layout.addWidget(self.stack, 1)
        kiosk = config.kiosk
        self.attract = AttractScreen(
            kiosk.town_hall_name, kiosk.logo, kiosk.languages, config.session.attract_cycle_s
        )
        self.attract.set_contrast(self.state.contrast)
        self.stack.addWidget(self.attract)
        self.screens: dict[str, Screen] = {self.attract.name: self.attract}
        self.overlays: dict[str, overlays.Overlay] = {}
        self.printing: PrintController | None = None  # set by kiosk.app.build()
        self.web: WebController | None = None  # set by kiosk.app once the engine is made
        self.stack.setCurrentWidget(self.attract)
        self.attract.start_cycling()
        # Everything else is built just after the attract screen's first paint (or at the
        # first touch, if that comes sooner): the kiosk shows itself as fast as bare Qt.
        self.painted.connect(lambda: QTimer.singleShot(0, self, self.complete))
        self.manager.state_changed.connect(self._on_state)

    def complete(self) -> None:
        """Builds the session's screens, overlays and sound (once)."""
        if self._complete:
            return
        self._complete = True
        # Imported here: what the attract screen does not need is not loaded before it shows.
        from kiosk.flows.library import load_library
        from kiosk.ui import fonts, overlays
        from kiosk.ui.print_panels import PrintPreviewPanel, PrintProgressPanel
        from kiosk.ui.screens.flow import FlowScreen
        from kiosk.ui.screens.home import HomeScreen
        from kiosk.ui.screens.language import LanguageScreen
        from kiosk.ui.screens.status import OutOfServiceScreen, WipeScreen
        from kiosk.ui.sound import WarningSound
        from kiosk.ui.topbar import TopBar

        QApplication.setFont(fonts.kiosk_font())  # Noto for every script, loaded explicitly
        config = self.config
        self._sound = WarningSound(enabled=config.session.warning_sound, parent=self)
        self.top_bar = TopBar(self)
        self.top_bar.hide()
        self._layout.insertWidget(0, self.top_bar)
        self.language_screen = LanguageScreen(config.kiosk.languages)
        content = config.content.flows_dir
        self.library = load_library(Path(content)) if content else load_library()
        for problem in self.library.problems:
            log.error("flow refused: %s", problem)
        self.home = HomeScreen(self._usable_tiles())
        self.flow_screen = FlowScreen(self.library)
        self.wipe_screen = WipeScreen()
        self.out_of_service = OutOfServiceScreen()
        for screen in (
            self.language_screen,
            self.home,
            self.flow_screen,
            self.wipe_screen,
            self.out_of_service,
        ):
            self.stack.addWidget(screen)
            self.screens[screen.name] = screen

        self.idle_warning = overlays.IdleWarning(self)
        self.confirm_end = overlays.ConfirmEnd(self)
        self.help_panel = overlays.HelpPanel(self)
        self.display_panel = overlays.DisplayPanel(self)
        self.notice = overlays.Notice(self)
        self.preview = PrintPreviewPanel(self)
        self.print_progress = PrintProgressPanel(self)
        self.voice_panel = overlays.VoicePanel(self)
        self.overlays = {
            o.name: o
            for o in (
                self.idle_warning,
                self.confirm_end,
                self.help_panel,
                self.display_panel,
                self.notice,
                self.preview,
                self.print_progress,
                self.voice_panel,
            )
        }
        self._connect_signals()
        self.apply_look()
        portrait = self.height() > self.width()
        self.home.relayout(portrait)
        self.language_screen.relayout(portrait)
        self._check_text_size()
        log.debug("shell complete")

    def _check_text_size(self) -> None:
        """Warns IT when the largest text would be under 4.8 mm high on this screen."""
        from kiosk.ui.theme import MIN_CAP_HEIGHT_MM, body_cap_heights_mm

        height_mm = self.config.display.screen_height_mm
        largest = body_cap_heights_mm(max(self.height(), 1), height_mm)["larger"]
        if self.isVisible() and largest < MIN_CAP_HEIGHT_MM:
            log.warning(
                "largest text is %.1f mm high on this screen (under %.1f mm): check "
                "display.screen_height_mm or use a larger screen",
                largest,
                MIN_CAP_HEIGHT_MM,
            )

    def _usable_tiles(self) -> tuple[Tile, ...]:
        """The configured tiles whose flow is in the library (others are hidden, and logged)."""
        usable = []
        for tile in self.config.home.tiles:
            flow_id = tile.target.removeprefix("flow:")
            if tile.target.startswith("flow:") and self.library.get(flow_id) is None:
                log.error("tile %s hidden: flow %s is not available", tile.id, flow_id)
                continue
            usable.append(tile)
        return tuple(usable)

    def _fresh_state(self) -> UiState:
        display = self.config.display
        return UiState(self.config.kiosk.default_language, display.text_size, display.contrast)

    def _connect_signals(self) -> None:
        bar = self.top_bar
        bar.home.connect(self._on_home)
        bar.language.connect(self._on_language_button)
        bar.listen.connect(self._on_listen)
        self.speech.watch_listen_button(bar.buttons["listen"], self._on_listen)
        self.speech.changed.connect(self._on_speech_mode)
        self.language_screen.speech_toggled.connect(lambda: self.speech.set_on(not self.speech.on))
        self.flow_screen.step_shown.connect(self._screen_changed)
        self.flow_screen.step_shown.connect(self._prepare_web)
        bar.display.connect(self._on_display)
        bar.help.connect(lambda: self.open_overlay("help"))
        bar.end.connect(lambda: self.open_overlay("confirm-end"))
        self.language_screen.chosen.connect(self._on_language_chosen)
        self.home.tile_chosen.connect(self._on_tile)
        self.flow_screen.action.connect(self._on_flow_action)
        self.flow_screen.print_requested.connect(self._on_print)
        self.flow_screen.web_requested.connect(self._on_web)
        if self.printing is not None:
            self.printing.connect_panels()
        self.display_panel.voice_requested.connect(self._on_voice_panel)
        self.voice_panel.volume_step.connect(lambda step: self._on_voice_step("volume", step))
        self.voice_panel.speed_step.connect(lambda step: self._on_voice_step("speed", step))
        self.voice_panel.closed.connect(self.close_overlays)
        self.idle_warning.more_time.connect(self.manager.extend)
        self.confirm_end.confirmed.connect(self._on_end_confirmed)
        self.confirm_end.cancelled.connect(self.close_overlays)
        self.help_panel.closed.connect(self.close_overlays)
        self.display_panel.closed.connect(self.close_overlays)
        self.display_panel.size_chosen.connect(self._on_text_size)
        self.display_panel.contrast_chosen.connect(self._on_contrast)
        self.notice.closed.connect(self.close_overlays)
        self.manager.countdown.connect(self.idle_warning.set_seconds)

    # What the shell shows

    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def current_screen_name(self) -> str:
        return self.current_screen().name

    def open_overlay_name(self) -> str | None:
        for name, overlay in self.overlays.items():
            if overlay.isVisible():
                return name
        return None

    def _show(self, screen: Screen) -> None:
        self.complete()
        self.stack.setCurrentWidget(screen)
        screen.setEnabled(True)
        self.hide_beneath()
        self.top_bar.setVisible(screen.shows_top_bar)
        screen.setFocus()
        self._screen_changed()

    def open_overlay(self, name: str) -> None:
        self.complete()
        self.close_overlays()
        self.overlays[name].open()
        self._screen_changed()

    def _screen_changed(self) -> None:
        """Silence what was being said; in speech mode, read what is now shown."""
        if self.manager.state in (State.ACTIVE, State.IDLE_WARNING):
            self.speech.screen_changed(self.spoken_text(), current_language())
        else:
            self.speech.stop()

    def close_overlays(self) -> None:
        for overlay in self.overlays.values():
            overlay.hide()

    def window_state(self) -> dict[str, object]:
        flags = self.windowFlags()
        return {
            "fullscreen": self.isFullScreen(),
            "frameless": bool(flags & Qt.WindowType.FramelessWindowHint),
            "always_on_top": bool(flags & Qt.WindowType.WindowStaysOnTopHint),
            "width": self.width(),
            "height": self.height(),
        }

    def spoken_text(self) -> str:
        """What Écouter reads now: the open overlay if any, otherwise the screen."""
        name = self.open_overlay_name()
        if name is not None:
            return self.overlays[name].spoken_text()
        return self.current_screen().spoken_text()

    # Look, language and layout

    def sound_status(self) -> str:
        self.complete()
        if not self._sound.enabled:
            return "disabled"
        return "ok" if self._sound.available else "no audio output"

    def apply_look(self) -> None:
        self.complete()
        self.setStyleSheet(style_sheet(self.state.contrast, self.state.text_size))
        for screen in self.screens.values():
            screen.set_contrast(self.state.contrast)
        self.top_bar.set_contrast(self.state.contrast)
        for overlay in self.overlays.values():
            overlay.set_contrast(self.state.contrast)
        self.display_panel.mark(self.state.text_size, self.state.contrast)

    def apply_language(self, code: str) -> None:
        self.complete()
        set_language(code)
        QLocale.setDefault(QLocale(qt_locale(code)))  # dates and numbers of the language
        self.state.language = code
        if self.web is not None:
            self.web.set_language(code)  # Accept-Language of the session's page
        rtl = language(code).right_to_left
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        self.top_bar.retranslate()
        for screen in self.screens.values():
            screen.retranslate()
        for overlay in self.overlays.values():
            if overlay.isVisible():
                overlay.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._complete:
            return
        portrait = event.size().height() > event.size().width()
        self.home.relayout(portrait)
        self.language_screen.relayout(portrait)
        for overlay in self.overlays.values():
            if overlay.isVisible():
                overlay.setGeometry(self.rect())

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self._first_paint_done:
            self._first_paint_done = True
            self.painted.emit()

    # The session's states

    def _on_state(self, state: State) -> None:
        log.debug("shell follows state %s", state.value)
        self.complete()
        if state is State.ATTRACT:
            self.close_overlays()
            self._show(self.attract)
            self.attract.start_cycling()
        elif state is State.ACTIVE:
            self.attract.stop_cycling()
            if self.current_screen() is self.attract:
                if self.web is not None:
                    self.web.session_started()
                self.state.return_to = None
                self.language_screen.retranslate()
                self._show(self.language_screen)
            if self.open_overlay_name() == "idle-warning":
                self.close_overlays()
        elif state is State.IDLE_WARNING:
            self.open_overlay("idle-warning")
            self._sound.play()
            if self.speech.used and not self.speech.on:
                self.speech.say(self.idle_warning.spoken_text(), current_language())
        elif state is State.WIPING:
            self.wipe_screen.show_in(self.state.language)
            self.wipe_screen.set_done(False)
            self.close_overlays()
            self._show(self.wipe_screen)
        elif state is State.WIPED:
            self.wipe_screen.set_done(True)
            self._show(self.wipe_screen)
        elif state is State.OUT_OF_SERVICE:
            self.close_overlays()
            self.out_of_service.show_in(self.config.kiosk.default_language)
            self._show(self.out_of_service)

    def reset_session_ui(self) -> None:
        """Forgets the visit: language, size, contrast, position, overlays (the UI wiper)."""
        self.complete()
        self.close_overlays()
        from kiosk.ui import keyboard

        keyboard.reset()  # hidden; the next session starts from its own language's layout
        self.speech.reset()
        self.language_screen.mark_speech(False)
        self.flow_screen.clear()
        if self.printing is not None:
            self.printing.reset()
        if self.web is not None:
            self.web.reset()
        self.state = self._fresh_state()
        self.apply_look()
        self.apply_language(self.state.language)
        QApplication.restoreOverrideCursor()

    # Buttons

    def _on_home(self) -> None:
        self.close_overlays()
        self.state.tile = None
        self.flow_screen.clear()
        self._show(self.home)

    def _on_language_button(self) -> None:
        self.close_overlays()
        self.state.return_to = self.current_screen_name()
        self.language_screen.retranslate()
        self._show(self.language_screen)

    def _on_language_chosen(self, code: str) -> None:
        self.apply_language(code)
        back = self.screens.get(self.state.return_to or "home", self.home)
        self.state.return_to = None
        self._show(back if back is not self.language_screen else self.home)

    def _on_tile(self, tile: Tile) -> None:
        if tile.target == "help":
            self.open_overlay("help")
            return
        self.state.tile = tile
        self.flow_screen.start(tile.target.removeprefix("flow:"))
        self._show(self.flow_screen)

    def open_flow(self, flow_id: str) -> bool:
        """Opens any flow of the library (control interface); False if there is none."""
        self.complete()
        if self.library.get(flow_id) is None:
            return False
        if self.manager.state is State.ATTRACT:
            self.manager.start_session()
        if self.manager.state is not State.ACTIVE:
            return False
        self.close_overlays()
        self.flow_screen.start(flow_id)
        self._show(self.flow_screen)
        return True

    def content_health(self) -> str:
        self.complete()
        flows = len(self.library.flows)
        if self.library.problems:
            return (
                f"{flows} flows; {len(self.library.problems)} problem(s): run kiosk check-content"
            )
        return f"ok ({flows} flows)"

    def flow_position(self) -> dict[str, object] | None:
        runner = self.flow_screen.runner if self._complete else None
        if runner is None or self.current_screen() is not self.flow_screen:
            return None
        number, total = runner.progress()
        return {
            "flow": runner.position.flow,
            "step": runner.position.step,
            "type": runner.step.type,
            "number": number,
            "total": total,
        }

    def _on_flow_action(self, action: str) -> None:
        if action == "home":
            self._on_home()
        elif action == "help":
            self.open_overlay("help")
        elif action == "finish":
            self.open_overlay("confirm-end")

    def _on_web(self, url: str, site: str) -> None:
        runner = self.flow_screen.runner
        if self.web is None or runner is None:
            self.notice.show_message(WEB_SOON, "site", WEB_DETAIL, site=site, url=url)
            return
        self.close_overlays()
        self.web.open_site(url, site, runner.flow.sites)

    def _prepare_web(self) -> None:
        """A web step shows: its service loads out of sight, to show at once on the tap."""
        runner = self.flow_screen.runner
        if self.web is not None and runner is not None and runner.step.type == "web":
            self.web.prepare(runner.step.url or "", runner.flow.sites)
        else:
            self.hide_beneath()

    def show_beneath(self, screen: Screen) -> None:
        """`screen` is drawn under the current one, at its size, out of sight (screens are
        opaque) and out of reach (disabled: no tap, key or focus gets there), so that it
        shows at once when its turn comes: the web step's service is drawn by Chromium
        while the resident reads the step, and Chromium does not draw a hidden page."""
        current = self.stack.currentWidget()
        if current is None or screen is current:
            return
        screen.setGeometry(current.geometry())
        screen.setEnabled(False)
        screen.show()
        screen.lower()

    def hide_beneath(self) -> None:
        """Hides whatever screen show_beneath left under the current one."""
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            screen = self.stack.widget(index)
            if screen is not None and screen is not current and screen.isVisible():
                screen.hide()

    # What the web controller uses

    def add_screen(self, screen: Screen) -> None:
        self.stack.addWidget(screen)
        self.screens[screen.name] = screen
        screen.set_contrast(self.state.contrast)
        screen.retranslate()

    def show_screen(self, screen: Screen) -> None:
        self._show(screen)

    def show_flow(self) -> None:
        self.close_overlays()
        self._show(self.flow_screen)

    def go_home(self) -> None:
        self._on_home()

    def _on_print(self, document: Document) -> None:
        if self.printing is not None:
            self.printing.print_document(document)

    def after_overlay_opened(self) -> None:
        """A panel opened outside open_overlay(): silence, then read it in speech mode."""
        self._screen_changed()

    def manager_active(self) -> bool:
        return self.manager.state in (State.ACTIVE, State.IDLE_WARNING)

    def listen(self) -> None:
        """Écouter, from the top bar or a panel's own button."""
        self._on_listen()

    def _on_listen(self) -> None:
        if self.speech.long_press_consumed():
            return  # the long press turned the speech mode on or off
        code = current_language()
        speaker = self.speech.speaker
        if speaker is None:
            log.info("listen pressed: no speech service")
            self.notice.show_message(NO_SPEECH, "ecouter")
        elif not speaker.available(code):
            log.info("listen pressed: no voice for the session's language")
            self.notice.show_message(NO_VOICE, "ecouter")
            self.speech.say(self.spoken_text(), code)
        else:
            self.speech.used = True
            self.speech.say(self.spoken_text(), code)

    def _on_speech_mode(self, on: bool) -> None:
        self.top_bar.buttons["listen"].setProperty("selected", "true" if on else "false")
        self.top_bar.buttons["listen"].setAccessibleDescription(tr(SPEAK_ALL) if on else "")
        self.language_screen.mark_speech(on)
        for button in (self.top_bar.buttons["listen"],):
            button.style().unpolish(button)
            button.style().polish(button)
        if on:
            self.speech.say(self.spoken_text(), current_language())

    def _on_display(self) -> None:
        self.display_panel.mark(self.state.text_size, self.state.contrast)
        speaker = self.speech.speaker
        self.display_panel.voice_button.setVisible(isinstance(speaker, Adjustable))
        self.open_overlay("display")

    def _on_voice_panel(self) -> None:
        speaker = self.speech.speaker
        if isinstance(speaker, Adjustable):
            self.voice_panel.show_levels(speaker.volume(), speaker.speed())
        self.open_overlay("voice")

    def _on_voice_step(self, what: str, step: int) -> None:
        """A step of 10 %, then a sample so the resident hears the new level."""
        speaker = self.speech.speaker
        if not isinstance(speaker, Adjustable):
            return
        if what == "volume":
            speaker.set_volume(round(speaker.volume() + step * 0.1, 2))
        else:
            speaker.set_speed(round(speaker.speed() + step * 0.1, 2))
        self.voice_panel.show_levels(speaker.volume(), speaker.speed())
        self.speech.say(tr(VOICE_SAMPLE), current_language())

    def _on_text_size(self, size: str) -> None:
        self.state.text_size = size
        self.apply_look()

    def _on_contrast(self, contrast: str) -> None:
        self.state.contrast = contrast
        self.apply_look()

    def _on_end_confirmed(self) -> None:
        self.close_overlays()
        self.manager.end_session("button")

    def translated(self, message: str) -> str:
        return tr(message)

    def language_code(self) -> str:
        return current_language()
