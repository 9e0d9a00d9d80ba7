"""Pages per session and per day: arithmetic, the day's count across restarts and days."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.printing.quota import PrintQuota, QuotaLimit


class Calendar:
    def __init__(self) -> None:
        self.day = date(2025, 6, 2)

    def __call__(self) -> date:
        return self.day


def test_allowed_up_to_the_session_limit_then_refused_with_that_limit() -> None:
    quota = PrintQuota(per_session=5, per_day=100, today=Calendar())
    assert quota.charge(3).allowed
    decision = quota.check(3)
    assert not decision.allowed
    assert decision.limit is QuotaLimit.SESSION
    assert decision.remaining == 2
    assert decision.reason == "quota-session"
    assert quota.charge(2).allowed
    assert quota.check(0).allowed
    assert not quota.check(1).allowed


def test_the_day_limit_refuses_across_sessions() -> None:
    quota = PrintQuota(per_session=5, per_day=8, today=Calendar())
    assert quota.charge(5).allowed
    quota.reset_session()
    assert quota.session_pages == 0
    decision = quota.charge(4)
    assert not decision.allowed
    assert decision.limit is QuotaLimit.DAY
    assert decision.remaining == 3
    assert quota.charge(3).allowed
    assert quota.day_pages == 8


def test_the_tighter_limit_says_what_remains() -> None:
    quota = PrintQuota(per_session=10, per_day=4, today=Calendar())
    decision = quota.check(5)
    assert (decision.allowed, decision.limit, decision.remaining) == (False, QuotaLimit.DAY, 4)


def test_no_limits() -> None:
    quota = PrintQuota(None, None)
    assert quota.charge(10_000).allowed
    assert quota.check(1).remaining is None


def test_a_refusal_counts_nothing_and_a_refund_gives_back() -> None:
    quota = PrintQuota(per_session=4, per_day=None, today=Calendar())
    assert not quota.charge(5).allowed
    assert quota.session_pages == 0
    quota.charge(4)
    quota.refund(4)
    assert quota.session_pages == 0 and quota.day_pages == 0


def test_the_day_count_survives_a_restart_and_ends_with_the_day(tmp_path: Path) -> None:
    calendar = Calendar()
    state = tmp_path / "state" / "print-quota.json"
    PrintQuota(10, 20, state, calendar).charge(7)
    assert json.loads(state.read_text()) == {"date": "2025-06-02", "pages": 7}
    assert state.stat().st_mode & 0o777 == 0o600
    restarted = PrintQuota(10, 20, state, calendar)
    assert restarted.day_pages == 7
    assert restarted.session_pages == 0
    calendar.day += timedelta(days=1)
    assert restarted.day_pages == 0
    assert PrintQuota(10, 20, state, calendar).day_pages == 0
    assert json.loads(state.read_text())["date"] == "2025-06-03"


def test_a_midnight_rollover_during_a_session(tmp_path: Path) -> None:
    calendar = Calendar()
    quota = PrintQuota(None, 5, tmp_path / "q.json", calendar)
    quota.charge(5)
    assert not quota.check(1).allowed
    calendar.day += timedelta(days=1)
    assert quota.check(5).allowed


@pytest.mark.parametrize(
    "content", ["{", '{"date": "yesterday", "pages": 3}', '{"pages": 3}', "[]"]
)
def test_an_unreadable_state_file_starts_the_day_at_zero(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "q.json"
    state.write_text(content)
    quota = PrintQuota(None, 10, state, Calendar())
    assert quota.day_pages == 0
    assert "unreadable" in caplog.text


def test_negative_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        PrintQuota(-1, None)
    with pytest.raises(ValueError, match="negative"):
        PrintQuota(None, None).check(-2)
