"""QtWebEngine glue: a hardened, off-the-record web surface that a session wipe really empties.

Qt's defaults are not kiosk-safe (FIELD-NOTES.md), and deleting a profile's data does not
empty it: every session gets a brand-new off-the-record profile and page, torn down at the
wipe (views detached, page deleted, then the profile), and the web wiper proves by probing
the next session's profile that nothing of the previous one is visible.

Public API (stable; the web screen in kiosk/ui builds on it)
------------------------------------------------------------

``kiosk.web.policy`` (pure Python, no Qt)
    ``SitePolicy(sites: Iterable[str])``: the allow-list; a site is
    ``"https://host[:port]/optional/path/prefix"``. Invalid entries raise ``ValueError``.
    ``SitePolicy.decide(url: str, *, main_frame: bool = True) -> Decision``.
    ``Decision(allowed: bool, reason: str, host: str)``; ``reason`` is ``""`` when allowed,
    else ``"site"`` (a web address not on the list) or ``"scheme"`` (not https: mailto:, tel:,
    file:, data:, javascript:, view-source:, chrome:...). ``host`` is for the screen only
    (may be ``""``), never for logs.
    ``origin_of(url: str) -> str | None``: ``"https://host[:port]"``.

``kiosk.web.engine``
    ``WebEngine(parent: QObject | None = None, *, hang_timeout_ms: int = 4000)``
      signals:
        ``page_changed(object)``: the session's new ``KioskPage`` (attach the view to it).
        ``closing()``: the page is about to be deleted: detach views NOW (synchronously).
      methods:
        ``warm_up() -> None``: makes the next profile, page and renderer ahead of time
          (call while the home screen shows; idempotent, cheap when already warm).
        ``open_session(download_dir: Path, language: str = "fr") -> KioskPage``: the
          session's page (warmed if possible), downloads into ``download_dir`` (created).
        ``set_sites(sites: Iterable[str]) -> None``: the allow-list of the current flow.
        ``set_language(language: str) -> None``: HTTP Accept-Language (kiosk codes: "fr",
          "fr-falc", "ar"...).
        ``open(url: str) -> Decision``: navigates the session's page if the policy allows
          (``Decision(False, "closed")`` between sessions).
        ``check() -> list[str]``: live settings that differ from the table (empty: hardened).
        ``end_session() -> None``: emits ``closing``, deletes page then profile, and warms
          the next session's profile (asynchronously).
        properties: ``page``, ``profile``, ``download_dir``, ``session_open``, ``language``
        ``visited_origins() -> frozenset[str]``: kept in memory only, never logged.
        ``wiper() -> WebWiper``: the wiper to register with the session's WipeRunner.

``kiosk.web.page``
    ``KioskPage(QWebEnginePage)``; made by the engine, never by the UI.
      signals:
        ``blocked(str reason, str host)``: a navigation was refused ("site" | "scheme");
          the page stays where it was. Show "Ce site n'est pas disponible sur cette borne".
          A TAPPED link to mailto:/tel:/file:... is dropped by Chromium itself before the
          page is asked (DisallowUnknownUrlSchemes): nothing happens, nothing is emitted.
        ``failed(str reason)``: "network" | "server" | "certificate" | "crashed" | "hung"
          | "auth" (an HTTP login the kiosk does not offer). ``reload()`` retries and
          recovers a crashed or hung page.
        ``download_finished(str path)``: a file inside the session's download folder.
        ``download_failed()``
        ``print_requested()``: the page called ``window.print()``; the UI prints with
          ``page.printToPdf(path)``.
        plus Qt's own ``loadStarted``, ``loadProgress(int)``, ``loadFinished(bool)``,
        ``titleChanged``, ``urlChanged`` (for the screen only; never log them).
      attributes:
        ``file_chooser: Callable[[str, list[str]], list[str]] | None``: called by an
          ``<input type=file>`` with mode ``"one"`` or ``"many"`` and the accepted types;
          returns chosen paths. Only paths inside the session's download folder are
          passed to the page. ``None`` (default): no file.
        ``credentials: Callable[[str], tuple[str, str] | None] | None``: HTTP
          authentication (host -> user, password). Default ``None``: cancelled with
          ``failed("auth")``. Never remembered: a new profile each session.
      methods:
        ``session_files() -> list[Path]``: files downloaded during this session.
        ``reload() -> None``: Réessayer (also brings back a crashed or hung page).
        ``can_go_back() -> bool``, ``go_back() -> None``: history inside this session.

``kiosk.web.view``
    ``KioskWebView(parent: QWidget | None = None)``: no context menu, no drops, mouse
    Back/Forward and history keys swallowed. ``follow(engine: WebEngine)`` attaches the
    view to each session's page and detaches it at ``closing``; ``attach(page | None)``
    does it by hand. Never call ``page()`` on a detached view (Qt would make a page in
    the default profile): use ``kiosk_page() -> KioskPage | None``.
    ``refuse_remote_debugging(argv, environ) -> int`` (``kiosk.web.devtools``, no Qt):
    removes devtools switches before QtWebEngine starts (kiosk.ui.runtime calls it).

``kiosk.web.settings``
    ``SETTINGS`` (the table: name, expected value, reader, writer, why),
    ``apply(profile, language, download_dir)``,
    ``check(profile, language, download_dir) -> list[str]`` (mismatches, empty when hardened).

``kiosk.web.wiper``
    ``WebWiper(engine: WebEngine, probe_timeout_ms: int = 3000)`` (a
    ``kiosk.session.wipe.Wiper`` named ``"web"``; also ``engine.wiper()``). Register it
    BEFORE the session-folder wiper. Counts: origins, files_removed, found, unreadable,
    history, probe_ms, ms.

``kiosk.web.probe``
    ``StorageProbe(profile, origins, done, timeout_ms)``: counts what each origin can see
    (cookies readable by scripts, localStorage, sessionStorage, IndexedDB, Cache Storage).
"""
