"""PINs of advisers and IT staff, stored as scrypt hashes (`kiosk hash-pin`)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_N, _R, _P = 2**14, 8, 1
_DKLEN = 32
_PIN = re.compile(r"[0-9]{4,12}")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$salt$hash`, ready to paste into kiosk.toml."""
    # ASCII digits only: str.isdigit() also accepts "²" or "٣", which no keypad types.
    if not _PIN.fullmatch(pin):
        raise ValueError("a PIN must be 4 to 12 digits (0-9)")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored`; an empty or malformed `stored` matches nothing."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=_DKLEN
        )
    except (ValueError, OverflowError):  # wrong field count, bad hex, parameters refused
        return False
    return hmac.compare_digest(candidate.hex(), digest)
