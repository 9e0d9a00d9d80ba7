"""Every hardened web setting, declared once: what it is, the kiosk's value and why.

Qt's defaults suit a browser, not a shared kiosk (FIELD-NOTES.md): popups, plugins and the
PDF viewer on, local files readable, unknown schemes handed to the operating system,
Chromium's own error pages. `apply` sets every row on a session's profile; `check` reads
them back, and a test runs it on the live profile the kiosk uses, so a row cannot be
declared and silently not applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineSettings

Attr = QWebEngineSettings.WebAttribute
Profile = QWebEngineProfile


@dataclass(frozen=True)
class Context:
    """What a row's value may depend on: the session's language and download folder."""

    language: str
    download_dir: Path


@dataclass(frozen=True)
class Row:
    name: str
    expected: Callable[[Context], object]
    read: Callable[[QWebEngineProfile], object]
    write: Callable[[QWebEngineProfile, object], None] | None
    why: str


def _attribute(attr: Attr, value: bool, why: str) -> Row:
    def write(profile: QWebEngineProfile, wanted: object) -> None:
        profile.settings().setAttribute(attr, bool(wanted))

    return Row(
        f"settings.{attr.name}",
        lambda _context: value,
        lambda profile: profile.settings().testAttribute(attr),
        write,
        why,
    )


def accept_language(language: str) -> str:
    """HTTP Accept-Language for a kiosk language: the resident's first, French as fallback.

    Official sites are in French; a site that has the resident's language may offer it.
    Easy-to-read French ("fr-falc") has no HTTP tag of its own: plain French.
    """
    base = language.split("-", 1)[0].lower() if language != "fr-falc" else "fr"
    if base == "fr":
        return "fr-FR,fr;q=0.9"
    return f"{base},fr-FR;q=0.9,fr;q=0.8"


ATTRIBUTES: tuple[Row, ...] = (
    _attribute(Attr.JavascriptEnabled, True, "official sites need JavaScript"),
    _attribute(Attr.LocalStorageEnabled, True, "sites need it; the new profile wipes it"),
    _attribute(Attr.PluginsEnabled, False, "no plugin code in a shared kiosk"),
    _attribute(Attr.PdfViewerEnabled, False, "PDFs download to the locked kiosk viewer"),
    _attribute(Attr.ErrorPageEnabled, False, "the kiosk shows its own error in the language"),
    _attribute(Attr.JavascriptCanOpenWindows, False, "no popups without a tap; taps open in place"),
    _attribute(Attr.JavascriptCanAccessClipboard, False, "a page must not read the clipboard"),
    _attribute(Attr.JavascriptCanPaste, False, "the previous resident's text stays private"),
    _attribute(Attr.LocalContentCanAccessRemoteUrls, False, "no local page may reach the web"),
    _attribute(Attr.LocalContentCanAccessFileUrls, False, "no page may read local files"),
    _attribute(Attr.AllowRunningInsecureContent, False, "no http scripts in https pages"),
    _attribute(Attr.AllowGeolocationOnInsecureOrigins, False, "location is never given"),
    _attribute(Attr.AllowWindowActivationFromJavaScript, False, "a page cannot grab focus"),
    _attribute(Attr.FullScreenSupportEnabled, False, "the kiosk's top bar stays visible"),
    _attribute(Attr.ScreenCaptureEnabled, False, "a page must not record the screen"),
    _attribute(
        Attr.WebGLEnabled, False, "GPU attack surface and fingerprinting; no procedure needs it"
    ),
    _attribute(Attr.HyperlinkAuditingEnabled, False, "no tracking pings of followed links"),
    _attribute(Attr.DnsPrefetchEnabled, False, "no lookups of links nobody followed"),
    _attribute(Attr.NavigateOnDropEnabled, False, "a dropped link or file does not navigate"),
    _attribute(Attr.SpatialNavigationEnabled, False, "arrow keys scroll, as residents expect"),
    _attribute(Attr.WebRTCPublicInterfacesOnly, True, "the kiosk's local address stays hidden"),
    _attribute(Attr.PlaybackRequiresUserGesture, True, "no sound the resident did not ask for"),
    _attribute(Attr.AutoLoadIconsForPage, False, "no favicon requests: nothing shows them"),
    _attribute(Attr.TouchIconsEnabled, False, "no touch-icon requests: nothing shows them"),
    _attribute(Attr.ShowScrollBars, True, "a touch user sees there is more below"),
)


def _write_scheme_policy(profile: QWebEngineProfile, wanted: object) -> None:
    assert isinstance(wanted, QWebEngineSettings.UnknownUrlSchemePolicy)
    profile.settings().setUnknownUrlSchemePolicy(wanted)


def _write_cache(profile: QWebEngineProfile, wanted: object) -> None:
    assert isinstance(wanted, Profile.HttpCacheType)
    profile.setHttpCacheType(wanted)


def _write_cookies(profile: QWebEngineProfile, wanted: object) -> None:
    assert isinstance(wanted, Profile.PersistentCookiesPolicy)
    profile.setPersistentCookiesPolicy(wanted)


def _write_permissions(profile: QWebEngineProfile, wanted: object) -> None:
    assert isinstance(wanted, Profile.PersistentPermissionsPolicy)
    profile.setPersistentPermissionsPolicy(wanted)


def _write_download_path(profile: QWebEngineProfile, wanted: object) -> None:
    profile.setDownloadPath(str(wanted))


def _write_language(profile: QWebEngineProfile, wanted: object) -> None:
    profile.setHttpAcceptLanguage(str(wanted))


PROFILE: tuple[Row, ...] = (
    Row(
        "profile.offTheRecord",
        lambda _context: True,
        lambda profile: profile.isOffTheRecord(),
        None,
        "nothing of a session is written to disk; made so by WebEngine, never the default",
    ),
    Row(
        "settings.unknownUrlSchemePolicy",
        lambda _context: QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes,
        lambda profile: profile.settings().unknownUrlSchemePolicy(),
        _write_scheme_policy,
        "mailto:, tel:, ms-settings:... are never handed to the operating system",
    ),
    Row(
        "profile.httpCacheType",
        lambda _context: Profile.HttpCacheType.MemoryHttpCache,
        lambda profile: profile.httpCacheType(),
        _write_cache,
        "the cache dies with the profile",
    ),
    Row(
        "profile.persistentCookiesPolicy",
        lambda _context: Profile.PersistentCookiesPolicy.NoPersistentCookies,
        lambda profile: profile.persistentCookiesPolicy(),
        _write_cookies,
        "a login never outlives the session",
    ),
    Row(
        "profile.persistentPermissionsPolicy",
        lambda _context: Profile.PersistentPermissionsPolicy.AskEveryTime,
        lambda profile: profile.persistentPermissionsPolicy(),
        _write_permissions,
        "no permission decision is remembered (all are denied anyway)",
    ),
    Row(
        "profile.spellCheckEnabled",
        lambda _context: False,
        lambda profile: profile.isSpellCheckEnabled(),
        lambda profile, wanted: profile.setSpellCheckEnabled(bool(wanted)),
        "no dictionary learns what residents type",
    ),
    Row(
        "profile.pushServiceEnabled",
        lambda _context: False,
        lambda profile: profile.isPushServiceEnabled(),
        lambda profile, wanted: profile.setPushServiceEnabled(bool(wanted)),
        "no push messages to a kiosk",
    ),
    Row(
        "profile.downloadPath",
        lambda context: str(context.download_dir),
        lambda profile: profile.downloadPath(),
        _write_download_path,
        "downloads go to the session folder, which the wipe removes",
    ),
    Row(
        "profile.httpAcceptLanguage",
        lambda context: accept_language(context.language),
        lambda profile: profile.httpAcceptLanguage(),
        _write_language,
        "sites that speak the resident's language may offer it",
    ),
)

SETTINGS: tuple[Row, ...] = ATTRIBUTES + PROFILE


def apply(profile: QWebEngineProfile, language: str, download_dir: Path) -> None:
    context = Context(language, download_dir)
    for row in SETTINGS:
        if row.write is not None:
            row.write(profile, row.expected(context))


def check(profile: QWebEngineProfile, language: str, download_dir: Path) -> list[str]:
    """One line per row whose live value is not the declared one; empty when hardened."""
    context = Context(language, download_dir)
    return [
        f"{row.name}: expected {row.expected(context)!r}, found {row.read(profile)!r}"
        for row in SETTINGS
        if row.read(profile) != row.expected(context)
    ]
