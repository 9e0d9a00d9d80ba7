"""The UI-state wiper: the next person starts from the attract screen's defaults."""

from __future__ import annotations

from kiosk.i18n import current_language
from kiosk.session.wipe import SyncWiper, WipeReport
from kiosk.ui.shell import ShellWindow


class UiStateWiper(SyncWiper):
    name = "ui_state"

    def __init__(self, shell: ShellWindow) -> None:
        self._shell = shell

    def wipe_and_verify(self) -> WipeReport:
        shell = self._shell
        shell.reset_session_ui()
        display = shell.config.display
        default_language = shell.config.kiosk.default_language
        problems = []
        if current_language() != default_language or shell.state.language != default_language:
            problems.append("language")
        if shell.state.text_size != display.text_size:
            problems.append("text size")
        if shell.state.contrast != display.contrast:
            problems.append("contrast")
        if shell.state.tile is not None or shell.flow_screen.runner is not None:
            problems.append("flow position")
        if shell.state.return_to is not None:
            problems.append("screen history")
        if shell.open_overlay_name() is not None:
            problems.append("open overlay")
        if shell.speech.on or shell.speech.used:
            problems.append("speech mode")
        if problems:
            return WipeReport.failed(self.name, "not reset: " + ", ".join(problems))
        return WipeReport.clean(self.name, settings_checked=7)
