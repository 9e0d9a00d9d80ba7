"""The kiosk's configuration: schema, loader, docs and PIN hashing."""

from kiosk.config.loader import DEFAULT_PATH, ConfigError, Problem, demo, load, parse
from kiosk.config.schema import Config, Tile

__all__ = ["DEFAULT_PATH", "Config", "ConfigError", "Problem", "Tile", "demo", "load", "parse"]
