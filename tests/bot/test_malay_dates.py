"""Malay readers get Common Era years and Malay month names, on the local clock."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.malay_dates import malay_datetime, malay_numeric_date, malay_partial_date

BANGKOK = ZoneInfo("Asia/Bangkok")


def test_a_time_is_shown_on_the_local_clock_with_the_common_era_year() -> None:
    # 31 Dec 2025 18:30 UTC is already 1 Jan 2026 in Pattani (the Thai form says 2569).
    when = datetime(2025, 12, 31, 18, 30, tzinfo=UTC)
    assert malay_datetime(when, BANGKOK) == "1 Jan 2026 01:30"
    assert malay_numeric_date(when, BANGKOK) == "1/1/2026"


@pytest.mark.parametrize(
    ("month", "short"),
    [(3, "Mac"), (8, "Ogo"), (12, "Dis")],
)
def test_short_months_are_malay_not_english(month: int, short: str) -> None:
    when = datetime(2026, month, 15, 5, 0, tzinfo=UTC)
    assert malay_datetime(when, BANGKOK) == f"15 {short} 2026 12:00"


@pytest.mark.parametrize(
    ("iso", "written"),
    [("2025", "2025"), ("2025-07", "Julai 2025"), ("2025-08-01", "1 Ogos 2025")],
)
def test_a_source_date_is_written_as_far_as_it_is_known(iso: str, written: str) -> None:
    assert malay_partial_date(iso) == written


def test_a_date_that_is_not_one_fails_clearly() -> None:
    with pytest.raises(ValueError, match="ISO date"):
        malay_partial_date("2025-07-01-09")
