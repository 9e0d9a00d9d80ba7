"""Local web servers that stand in for the official sites, and the Chromium flags that map
the production host names to them.

Chromium reads its flags once, when QtWebEngine starts, so tests/conftest.py calls
`chromium_flags()` at import: it generates the certificates, binds the listening sockets
(their ports go into `--host-resolver-rules`) and starts serving in daemon threads.

- `SITE`: HTTPS with a certificate Chromium trusts (and only this one, through
  `--ignore-certificate-errors-spki-list`); every production host of the shipped flows and
  the FranceConnect hops are mapped to it. It dispatches on the Host header.
- `FORBIDDEN`: HTTPS for hosts no flow lists (evil.example, www.ameli.fr.evil.com...):
  its request log proves that escapes sent nothing.
- `UNTRUSTED`: HTTPS with a second, self-signed certificate that is NOT trusted.
- `DOWN_HOST` maps to a port where nothing listens: "network" failures.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITE_DIR = Path(__file__).resolve().parent / "site"

OFFICIAL_HOSTS = (
    "www.ameli.fr",
    "assure.ameli.fr",
    "franceconnect.gouv.fr",
    "app.franceconnect.gouv.fr",
    "idp.impots.gouv.fr",
    "www.service-public.fr",
    "www.caf.fr",
    "ants.gouv.fr",
    "moncompte.ants.gouv.fr",
    "www.impots.gouv.fr",
    "www.francetravail.fr",
    "www.info-retraite.fr",
    "kiosk.test",
    "other.kiosk.test",
    "auth.kiosk.test",
)
FORBIDDEN_HOSTS = ("evil.example", "www.ameli.fr.evil.com", "ameli.fr", "xn--meli-bye.fr")
UNTRUSTED_HOST = "untrusted.kiosk.test"
DOWN_HOST = "down.kiosk.test"


@dataclass
class Server:
    """One HTTPS server: its port, the requests it received (host, method, path)."""

    name: str
    port: int = 0
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    routes: dict[str, Callable[[Handler], None]] = field(default_factory=dict)
    sock: socket.socket | None = None

    def log(self, host: str, method: str, path: str) -> None:
        with self.lock:
            self.requests.append((host, method, path))

    def received(self, host: str | None = None) -> list[tuple[str, str, str]]:
        with self.lock:
            return [r for r in self.requests if host is None or r[0] == host]

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()


SITE = Server("site")
FORBIDDEN = Server("forbidden")
UNTRUSTED = Server("untrusted")
_state: dict[str, object] = {}


class Handler(http.server.BaseHTTPRequestHandler):
    server_state: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return

    @property
    def host(self) -> str:
        return (self.headers.get("Host") or "").split(":")[0].lower()

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)

    def send(
        self,
        status: int,
        body: bytes | str = b"",
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _dispatch(self) -> None:
        state = self.server_state
        path = urlsplit(self.path).path
        state.log(self.host, self.command, path)
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
        route = state.routes.get(path)
        if route is not None:
            route(self)
            return
        if path == "/favicon.ico":
            self.send(204, b"", "image/x-icon")
            return
        file = (SITE_DIR / path.lstrip("/")).resolve()
        if path.endswith("/"):
            file = file / "index.html"
        if SITE_DIR in file.parents and file.is_file():
            kind = {
                ".html": "text/html; charset=utf-8",
                ".js": "text/javascript",
                ".pdf": "application/pdf",
            }.get(file.suffix, "application/octet-stream")
            self.send(200, file.read_bytes(), kind)
            return
        body = f"<!doctype html><title>{state.name}</title><h1 id=where>{self.host}{path}</h1>"
        self.send(200, body)

    # The names http.server looks up.
    do_GET = _dispatch  # noqa: N815
    do_POST = _dispatch  # noqa: N815
    do_HEAD = _dispatch  # noqa: N815


def _certificate(folder: Path, name: str, hosts: tuple[str, ...]) -> tuple[Path, Path, str]:
    """A self-signed certificate for `hosts`: (cert, key, base64 sha256 of its SPKI)."""
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    san = ",".join(f"DNS:{host}" for host in hosts)
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "2", "-subj", f"/CN={hosts[0]}", "-addext",
            f"subjectAltName={san}", "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    spki = subprocess.run(
        ["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"],
        check=True,
        capture_output=True,
    ).stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"],
        input=spki,
        check=True,
        capture_output=True,
    ).stdout
    return cert, key, base64.b64encode(hashlib.sha256(der).digest()).decode()


def _serve(server: Server, cert: Path, key: Path) -> None:
    handler = type(f"{server.name}Handler", (Handler,), {"server_state": server})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler, bind_and_activate=True)
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    server.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, name=f"web-{server.name}", daemon=True).start()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def chromium_flags() -> str:
    """Starts the servers (once) and returns the flags that point Chromium at them."""
    if "flags" in _state:
        return str(_state["flags"])
    folder = Path(tempfile.mkdtemp(prefix="kiosk-web-certs-"))
    _state["certs"] = folder
    cert, key, spki = _certificate(folder, "site", OFFICIAL_HOSTS + FORBIDDEN_HOSTS)
    bad_cert, bad_key, _ = _certificate(folder, "untrusted", (UNTRUSTED_HOST,))
    _serve(SITE, cert, key)
    _serve(FORBIDDEN, cert, key)
    _serve(UNTRUSTED, bad_cert, bad_key)
    from tests.integration.web import routes

    routes.install(SITE)
    rules = [f"MAP {host} 127.0.0.1:{SITE.port}" for host in OFFICIAL_HOSTS]
    rules += [f"MAP {host} 127.0.0.1:{FORBIDDEN.port}" for host in FORBIDDEN_HOSTS]
    rules += [f"MAP {UNTRUSTED_HOST} 127.0.0.1:{UNTRUSTED.port}"]
    rules += [f"MAP {DOWN_HOST} 127.0.0.1:{_free_port()}", "MAP * ~NOTFOUND"]
    flags = (
        f'--host-resolver-rules="{", ".join(rules)}" --ignore-certificate-errors-spki-list={spki}'
    )
    _state["flags"] = flags
    return flags


def cleanup() -> None:
    folder = _state.get("certs")
    if isinstance(folder, Path):
        shutil.rmtree(folder, ignore_errors=True)
