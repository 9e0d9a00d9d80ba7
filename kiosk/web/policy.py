"""Which web addresses a session may open: the flow's allow-list, matched strictly.

Pure Python, so that every trick (suffix hosts, user-info, punycode look-alikes, trailing
dots, ``../`` escapes from a path prefix) is tested without a browser. A host matches only
itself: ``www.ameli.fr`` does not allow ``ameli.fr`` nor ``x.www.ameli.fr``. Only the schemes
a site declares open (https in every shipped flow): everything else, ``mailto:``, ``tel:``,
``file:``, ``data:``, ``javascript:``, ``view-source:``, ``chrome:``..., is refused here and
never handed to the operating system.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit

WEB_SCHEMES = ("https", "http")
DEFAULT_PORTS = {"https": 443, "http": 80}
# Frames of an allowed page may be empty or inline: they inherit the page's origin.
INLINE_FRAMES = ("about:blank", "about:srcdoc")
_UNRESERVED_ESCAPE = re.compile(r"%(2[dDeE]|5[fF]|7[eE]|[46][1-9a-fA-F]|[57][0-9aA]|3[0-9])")
_HOST_CHARS = re.compile(r"^[a-z0-9.-]+$")


@dataclass(frozen=True)
class Decision:
    """Allowed, or refused with a reason for the screen ("site" or "scheme").

    `host` lets the screen name the site; it is never written to a log.
    """

    allowed: bool
    reason: str = ""
    host: str = ""


@dataclass(frozen=True)
class Site:
    scheme: str
    host: str
    port: int
    prefix: str  # "" or "/a/b" (no trailing slash)

    def matches(self, scheme: str, host: str, port: int, path: str) -> bool:
        if (scheme, host, port) != (self.scheme, self.host, self.port):
            return False
        if not self.prefix:
            return True
        return path == self.prefix or path.startswith(self.prefix + "/")


def normalise_host(host: str) -> str | None:
    """Lower case, no trailing dot, IDNA (punycode) form; None if it is not a host name."""
    host = host.strip().rstrip(".").lower()
    if not host or ".." in host:
        return None
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not _HOST_CHARS.match(host) or host.startswith("-"):
        return None
    return host


def normalise_path(path: str) -> str:
    """The path Chromium would request: backslashes as slashes, dot segments resolved."""
    path = _UNRESERVED_ESCAPE.sub(lambda m: unquote(m.group(0)), path.replace("\\", "/"))
    out: list[str] = []
    for segment in path.split("/")[1:]:
        if segment == ".":
            continue
        if segment == "..":
            if out:
                out.pop()
            continue
        out.append(segment)
    return "/" + "/".join(out)


def _parts(url: str) -> tuple[SplitResult, str, int] | None:
    """(split url, host, port) of a web address, or None if it is not one."""
    try:
        split = urlsplit(url.strip())
        port = split.port
        host = split.hostname
    except ValueError:
        return None
    if split.scheme not in WEB_SCHEMES or host is None or "@" in split.netloc:
        return None
    normal = normalise_host(host)
    if normal is None:
        return None
    return split, normal, port if port is not None else DEFAULT_PORTS[split.scheme]


def parse_site(site: str) -> Site:
    """One allow-list entry; ValueError if it is not "https://host[:port][/prefix]"."""
    parts = _parts(site)
    if parts is None:
        raise ValueError(f"not a site address: {site!r}")
    split, host, port = parts
    if split.query or split.fragment:
        raise ValueError(f"a site has no query or fragment: {site!r}")
    prefix = normalise_path(split.path or "/").rstrip("/")
    return Site(split.scheme, host, port, prefix)


def origin_of(url: str) -> str | None:
    """ "https://host[:port]" of a web address (port only when not the default)."""
    parts = _parts(url)
    if parts is None:
        return None
    split, host, port = parts
    if port == DEFAULT_PORTS[split.scheme]:
        return f"{split.scheme}://{host}"
    return f"{split.scheme}://{host}:{port}"


class SitePolicy:
    """The allow-list of a flow: decides for every navigation the page asks for."""

    def __init__(self, sites: Iterable[str] = ()) -> None:
        self.sites: tuple[Site, ...] = tuple(parse_site(site) for site in sites)

    def __bool__(self) -> bool:
        return bool(self.sites)

    def decide(self, url: str, *, main_frame: bool = True) -> Decision:
        text = url.strip()
        lowered = text.lower()
        if not main_frame and lowered in INLINE_FRAMES:
            return Decision(True)
        if lowered.startswith("blob:"):
            # A blob belongs to the origin that made it: allowed only inside a listed site.
            inner = self.decide(text[5:], main_frame=main_frame)
            return inner if not inner.allowed else Decision(True)
        scheme = lowered.split(":", 1)[0] if ":" in lowered else ""
        parts = _parts(text) if scheme in WEB_SCHEMES else None
        if parts is None:
            return Decision(False, "site" if scheme in WEB_SCHEMES else "scheme")
        return self._decide_web(*parts)

    def _decide_web(self, split: SplitResult, host: str, port: int) -> Decision:
        path = normalise_path(split.path or "/")
        if any(site.matches(split.scheme, host, port, path) for site in self.sites):
            return Decision(True, "", host)
        same_host = [site for site in self.sites if site.host == host]
        if same_host and all(site.scheme != split.scheme for site in same_host):
            return Decision(False, "scheme", host)
        return Decision(False, "site", host)
