"""The dynamic pages of the test site: redirects, errors, logins, downloads, cookies, cache.

Static pages (escapes, storage writers) are files under site/; these need headers.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.integration.web.servers import Handler, Server

AUTH_USER, AUTH_PASSWORD = "resident", "secret"
FC_COOKIE = "fc_session"


def minimal_pdf(pages: int = 2) -> bytes:
    """A valid PDF of `pages` empty pages (what an attestation download looks like)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out + trailer.encode()


def _page(title: str, body: str = "") -> str:
    return f"<!doctype html><html lang=fr><title>{title}</title><body>{body}</body></html>"


def redirect(handler: Handler) -> None:
    handler.send(302, b"", headers={"Location": handler.query.get("to", ["/"])[0]})


def status(handler: Handler) -> None:
    code = int(handler.query.get("code", ["500"])[0])
    handler.send(code, _page(f"status {code}", f"<h1>Erreur {code}</h1>"))


def auth(handler: Handler) -> None:
    expected = base64.b64encode(f"{AUTH_USER}:{AUTH_PASSWORD}".encode()).decode()
    if handler.headers.get("Authorization") == f"Basic {expected}":
        handler.send(200, _page("logged in", "<h1 id=where>logged in</h1>"))
        return
    handler.send(401, _page("login"), headers={"WWW-Authenticate": 'Basic realm="kiosk"'})


def download(handler: Handler) -> None:
    name = handler.query.get("name", ["attestation.pdf"])[0]
    handler.send(
        200,
        minimal_pdf(),
        "application/pdf",
        {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


def inline_pdf(handler: Handler) -> None:
    handler.send(200, minimal_pdf(3), "application/pdf")


def cached(handler: Handler) -> None:
    body = b"window.cachedLoaded = true;"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/javascript")
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Cache-Control", "public, max-age=3600")
    handler.end_headers()
    handler.wfile.write(body)


# A FranceConnect-like login: service -> FranceConnect -> identity provider -> back.


def service_login(handler: Handler) -> None:
    target = "https://app.franceconnect.gouv.fr/api/v1/authorize"
    handler.send(302, b"", headers={"Location": target})


def fc_authorize(handler: Handler) -> None:
    handler.send(302, b"", headers={"Location": "https://idp.impots.gouv.fr/login"})


def idp_login(handler: Handler) -> None:
    form = (
        "<form id=f method=post action='https://app.franceconnect.gouv.fr/callback'>"
        "<input name=user value=resident><button id=go>Se connecter</button></form>"
        "<script>document.getElementById('f').submit()</script>"
    )
    handler.send(200, _page("impots.gouv.fr", form))


def fc_callback(handler: Handler) -> None:
    cookie = f"{FC_COOKIE}=opened; Path=/; Secure; HttpOnly; SameSite=Lax"
    handler.send(
        302, b"", headers={"Location": "https://assure.ameli.fr/connected", "Set-Cookie": cookie}
    )


def fc_whoami(handler: Handler) -> None:
    cookies = handler.headers.get("Cookie") or ""
    who = "connected" if f"{FC_COOKIE}=" in cookies else "anonymous"
    handler.send(200, _page("whoami", f"<h1 id=where>{who}</h1>"))


def install(server: Server) -> None:
    server.routes.update(
        {
            "/redirect": redirect,
            "/status": status,
            "/auth": auth,
            "/download": download,
            "/inline.pdf": inline_pdf,
            "/cached.js": cached,
            "/fc/login": service_login,
            "/api/v1/authorize": fc_authorize,
            "/login": idp_login,
            "/callback": fc_callback,
            "/whoami": fc_whoami,
        }
    )
