"""Composition root: config -> services -> shell, in a fixed and logged order.

`build()` makes every object the kiosk needs and wires the wipers; `run()` adds the
window, the control socket and the event loop. Tests and `kiosk screenshot` use
`build()` too, so they exercise the same wiring as a real terminal.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer

from kiosk import qtcompat
from kiosk.config.schema import Config
from kiosk.control.probe import ControlError, ensure_free
from kiosk.i18n import catalog_store, current_language, set_language
from kiosk.session.folder import SessionFolders, SessionFolderWiper
from kiosk.session.manager import SessionManager
from kiosk.session.wipe import WipeRunner
from kiosk.ui import qtlog, runtime
from kiosk.ui.clipboard import ClipboardWiper
from kiosk.ui.shell import ShellWindow
from kiosk.ui.speech_mode import Speaker
from kiosk.ui.state import UiStateWiper

log = logging.getLogger("kiosk")

PROCESS_START = time.monotonic()


class StartupError(RuntimeError):
    """A problem found before anything is shown, explained for IT staff."""


if TYPE_CHECKING:
    from kiosk.control.server import ControlServer
    from kiosk.printing.service import PrintService
    from kiosk.speech import SpeechService


@dataclass
class Kiosk:
    config: Config
    folders: SessionFolders
    runner: WipeRunner
    manager: SessionManager
    shell: ShellWindow
    control: ControlServer | None = None

    def _speech_health(self) -> str:
        speaker = self.shell.speech.speaker
        health = getattr(speaker, "health", None)
        if speaker is None or health is None:
            return "off"
        return str(health())

    def _printing_health(self) -> str:
        printing = self.shell.printing
        if printing is None or printing.service is None:
            return "off"
        parts = []
        for kind in ("a4", "ticket"):
            status = printing.service.status(kind)
            if "not-configured" in status.reasons:
                continue
            state = status.state.value
            state += ", toner low" if status.toner_low else ""
            state += ", paper low" if status.paper_low else ""
            parts.append(f"{kind} {status.name or '?'}: {state}")
        return "; ".join(parts) or "no printer configured"

    def status(self) -> dict[str, Any]:
        manager = self.manager
        last = manager.last_outcome
        health: dict[str, str] = {
            "config": "ok",
            "session_folder": "ok" if os.access(self.folders.root, os.W_OK) else "not writable",
            "clipboard": "ok",
            "control": "ok" if self.control is not None and self.control.listening else "off",
            "translations": "ok"
            if not catalog_store().missing
            else "missing catalogs: " + ", ".join(sorted(catalog_store().missing)),
            "sound": self.shell.sound_status(),
            "wipe": "never run" if last is None else ("ok" if last.ok else "failed"),
            "content": self.shell.content_health(),
            "speech": self._speech_health(),
            "printing": self._printing_health(),
        }
        return {
            "ok": True,
            "state": manager.state.value,
            "language": current_language(),
            "screen": self.shell.current_screen_name(),
            "overlay": self.shell.open_overlay_name(),
            "flow": self.shell.flow_position(),
            "uptime_s": round(time.monotonic() - manager.started_at, 1),
            "sessions_started": manager.sessions_started,
            "wipes_ok": manager.wipes_ok,
            "wipers": self.runner.wiper_names(),
            "out_of_service_reason": manager.out_of_service_reason or None,
            "last_wipe": None
            if last is None
            else {
                "ok": last.ok,
                "duration_ms": last.duration_ms,
                "reports": [
                    {"wiper": r.wiper, "ok": r.ok, "counts": r.counts} for r in last.reports
                ],
            },
            "window": self.shell.window_state(),
            "health": health,
        }


def attach_speech(runner: WipeRunner, shell: ShellWindow, speaker: Speaker) -> None:
    """Gives the shell its voice, and the wipe a speech wiper when it is the real service."""
    from kiosk.speech import SpeechService, SpeechWiper

    shell.speech.speaker = speaker
    if isinstance(speaker, SpeechService):
        runner.register(SpeechWiper(speaker))  # silence, default voice, rate and volume


def attach_printing(runner: WipeRunner, shell: ShellWindow, service: PrintService) -> None:
    """Gives the shell its printers, and the wipe a print wiper (cancel, purge, verify)."""
    from kiosk.printing.wiper import PrintWiper

    assert shell.printing is not None
    shell.printing.attach(service)
    runner.register(PrintWiper(service))


def attach_web(kiosk: Kiosk, config: Config) -> None:
    """Gives the shell the official sites, and the wipe a web wiper (a new profile, probed)."""
    from kiosk.ui.web_controller import WebController
    from kiosk.web.engine import WebEngine

    web = config.web
    # No Qt parent: the engine tears its page down before its profile (shutdown), never
    # in whatever order the shell's children happen to be deleted.
    engine = WebEngine(hang_timeout_ms=int(web.hang_timeout_s * 1000))
    shared = (*web.login_sites, *web.extra_sites)
    kiosk.shell.web = WebController(kiosk.shell, engine, kiosk.folders, shared)
    kiosk.runner.register(engine.wiper())


def build(config: Config, folder_root: Path | None = None, speaker: Speaker | None = None) -> Kiosk:
    """Builds the services and the shell (a QApplication must exist)."""
    qtcompat.install()  # before any signal is emitted from Python
    folders = SessionFolders(folder_root or Path(config.session.resolved_folder_root()))
    removed = folders.remove_leftovers()  # before anything is shown
    log.info("session folders ready (%d leftover(s) removed)", removed)
    set_language(config.kiosk.default_language)
    session = config.session
    runner = WipeRunner(session.wipe_timeout_s, session.wipe_retries)
    manager = SessionManager(
        runner,
        idle_timeout_s=session.idle_timeout_s,
        warning_s=session.warning_countdown_s,
        wiped_message_s=session.wiped_message_s,
    )

    def create_folder() -> None:
        folders.create()

    manager.add_start_hook(create_folder)

    def after_wipe(state: object) -> None:
        from kiosk.session.manager import State
        from kiosk.session.memory import release_freed_memory

        if state is State.ATTRACT and manager.wipes_ok:
            QTimer.singleShot(0, release_freed_memory)  # once the attract screen shows

    manager.state_changed.connect(after_wipe)
    shell = ShellWindow(config, manager, speaker)
    from kiosk.ui.print_controller import PrintController

    shell.printing = PrintController(
        shell, folders, config.kiosk.town_hall_name, config.printing.ticket_header
    )
    runner.register(UiStateWiper(shell))
    runner.register(SessionFolderWiper(folders))
    runner.register(ClipboardWiper())
    if speaker is not None:
        attach_speech(runner, shell, speaker)
    log.info("wipers registered: %s", ", ".join(runner.wiper_names()))
    return Kiosk(config, folders, runner, manager, shell)


def _register_control(kiosk: Kiosk, path: Path) -> ControlServer:
    from kiosk.control.server import ControlServer

    server = ControlServer(path)

    def end_session(_args: dict[str, Any]) -> dict[str, Any]:
        before = kiosk.manager.state.value
        kiosk.manager.end_session("control")
        return {"ok": True, "state_before": before, "state": kiosk.manager.state.value}

    def open_flow(args: dict[str, Any]) -> dict[str, Any]:
        flow = args.get("flow")
        if not isinstance(flow, str) or not flow:
            return {"ok": False, "error": "give a flow id"}
        if not kiosk.shell.open_flow(flow):
            known = [t.target[5:] for t in kiosk.config.home.tiles if t.target.startswith("flow:")]
            return {"ok": False, "error": f"no flow {flow!r} (known: {', '.join(known)})"}
        return {"ok": True, "screen": kiosk.shell.current_screen_name()}

    def start_session(_args: dict[str, Any]) -> dict[str, Any]:
        kiosk.manager.start_session()
        return {"ok": True, "state": kiosk.manager.state.value}

    def press(args: dict[str, Any]) -> dict[str, Any]:
        role, index = args.get("role"), args.get("index", 0)
        if not isinstance(role, str) or not isinstance(index, int):
            return {"ok": False, "error": "give a role (continue, choose, web...) and an index"}
        shell = kiosk.shell
        if shell.current_screen_name() != "flow" or not shell.flow_screen.press(role, index):
            return {"ok": False, "error": f"no {role} button {index} on this screen"}
        return {"ok": True, "screen": shell.current_screen_name()}

    server.register("status", lambda _args: kiosk.status())
    server.register("press", press)
    server.register("end-session", end_session)
    server.register("open", open_flow)
    server.register("start-session", start_session)
    server.start()
    return server


def _speech_service(config: Config) -> SpeechService | None:
    """The speech service, or None when speech is turned off in the configuration."""
    if not config.speech.enabled:
        log.info("speech turned off in the configuration")
        return None
    from kiosk.speech import SpeechService
    from kiosk.ui.speech_player import QtSpeechPlayer

    folder = Path(config.session.resolved_folder_root()) / "speech"
    return SpeechService(config.speech, QtSpeechPlayer(), folder)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper()),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def check_environment() -> None:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not has_display and platform not in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        raise StartupError(
            "No screen found: DISPLAY and WAYLAND_DISPLAY are both empty. Start the kiosk in "
            "its graphical session (deploy/ sets this up), or set QT_QPA_PLATFORM=offscreen "
            "for a headless check."
        )


class _AfterPaint:
    """What starts once the attract screen is shown: first paint is what residents wait for.

    Each part starts in its own turn of the event loop, so a touch is never kept waiting
    behind all of them; `shutdown` stops them in the reverse order.
    """

    def __init__(self, kiosk: Kiosk, config: Config) -> None:
        self.kiosk, self.config = kiosk, config
        self._closers: list[Callable[[], None]] = []

    def start(self) -> None:
        for part in (self.web, self.speech, self.keyboard, self.printing):
            QTimer.singleShot(0, part)

    def speech(self) -> None:
        """QtMultimedia and espeak-ng; the engine loads in its own thread."""
        speech = _speech_service(self.config)
        if speech is not None:
            attach_speech(self.kiosk.runner, self.kiosk.shell, speech)
            speech.warm_up()
            self._closers.append(speech.shutdown)

    def keyboard(self) -> None:
        """The on-screen keyboard lives in the kiosk's own window."""
        from kiosk.ui import keyboard

        keyboard.install_keyboard(self.kiosk.shell)

    def web(self) -> None:
        """QtWebEngine: its first profile and renderer warm up while the home screen shows."""
        if not self.config.web.enabled:
            log.info("web surface turned off in the configuration")
            return
        attach_web(self.kiosk, self.config)
        web = self.kiosk.shell.web
        assert web is not None
        self._closers.append(web.shutdown)

    def printing(self) -> None:
        """pycups and python-escpos; the printers' state is watched from worker threads."""
        from kiosk.printing import from_config

        service = from_config.service(self.config.printing)
        attach_printing(self.kiosk.runner, self.kiosk.shell, service)
        service.start()
        self._closers.append(service.close)

    def shutdown(self) -> None:
        for close in reversed(self._closers):
            close()


def run(config: Config, *, windowed: bool, size: tuple[int, int] | None = None) -> int:
    configure_logging(config.logging.level)
    check_environment()
    qtlog.install()
    log.info("starting (platform %s)", os.environ.get("QT_QPA_PLATFORM", "default"))
    from kiosk.ui.keyboard_setup import prepare_environment

    prepare_environment()  # before the QApplication: Qt reads QT_IM_MODULE once
    app = runtime.application()
    kiosk = build(config)
    services = _AfterPaint(kiosk, config)
    kiosk.shell.painted.connect(services.start)
    # Input is watched from the first paint on: nobody can touch what is not shown yet.
    kiosk.shell.painted.connect(lambda: runtime.watch_activity(kiosk.shell, kiosk.manager.activity))
    socket_path = Path(config.control.resolved_socket_path())
    if config.control.enabled:
        try:
            ensure_free(socket_path)  # refuse at once, before anything is shown
        except ControlError as error:
            raise StartupError(str(error)) from None

        def start_control() -> None:
            try:
                kiosk.control = _register_control(kiosk, socket_path)
            except ControlError as error:
                log.error("control socket not started: %s", error)

        # Opened once the attract screen is painted: first paint is what residents wait for.
        kiosk.shell.painted.connect(lambda: QTimer.singleShot(0, start_control))
    runtime.show(kiosk.shell, fullscreen=config.display.fullscreen and not windowed, size=size)
    _exit_after_paint(kiosk.shell, app)
    _quit_on_signals(app)

    def shutdown() -> None:
        services.shutdown()
        removed = kiosk.folders.remove()
        if kiosk.control is not None:
            kiosk.control.stop()
        log.info("stopped (%d session file(s) removed)", removed)

    app.aboutToQuit.connect(shutdown)
    code = app.exec()
    runtime.dispose(kiosk.shell)
    return code


def _exit_after_paint(shell: ShellWindow, app: QCoreApplication) -> None:
    """For bench/run: print the time to the first painted attract screen, then quit."""
    if not os.environ.get("KIOSK_EXIT_AFTER_PAINT"):
        return

    def painted() -> None:
        print(f"painted {time.monotonic() - PROCESS_START:.4f}", flush=True)
        QTimer.singleShot(0, app.quit)

    shell.painted.connect(painted)


def _quit_on_signals(app: QCoreApplication) -> None:
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: app.quit())
    # Let the Python interpreter run now and then, so the handlers above get called.
    timer = QTimer(app)
    timer.start(250)
    timer.timeout.connect(lambda: None)
