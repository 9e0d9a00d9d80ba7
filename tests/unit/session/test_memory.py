"""After a wipe, the heap's freed pages go back to the system (glibc's malloc_trim)."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.session.memory import release_freed_memory


def _rss_kb() -> int:
    status = Path("/proc/self/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert match
    return int(match.group(1))


def test_memory_a_session_freed_goes_back_to_the_system():
    # Many heap blocks, as a session's pages, pixmaps and buffers are: freed, glibc keeps
    # their pages in its heap until trimmed.
    blocks = [bytearray(2000) for _ in range(50_000)]
    keep = blocks[::1000]  # a few survivors pin the heap, as the next session's objects do
    del blocks
    before = _rss_kb()
    assert release_freed_memory()
    after = _rss_kb()
    assert before - after > 20_000, (before, after)  # tens of MB back
    assert keep
