"""A real ESC/POS network printer on 127.0.0.1 for the tests: records bytes, answers status.

python-escpos's Network class and the kiosk's backend talk to it over TCP exactly as to a
printer on port 9100. It keeps every byte it receives (and when the last one came), and
answers the real-time status queries DLE EOT 1..4 as a printer that is ready, out of
paper, with its cover open, near the end of its roll, jammed, or says nothing at all.
Queries are answered only where a command starts (tests/_support/escpos_decode.py cuts
the stream), as the printer's parser would, never inside an image's data.

Use the `escpos_listener` fixture: `from tests.integration.printing.escpos_listener
import escpos_listener  # noqa: F401` in a test module.
"""

from __future__ import annotations

import os
import select
import socket
import threading
import time
import tty
from collections.abc import Iterator

import pytest

from tests._support.escpos_decode import DLE, split_commands

READY = 0x12
ANSWERS: dict[str, dict[int, int]] = {
    "ready": {1: READY, 2: READY, 3: READY, 4: READY},
    "paper-out": {1: READY | 0x08, 2: READY | 0x20, 3: READY, 4: READY | 0x60},
    "cover-open": {1: READY | 0x08, 2: READY | 0x04, 3: READY, 4: READY},
    "paper-low": {1: READY, 2: READY, 3: READY, 4: READY | 0x0C},
    "jammed": {1: READY | 0x08, 2: READY | 0x40, 3: READY | 0x08, 4: READY},
    "silence": {},
}


class _TestPrinter:
    """What a test printer records and answers, whatever the line it listens on."""

    def __init__(self) -> None:
        self.answer = "ready"
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.reset()
        self._thread = threading.Thread(target=self._serve, name="escpos-printer", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        raise NotImplementedError

    def reset(self, answer: str = "ready") -> None:
        assert answer in ANSWERS, answer
        with self._lock:
            self.answer = answer
            self.connections: list[bytearray] = []
            self.closed = 0
            self.queries: list[int] = []
            self.last_byte_at = 0.0

    @property
    def received(self) -> bytes:
        """Every byte of every connection, status queries included."""
        with self._lock:
            return b"".join(bytes(c) for c in self.connections)

    def printed(self) -> bytes:
        """The bytes meant for paper: the stream without the status queries."""
        commands, rest = split_commands(self.received)
        return b"".join(c for c in commands if not (c[0] == DLE and c[1] == 0x04)) + rest

    def wait_closed(self, count: int = 1, timeout: float = 5.0) -> None:
        """Until `count` connections have been closed by the client."""
        deadline = time.monotonic() + timeout
        while self.closed < count:
            assert time.monotonic() < deadline, f"{self.closed} connection(s) closed"
            time.sleep(0.005)

    def wait_cut(self, count: int = 1, timeout: float = 5.0) -> None:
        """Until `count` tickets have been cut (a serial line has no connection to close)."""
        deadline = time.monotonic() + timeout
        while split_commands(self.received)[0].count(b"\x1dV\x00") < count:
            assert time.monotonic() < deadline, "no cut received"
            time.sleep(0.005)

    def _answer(self, commands: list[bytes], answers: dict[int, int]) -> bytes:
        reply = b""
        for command in commands:
            if command[0] == DLE and len(command) == 3 and command[1] == 0x04:
                with self._lock:
                    self.queries.append(command[2])
                if command[2] in answers:
                    reply += bytes([answers[command[2]]])
        return reply

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)


class EscposListener(_TestPrinter):
    """A network printer; one connection at a time, like most raw-port printers."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.host, self.port = self._server.getsockname()
        super().__init__()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            with client:
                self._talk(client)

    def _talk(self, client: socket.socket) -> None:
        client.settimeout(0.05)
        with self._lock:
            record = bytearray()
            self.connections.append(record)
        pending = b""
        while not self._stop.is_set():
            try:
                chunk = client.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            with self._lock:
                record += chunk
                self.last_byte_at = time.perf_counter()
                answers = ANSWERS[self.answer]
            commands, pending = split_commands(pending + chunk)
            reply = self._answer(commands, answers)
            if reply:
                client.sendall(reply)
        with self._lock:
            self.closed += 1

    def close(self) -> None:
        super().close()
        self._server.close()


class SerialPrinter(_TestPrinter):
    """The same printer on a serial line: a pseudo-terminal that pyserial opens as a port."""

    def __init__(self) -> None:
        self._master, self._slave = os.openpty()
        for fd in (self._master, self._slave):
            tty.setraw(fd)
        self.device = os.ttyname(self._slave)
        super().__init__()

    def _serve(self) -> None:
        pending = b""
        while not self._stop.is_set():
            if not select.select([self._master], [], [], 0.05)[0]:
                continue
            chunk = os.read(self._master, 65536)
            with self._lock:
                if not self.connections:
                    self.connections.append(bytearray())
                self.connections[-1] += chunk
                self.last_byte_at = time.perf_counter()
                answers = ANSWERS[self.answer]
            commands, pending = split_commands(pending + chunk)
            reply = self._answer(commands, answers)
            if reply:
                os.write(self._master, reply)

    def close(self) -> None:
        super().close()
        os.close(self._master)
        os.close(self._slave)


@pytest.fixture(scope="module")
def _escpos_printer() -> Iterator[EscposListener]:
    listener = EscposListener()
    yield listener
    listener.close()


@pytest.fixture(scope="module")
def serial_printer() -> Iterator[SerialPrinter]:
    """A printer on a serial port (a pty); reset it per test with `.reset()`."""
    printer = SerialPrinter()
    yield printer
    printer.close()


@pytest.fixture
def escpos_listener(_escpos_printer: EscposListener) -> EscposListener:
    """The module's printer, ready and with nothing recorded."""
    _escpos_printer.reset()
    return _escpos_printer
