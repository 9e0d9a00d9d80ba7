"""One JSON object per line each way: {"command": ..., "args": {...}} -> {"ok": ..., ...}."""

from __future__ import annotations

import json
from typing import Any

MAX_LINE = 64 * 1024
COMMANDS = ("status", "end-session", "open", "start-session")


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False).encode() + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    value = json.loads(line.decode())
    if not isinstance(value, dict):
        raise ValueError("a message is a JSON object")
    return value
