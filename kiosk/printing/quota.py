"""Free printing within limits: pages per session and pages per day for this kiosk.

The day's count must survive a restart (or unplugging the kiosk would reset it), so it
lives in a tiny state file holding a date and a number, nothing about what was printed.
The session's count lives in memory and the print wiper resets it. A limit of None
means no limit.

Pages are charged when a job is handed over (`charge`), and given back (`refund`) only
if the hand-over fails, so two quick taps cannot both slip under the limit.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

log = logging.getLogger(__name__)


class QuotaLimit(Enum):
    SESSION = "session"
    DAY = "day"


@dataclass(frozen=True)
class QuotaDecision:
    """Allowed, or refused with the limit that refused it (what the screen explains)."""

    allowed: bool
    pages: int
    limit: QuotaLimit | None = None
    remaining: int | None = None
    """Pages still allowed before this request (None: no limit at all)."""

    @property
    def reason(self) -> str:
        """ "quota-session" or "quota-day" for a refusal (JobStatus.reason); "" if allowed."""
        return f"quota-{self.limit.value}" if self.limit is not None else ""


class PrintQuota:
    def __init__(
        self,
        per_session: int | None,
        per_day: int | None,
        state_file: Path | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        for value in (per_session, per_day):
            if value is not None and value < 0:
                raise ValueError("a page limit cannot be negative")
        self.per_session = per_session
        self.per_day = per_day
        self._state_file = state_file
        self._today = today
        self.session_pages = 0
        self._day, self._day_pages = self._load()

    # --- the day's count ----------------------------------------------------------------

    def _load(self) -> tuple[date, int]:
        today = self._today()
        if self._state_file is None or not self._state_file.exists():
            return today, 0
        try:
            data = json.loads(self._state_file.read_text(encoding="utf-8"))
            day, pages = date.fromisoformat(data["date"]), int(data["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("print quota state unreadable; the day's count starts again at 0")
            return today, 0
        return (day, max(0, pages)) if day == today else (today, 0)

    def _save(self) -> None:
        if self._state_file is None:
            return
        temporary = self._state_file.with_name(self._state_file.name + ".tmp")
        try:
            self._state_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"date": self._day.isoformat(), "pages": self._day_pages}, out)
            os.replace(temporary, self._state_file)
        except OSError as error:
            log.error("print quota state not saved: %s", type(error).__name__)

    @property
    def day_pages(self) -> int:
        self._roll_over()
        return self._day_pages

    def _roll_over(self) -> None:
        today = self._today()
        if today != self._day:
            self._day, self._day_pages = today, 0
            self._save()

    # --- decisions ----------------------------------------------------------------------

    def check(self, pages: int) -> QuotaDecision:
        """Whether `pages` more pages may be printed now (counts nothing)."""
        if pages < 0:
            raise ValueError("pages cannot be negative")
        self._roll_over()
        left_session = None if self.per_session is None else self.per_session - self.session_pages
        left_day = None if self.per_day is None else self.per_day - self._day_pages
        lefts = [left for left in (left_session, left_day) if left is not None]
        remaining = max(0, min(lefts)) if lefts else None
        if left_session is not None and pages > left_session:
            return QuotaDecision(False, pages, QuotaLimit.SESSION, remaining)
        if left_day is not None and pages > left_day:
            return QuotaDecision(False, pages, QuotaLimit.DAY, remaining)
        return QuotaDecision(True, pages, None, remaining)

    def charge(self, pages: int) -> QuotaDecision:
        """Checks, and if allowed counts the pages at once (session and day)."""
        decision = self.check(pages)
        if decision.allowed:
            self.session_pages += pages
            self._day_pages += pages
            self._save()
        return decision

    def refund(self, pages: int) -> None:
        """Gives back pages charged for a job that never reached the printer."""
        self.session_pages = max(0, self.session_pages - pages)
        self._roll_over()
        self._day_pages = max(0, self._day_pages - pages)
        self._save()

    def reset_session(self) -> None:
        self.session_pages = 0
