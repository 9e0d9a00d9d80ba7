"""`kiosk screenshot`: any screen, in any language, rendered offscreen into a PNG."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.flows.runner import FlowRunner, _Frame

SCREENS: dict[str, str] = {
    "attract": "the attract screen (town hall, invitation)",
    "language": "the language choice",
    "home": "the home screen and its tiles",
    "flow": "the first step of the first tile's flow",
    "step-info": "a flow's information step",
    "step-choice": "a flow's question with its buttons",
    "step-checklist": "a flow's list of what to have ready",
    "step-web": "a flow's step before an official website",
    "step-print": "a flow's offer to print",
    "step-directory": "a flow's places that help",
    "step-help": "a flow's call for an adviser",
    "step-end": "a flow's last step: what to do next",
    "print-preview": "the preview of the ticket a flow prints",
    "print-preview-a4": "the preview of an A4 page: its pages and Imprimer N pages",
    "print-progress": "Votre document s'imprime, with its progress",
    "voice": "volume and speed of the voice",
    "help": "the help panel over the home screen",
    "display": "text size and contrast panel",
    "notice": "the notice that speech is not available yet",
    "idle-warning": "the idle warning with its countdown",
    "confirm-end": "Terminer's confirmation",
    "wiped": "Vos informations ont été effacées",
    "out-of-service": "the out-of-service screen",
}


def prepare(kiosk: object, screen: str, lang: str) -> None:
    """Puts a freshly built kiosk on `screen`, in `lang`."""
    from kiosk.app import Kiosk
    from kiosk.ui.shell import NO_SPEECH

    assert isinstance(kiosk, Kiosk)
    shell, manager = kiosk.shell, kiosk.manager
    shell.complete()
    if screen == "attract":
        languages = shell.attract.languages
        if lang in languages:
            shell.attract._show_language(languages.index(lang))
        return
    if screen in ("wiped", "out-of-service"):
        target = shell.wipe_screen if screen == "wiped" else shell.out_of_service
        target.show_in(lang)
        if screen == "wiped":
            shell.wipe_screen.set_done(True)
        shell._show(target)
        return
    manager.start_session()
    shell.apply_language(lang)
    if screen == "language":
        return
    shell._show(shell.home)

    def idle_warning() -> None:
        shell.idle_warning.set_seconds(kiosk.config.session.warning_countdown_s)
        shell.open_overlay("idle-warning")

    def open_flow() -> None:
        shell.open_flow(kiosk.config.home.tiles[0].target.removeprefix("flow:"))

    document_format = "a4" if screen == "print-preview-a4" else "ticket"

    def print_preview() -> None:
        step_of_type(kiosk, "checklist")
        document = shell.flow_screen.document()
        assert document is not None
        assert shell.printing is not None
        shell.printing.print_document(replace(document, format=document_format))

    def print_progress() -> None:
        from kiosk.printing.model import JobState, JobStatus

        shell.print_progress.start("a4", 3)
        shell.print_progress.show_job(JobStatus(1, JobState.PRINTING, 3, 1))

    if screen.startswith("step-"):
        step_of_type(kiosk, screen.removeprefix("step-"))
        return

    actions: dict[str, Callable[[], None]] = {
        "home": lambda: None,
        "flow": open_flow,
        "help": lambda: shell.open_overlay("help"),
        "display": shell._on_display,
        "notice": lambda: shell.notice.show_message(NO_SPEECH, "ecouter"),
        "idle-warning": idle_warning,
        "confirm-end": lambda: shell.open_overlay("confirm-end"),
        "print-preview": print_preview,
        "print-preview-a4": print_preview,
        "print-progress": print_progress,
        "voice": lambda: shell.open_overlay("voice"),
    }
    actions[screen]()


def step_of_type(kiosk: object, kind: str) -> None:
    """Shows the first shipped step of type `kind` (in the order of the home tiles' flows)."""
    from kiosk.app import Kiosk
    from kiosk.flows.runner import Position

    assert isinstance(kiosk, Kiosk)
    shell = kiosk.shell
    flows = sorted(shell.library.flows.values(), key=lambda f: (f.id != "caf-ressources", f.id))
    for flow in flows:
        for step in flow.steps:
            if step.type == kind:
                shell.open_flow(flow.id)
                runner = shell.flow_screen.runner
                assert runner is not None
                # Arrive as a resident would have: one step taken before, so Retour shows.
                if step.id != flow.start:
                    runner.history.append(_frame(runner))
                runner.position = Position(flow.id, step.id)
                shell.flow_screen.show_step()
                return
    raise LookupError(f"no shipped flow has a {kind} step")


def _frame(runner: FlowRunner) -> _Frame:
    from kiosk.flows.runner import _Frame

    return _Frame(runner.position, None)


def render(
    screen: str,
    lang: str,
    size: tuple[int, int],
    out: Path,
    *,
    contrast: str = "standard",
    text_size: str = "normal",
) -> Path:
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    from kiosk.app import build
    from kiosk.config import demo

    app = QApplication.instance() or QApplication(["kiosk-screenshot"])
    config = demo()
    config = replace(
        config,
        display=replace(config.display, contrast=contrast, text_size=text_size),
        session=replace(config.session, warning_sound=False),
    )
    with tempfile.TemporaryDirectory(prefix="kiosk-shot-") as folder_root:
        kiosk = build(config, Path(folder_root))
        kiosk.shell.resize(*size)
        kiosk.shell.show()
        prepare(kiosk, screen, lang)
        for _ in range(6):  # let every layout request run, as the event loop would
            app.processEvents()
        image = kiosk.shell.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
        kiosk.shell.close()
        kiosk.shell.deleteLater()
        kiosk.folders.remove()
    return out


def main(args: argparse.Namespace) -> int:
    if args.screen == "list":
        for name in SCREENS:
            print(name)
        return 0
    if args.screen not in SCREENS:
        print(
            f"unknown screen {args.screen!r}; `kiosk screenshot --screen list` lists them",
            file=sys.stderr,
        )
        return 2
    from kiosk.i18n.languages import shipped_codes

    if args.lang not in shipped_codes():
        print(
            f"unknown language {args.lang!r} (shipped: {', '.join(shipped_codes())})",
            file=sys.stderr,
        )
        return 2
    if args.out is None:
        print("--out FILE.png is required", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.ui import qtlog

    qtlog.install()
    render(
        args.screen,
        args.lang,
        args.shot_size,
        args.out,
        contrast=args.contrast,
        text_size=args.text_size,
    )
    print(args.out)
    return 0
