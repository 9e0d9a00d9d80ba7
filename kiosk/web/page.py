"""The session's web page: the allow-list enforced on every navigation, nothing that blocks.

Every way a page can leave (link, redirect, meta refresh, form post, iframe, script, new
window) reaches `acceptNavigationRequest`, which asks the policy. New windows open in place.
Permissions are denied without a prompt, JavaScript dialogs answer at once, certificate
errors are refused, uploads only offer this session's files. Nothing a page shows or says
is logged: the console is dropped and the signals carry reasons, not addresses.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtNetwork import QAuthenticator
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineDesktopMediaRequest,
    QWebEngineFileSystemAccessRequest,
    QWebEngineFullScreenRequest,
    QWebEngineLoadingInfo,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineRegisterProtocolHandlerRequest,
    QWebEngineScript,
    QWebEngineWebAuthUxRequest,
)

from kiosk.web import app_links
from kiosk.web.downloads import inside, session_files
from kiosk.web.policy import Decision, SitePolicy, origin_of
from kiosk.web.watchdog import HangWatchdog

log = logging.getLogger(__name__)

Domain = QWebEngineLoadingInfo.ErrorDomain
FileChooser = Callable[[str, list[str]], list[str]]
Credentials = Callable[[str], "tuple[str, str] | None"]

NETWORK_DOMAINS = (Domain.ConnectionErrorDomain, Domain.DnsErrorDomain, Domain.HttpErrorDomain)
# beforeunload handlers would ask "leave this page?" and hold a navigation or a wipe:
# the page never gets to register one.
NO_BEFOREUNLOAD = """
(() => {
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this === window && String(type).toLowerCase() === "beforeunload") return;
    return add.call(this, type, listener, options);
  };
  Object.defineProperty(window, "onbeforeunload", {
    configurable: false, get() { return null; }, set(_value) {},
  });
})();
"""


def _script_without_beforeunload() -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName("kiosk-no-beforeunload")
    script.setSourceCode(NO_BEFOREUNLOAD)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(True)
    return script


class KioskPage(QWebEnginePage):
    """One session's page in one session's profile; made by `WebEngine`, never reused."""

    # reason ("site" | "scheme" | "phone" | "mail"), and the host, or the number or address
    # a link to another application wanted: for the screen only, never logged
    blocked = Signal(str, str)
    failed = Signal(str)  # "network" | "server" | "certificate" | "crashed" | "hung" | "auth"
    download_finished = Signal(str)  # path inside the session's download folder
    download_failed = Signal()
    print_requested = Signal()

    def __init__(
        self,
        profile: QWebEngineProfile,
        policy: SitePolicy,
        download_dir: Path | None = None,
        hang_timeout_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(profile, parent)
        self.policy = policy
        self.download_dir = download_dir
        self.file_chooser: FileChooser | None = None
        self.credentials: Credentials | None = None
        self._origins: set[str] = set()
        self._hung = False
        self._certificate_failed = False
        self._warming = False
        self.scripts().insert(_script_without_beforeunload())
        self._relay_token = secrets.token_urlsafe(16)
        self.scripts().insert(app_links.script(self._relay_token))
        self.watchdog = HangWatchdog(self, hang_timeout_ms, self._on_hung)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.newWindowRequested.connect(self._on_new_window)
        self.permissionRequested.connect(self._on_permission)
        self.fileSystemAccessRequested.connect(self._on_file_system_access)
        self.desktopMediaRequested.connect(self._on_desktop_media)
        self.registerProtocolHandlerRequested.connect(self._on_protocol_handler)
        self.webAuthUxRequested.connect(self._on_web_auth)
        self.fullScreenRequested.connect(self._on_full_screen)
        self.certificateError.connect(self._on_certificate_error)
        self.authenticationRequired.connect(self._on_authentication)
        self.proxyAuthenticationRequired.connect(self._on_proxy_authentication)
        self.loadingChanged.connect(self._on_loading_changed)
        self.renderProcessTerminated.connect(self._on_render_process_terminated)
        self.renderProcessPidChanged.connect(lambda _pid: self.watchdog.reset())
        self.printRequested.connect(self.print_requested)

    # What the engine and the wiper use.

    def visited_origins(self) -> frozenset[str]:
        """Origins this page opened: kept in memory for the wiper's probe, never logged."""
        return frozenset(self._origins)

    def session_files(self) -> list[Path]:
        return session_files(self.download_dir)

    def can_go_back(self) -> bool:
        """True if there is a page of this session to go back to (not the warm-up blank)."""
        history = self.history()
        if not history.canGoBack():
            return False
        return history.backItem().url().toString() != "about:blank"

    def go_back(self) -> None:
        if self.can_go_back():
            self.history().back()

    def open(self, url: str) -> Decision:
        """Loads `url` if the policy allows it; otherwise `blocked` and nothing is loaded."""
        decision = self.policy.decide(url)
        if decision.allowed:
            self.load(QUrl(url))
        else:
            self.blocked.emit(decision.reason, decision.host)
        return decision

    def reload(self) -> None:
        """Réessayer: loads the page again; also what brings back a crashed or hung page."""
        url = self.url()
        if self.renderProcessPid() <= 0 and url.isValid() and not url.isEmpty():
            self.load(url)
        else:
            self.triggerAction(QWebEnginePage.WebAction.Reload)

    def warm(self) -> None:
        """Starts the renderer on an empty page, so the first tap does not wait for it.

        The empty page stays first in the history, where `can_go_back` does not count it:
        Retour on the service's first page leads back to the kiosk, not to a blank page.
        """
        self._warming = True
        self.load(QUrl("about:blank"))

    def start_watching(self) -> None:
        self.watchdog.start()

    def stop_watching(self) -> None:
        self.watchdog.stop()

    # Navigation.

    def acceptNavigationRequest(
        self, url: QUrl | str, type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        text = _encoded(url)
        if self._warming and is_main_frame and text == "about:blank":
            self._warming = False
            return True
        relayed = app_links.relayed(text, self._relay_token)
        if relayed is not None:  # a tapped tel:, mailto:... link (kiosk/web/app_links.py)
            log.info("link to another application refused: %s", relayed[0])
            self.blocked.emit(*relayed)
            return False
        decision = self.policy.decide(text, main_frame=is_main_frame)
        if not decision.allowed:
            log.info("navigation blocked: reason=%s main_frame=%s", decision.reason, is_main_frame)
            self.blocked.emit(decision.reason, decision.host)
            return False
        origin = origin_of(text)
        if origin is not None:
            self._origins.add(origin)
        return True

    def _on_new_window(self, request: QWebEngineNewWindowRequest) -> None:
        """A new window opens in place when allowed; the request itself is never opened."""
        text = _encoded(request.requestedUrl())
        decision = self.policy.decide(text)
        if not decision.allowed:
            self.blocked.emit(decision.reason, decision.host)
            return
        self.load(QUrl(text))

    def createWindow(self, type: QWebEnginePage.WebWindowType) -> QWebEnginePage:
        """Never a window: `newWindowRequested` already opened the address in place."""
        return None  # type: ignore[return-value]

    # Nothing asks the resident or the operating system.

    def _on_permission(self, permission: QWebEnginePermission) -> None:
        permission.deny()

    def _on_file_system_access(self, request: QWebEngineFileSystemAccessRequest) -> None:
        request.reject()

    def _on_desktop_media(self, request: QWebEngineDesktopMediaRequest) -> None:
        request.cancel()

    def _on_protocol_handler(self, request: QWebEngineRegisterProtocolHandlerRequest) -> None:
        request.reject()

    def _on_web_auth(self, request: QWebEngineWebAuthUxRequest) -> None:
        request.cancel()

    def _on_full_screen(self, request: QWebEngineFullScreenRequest) -> None:
        request.reject()

    def javaScriptAlert(self, origin: QUrl | str, msg: str) -> None:
        return

    def javaScriptConfirm(self, origin: QUrl | str, msg: str) -> bool:
        return False

    def javaScriptPrompt(self, origin: QUrl | str, msg: str, default: str) -> tuple[bool, str]:
        return False, ""

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        return  # page text and addresses never reach the log

    def chooseFiles(
        self,
        mode: QWebEnginePage.FileSelectionMode,
        old_files: Sequence[str],
        accepted_types: Sequence[str],
    ) -> list[str]:
        """Only this session's downloads, through the kiosk's picker; never a file dialog."""
        chooser, folder = self.file_chooser, self.download_dir
        if chooser is None or folder is None:
            return []
        many = mode == QWebEnginePage.FileSelectionMode.FileSelectOpenMultiple
        if mode == QWebEnginePage.FileSelectionMode.FileSelectUploadFolder:
            return []
        chosen = chooser("many" if many else "one", list(accepted_types))
        allowed = [str(Path(p).resolve()) for p in chosen if inside(folder, Path(p))]
        return allowed if many else allowed[:1]

    # Failures become reasons the screen can explain.

    def _on_certificate_error(self, error: QWebEngineCertificateError) -> None:
        error.rejectCertificate()
        if error.isMainFrame():
            self._certificate_failed = True
            log.info("certificate error: refused")
            self.failed.emit("certificate")

    def _on_authentication(self, url: QUrl, authenticator: QAuthenticator) -> None:
        supply = self.credentials
        given = supply(url.host()) if supply is not None else None
        if given is None:
            _cancel(authenticator)
            self.failed.emit("auth")
            return
        authenticator.setUser(given[0])
        authenticator.setPassword(given[1])

    def _on_proxy_authentication(
        self, url: QUrl, authenticator: QAuthenticator, proxy_host: str
    ) -> None:
        _cancel(authenticator)
        self.failed.emit("network")

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus:
            self._certificate_failed = False
            return
        domain = info.errorDomain()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            if domain == Domain.HttpStatusCodeDomain and info.errorCode() >= 400:
                log.info("web page load: server answered %d", info.errorCode())
                self.failed.emit("server")
            return
        if status != QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            return
        if domain == Domain.CertificateErrorDomain or self._certificate_failed:
            if not self._certificate_failed:
                self.failed.emit("certificate")
            return
        if domain == Domain.HttpStatusCodeDomain:
            log.info("web page load: server answered %d", info.errorCode())
            self.failed.emit("server")
        elif domain in NETWORK_DOMAINS:
            log.info("web page load failed: %s %d", domain.name, info.errorCode())
            self.failed.emit("network")

    def _on_render_process_terminated(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int
    ) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        reason = "hung" if self._hung else "crashed"
        self._hung = False
        log.warning("web renderer ended: %s (%s)", reason, status.name)
        self.failed.emit(reason)

    def _on_hung(self) -> None:
        self._hung = True


def _cancel(authenticator: QAuthenticator) -> None:
    """Leaves the credentials empty, which QtWebEngine takes as a cancelled login."""
    authenticator.setUser("")
    authenticator.setPassword("")


def _encoded(url: QUrl | str) -> str:
    """The address as Chromium requests it: host in punycode, path percent-encoded."""
    qurl = url if isinstance(url, QUrl) else QUrl(url)
    return qurl.toString(QUrl.ComponentFormattingOption.FullyEncoded)
