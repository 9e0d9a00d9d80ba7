"""The kiosk's configuration: schema, loader, docs and PIN hashing.

The loader is imported on first use: `kiosk --demo` reads no file and starts faster.
"""

from typing import TYPE_CHECKING, Any

from kiosk.config.schema import Config, Tile

if TYPE_CHECKING:
    from kiosk.config.loader import DEFAULT_PATH, ConfigError, Problem, demo, load, parse

_FROM_LOADER = ("DEFAULT_PATH", "ConfigError", "Problem", "demo", "load", "parse")


def __getattr__(name: str) -> Any:
    if name in _FROM_LOADER:
        from kiosk.config import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_PATH", "Config", "ConfigError", "Problem", "Tile", "demo", "load", "parse"]
