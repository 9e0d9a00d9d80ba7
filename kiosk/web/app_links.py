"""Links to another application (tel:, mailto:, sms:...) explained instead of dropped.

Chromium drops a tapped link whose scheme it does not handle itself (the kiosk's
DisallowUnknownUrlSchemes, kiosk/web/settings.py) before the page is asked: nothing
happens, and nothing says why. A script in the kiosk's own isolated world (the page's
scripts can neither see nor call it) catches such a tap first and relays it as a
navigation to a reserved address that carries the page's secret token;
`KioskPage.acceptNavigationRequest` refuses that navigation and says what the link
wanted: a number to call, an address to write to, or another application. The number or
address is shown to the resident, never logged.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtWebEngineCore import QWebEngineScript

RELAY_HOST = "kiosk.invalid"
"""RFC 2606 reserves .invalid: never a real site, so never a page's own address."""
WEB_HANDLED = ("http", "https", "about", "blob", "data", "javascript")
"""Schemes Chromium handles (or refuses with the allow-list's explanation) itself."""
PHONE_SCHEMES = ("tel", "sms", "callto")
MAIL_SCHEMES = ("mailto",)
MAX_DETAIL = 80

SOURCE = """
(() => {
  const handled = new Set(%(handled)s);
  document.addEventListener("click", (event) => {
    const target = event.target;
    const link = target && target.closest ? target.closest("a[href], area[href]") : null;
    if (!link) return;
    const href = (link.getAttribute("href") || "").trim();
    const found = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
    if (!found || handled.has(found[1].toLowerCase())) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const query = new URLSearchParams({
      token: %(token)s, scheme: found[1].toLowerCase(), target: href.slice(found[0].length),
    });
    window.location.href = "https://%(host)s/app-link?" + query.toString();
  }, true);
})();
"""

_PHONE_CHARACTERS = re.compile(r"[^0-9+().\- ]")


def script(token: str) -> QWebEngineScript:
    """The relay for one page (its `token` is what makes a relayed tap genuine)."""
    relay = QWebEngineScript()
    relay.setName("kiosk-app-links")
    relay.setSourceCode(
        SOURCE
        % {"handled": json.dumps(WEB_HANDLED), "token": json.dumps(token), "host": RELAY_HOST}
    )
    relay.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    relay.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    relay.setRunsOnSubFrames(True)
    return relay


def relayed(url: str, token: str) -> tuple[str, str] | None:
    """(kind, detail) for a genuine relayed tap, else None.

    kind is "phone" (detail: the number), "mail" (detail: the address) or "scheme"
    (another application; no detail). A number or address that cannot be read plainly
    falls back to "scheme".
    """
    split = urlsplit(url)
    if split.scheme != "https" or split.hostname != RELAY_HOST:
        return None
    query = parse_qs(split.query)
    if not token or query.get("token", [""])[0] != token:
        return None
    scheme = query.get("scheme", [""])[0].lower()
    target = query.get("target", [""])[0]
    if scheme in PHONE_SCHEMES:
        number = phone_number(target)
        return ("phone", number) if number else ("scheme", "")
    if scheme in MAIL_SCHEMES:
        address = mail_address(target)
        return ("mail", address) if address else ("scheme", "")
    return "scheme", ""


def phone_number(target: str) -> str:
    """`+33 1 23 45 67 89` from `tel:+33%201...;ext=2` or `callto://...`; "" if none."""
    text = _plain(unquote(target)).removeprefix("//")
    text = re.split(r"[;?,]", text, maxsplit=1)[0]
    number = " ".join(_PHONE_CHARACTERS.sub("", text).split())
    digits = sum(ch.isdigit() for ch in number)
    return number if digits >= 2 and len(number) <= MAX_DETAIL else ""


def mail_address(target: str) -> str:
    """`accueil@mairie.fr` from `mailto:accueil@mairie.fr?subject=...`; "" if none."""
    text = _plain(unquote(target.split("?", 1)[0])).strip()
    first = text.split(",", 1)[0].strip()
    if " " in first or first.count("@") != 1 or len(first) > MAX_DETAIL:
        return ""
    return first


def _plain(text: str) -> str:
    """Without control, format (direction) and private characters."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Co"))
