"""The client side of the control socket, with no Qt: `kiosk ctl` and the tests use it."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from kiosk.control.protocol import decode, encode


class ControlUnavailableError(RuntimeError):
    pass


def request(
    path: Path, command: str, args: dict[str, Any] | None = None, timeout: float = 5.0
) -> dict[str, Any]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except (FileNotFoundError, ConnectionRefusedError) as error:
        sock.close()
        raise ControlUnavailableError(
            f"no kiosk is listening on {path} ({error.strerror})"
        ) from None
    except PermissionError:
        sock.close()
        raise ControlUnavailableError(
            f"not allowed to open {path}: run as the kiosk's user"
        ) from None
    try:
        sock.sendall(encode({"command": command, "args": args or {}}))
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(65536)
            if not chunk:
                raise ControlUnavailableError("the kiosk closed the connection")
            data += chunk
    except TimeoutError:
        raise ControlUnavailableError(f"the kiosk did not answer within {timeout:g} s") from None
    finally:
        sock.close()
    return decode(data)
