"""Hands the memory a wiped session freed back to the system (glibc's malloc_trim).

A kiosk runs for weeks, one session after another. Python, Qt and QtWebEngine free a
session's objects, but glibc keeps the freed pages in its heaps, fragmented, so the
process's footprint creeps up with the sessions. Trimming once per wipe, after the attract
screen shows, costs a few milliseconds nobody waits for. Elsewhere than glibc it does
nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def _trimmer() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_TRIM = _trimmer()


def release_freed_memory() -> bool:
    """True when some memory went back to the system."""
    return bool(_TRIM(0)) if _TRIM is not None else False
