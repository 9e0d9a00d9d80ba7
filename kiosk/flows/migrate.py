"""Upgrades of older flow formats to the current one (one function per format change).

Format 1 is the first and current format, so there is nothing to upgrade yet. When the
format changes, add `MIGRATIONS[1] = _from_1`, which turns a format-1 mapping into a
format-2 one, and a fixture of format 1 under tests/_reference/flows/format-1/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.flows.model import FORMAT_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


def known_versions() -> list[int]:
    return sorted({*MIGRATIONS, FORMAT_VERSION})


def upgrade(data: dict[str, Any], version: int) -> dict[str, Any] | None:
    """`data` brought to the current format, or None for a version this kiosk cannot read."""
    while version != FORMAT_VERSION:
        migration = MIGRATIONS.get(version)
        if migration is None:
            return None
        data = migration(data)
        version += 1
    return {**data, "format": FORMAT_VERSION}
