"""Is a control socket already served? Checked before anything is shown (no Qt needed)."""

from __future__ import annotations

from pathlib import Path


class ControlError(RuntimeError):
    pass


def in_use(path: Path) -> bool:
    import socket  # only when a socket file exists: start-up does not pay for it

    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(0.5)
    try:
        probe.connect(str(path))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def ensure_free(path: Path) -> None:
    """Raises ControlError when another kiosk already listens on `path`."""
    if path.exists() and in_use(path):
        raise ControlError(f"another kiosk is already listening on {path}")
