"""Work-around for reference-count bugs of PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 returns None from every void method (`setText`, `setPixmap`, `show`...)
and True from `SignalInstance.emit()`/`disconnect()` without taking a reference to
them. Every such call from Python drops a reference the singleton never had. On Python
3.12 and later None, True and False are immortal and nothing happens; on Python 3.11 the
process aborts ("Fatal Python error: none_dealloc") after a few thousand calls: about 40
sessions of the kiosk.

Wrapping every method of every class is not practical, so `install()` does what Python
3.12 does: it gives None, True and False a reference count so large that no run of the
kiosk can exhaust it (2**40: a million calls a second for twelve days... times a
thousand). These singletons are static objects that are never freed, so the extra count
changes nothing else. Call it before the first Qt call; it is idempotent.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

IMMORTAL = 1 << 40
SINGLETONS = (None, True, False)
_PROBES = 32


def _refcount_field(obj: object) -> ctypes.c_ssize_t:
    # In CPython's non-debug build, ob_refcnt is the first field of every object.
    return ctypes.c_ssize_t.from_address(id(obj))


def leaks() -> dict[str, int]:
    """How many references None and True lose over a few void calls and emits."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before_none = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    none_lost = before_none - sys.getrefcount(None)
    before_true = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    true_lost = before_true - sys.getrefcount(True)
    return {"none": max(none_lost, 0), "true": max(true_lost, 0)}


def immortal() -> bool:
    """True once install() ran (counts then stay near 2**40 for the life of the process)."""
    return all(sys.getrefcount(obj) >= IMMORTAL // 2 for obj in SINGLETONS)


def install() -> bool:
    """Makes None, True and False immortal on Python 3.11; True when it changed anything."""
    if sys.version_info >= (3, 12) or immortal():
        return False
    lost = leaks()
    for obj in SINGLETONS:
        field = _refcount_field(obj)
        field.value = field.value + IMMORTAL
    log.debug(
        "None, True and False made immortal (PySide6 lost %d and %d references in %d calls)",
        lost["none"],
        lost["true"],
        _PROBES,
    )
    return True
