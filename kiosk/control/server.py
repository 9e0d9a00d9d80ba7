"""The control socket: a Unix socket only the kiosk's user can open.

IT tools and end-to-end tests use it through `kiosk ctl`. Requests are handled on the
GUI thread by the handlers the composition root registers; they are all quick.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from kiosk.control.probe import ControlError, in_use
from kiosk.control.protocol import MAX_LINE, decode, encode

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], dict[str, Any]]


class ControlServer(QObject):
    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.handlers: dict[str, Handler] = {}
        self.requests = 0
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def register(self, command: str, handler: Handler) -> None:
        self.handlers[command] = handler

    def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.path.parent, 0o700)
        if self.path.exists():
            if in_use(self.path):
                raise ControlError(f"another kiosk is already listening on {self.path}")
            self.path.unlink()
        if not self._server.listen(str(self.path)):
            raise ControlError(f"cannot listen on {self.path}: {self._server.errorString()}")
        os.chmod(self.path, 0o600)
        log.info("control socket ready")

    def stop(self) -> None:
        self._server.close()
        if self.path.exists():
            self.path.unlink(missing_ok=True)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            self._buffers[client] = b""
            client.readyRead.connect(lambda c=client: self._on_ready_read(c))
            client.disconnected.connect(lambda c=client: self._forget(c))

    def _forget(self, client: QLocalSocket) -> None:
        self._buffers.pop(client, None)
        client.deleteLater()

    def _on_ready_read(self, client: QLocalSocket) -> None:
        data = self._buffers.get(client, b"") + bytes(client.readAll().data())
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            client.write(encode(self._handle(line)))
            client.flush()
        if len(data) > MAX_LINE:
            client.write(encode({"ok": False, "error": "request too long"}))
            client.disconnectFromServer()
            return
        self._buffers[client] = data

    def _handle(self, line: bytes) -> dict[str, Any]:
        self.requests += 1
        try:
            request = decode(line)
        except ValueError:
            return {"ok": False, "error": "not a JSON object"}
        command = request.get("command")
        handler = self.handlers.get(command) if isinstance(command, str) else None
        if handler is None:
            known = ", ".join(sorted(self.handlers))
            return {"ok": False, "error": f"unknown command {command!r} (known: {known})"}
        args = request.get("args") or {}
        if not isinstance(args, dict):
            return {"ok": False, "error": "args must be an object"}
        log.info("control: %s", command)
        try:
            return handler(args)
        except Exception as error:
            log.exception("control command %s failed", command)
            return {"ok": False, "error": f"{type(error).__name__}"}
