"""Thai dates: the Buddhist era and Thai month names, on the clock of the one configured zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import ConfigError, create_app
from bot.core import thai_dates
from bot.core.thai_dates import (
    as_local,
    buddhist_year,
    local_zone,
    start_of_day,
    thai_date,
    thai_datetime,
    thai_numeric_date,
    thai_partial_date,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
TOKYO = ZoneInfo("Asia/Tokyo")
BOT = Path(__file__).resolve().parents[2] / "bot"


def _app(tmp_path: Path, **config: object):
    return create_app(
        {
            "LINE_CHANNEL_SECRET": "s",
            "LINE_CHANNEL_ACCESS_TOKEN": "t",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
            "REDIS_URL": None,
            "NLU": None,
            **config,
        }
    )


def test_a_time_reads_as_day_thai_month_buddhist_year_and_clock() -> None:
    assert thai_datetime(datetime(2026, 11, 21, 7, 5, tzinfo=UTC), BANGKOK) == "21 พ.ย. 2569 14:05"


def test_the_clock_is_the_zones_not_utcs() -> None:
    late_evening_utc = datetime(2026, 11, 21, 20, 30, tzinfo=UTC)

    assert thai_datetime(late_evening_utc, BANGKOK) == "22 พ.ย. 2569 03:30"
    assert thai_datetime(late_evening_utc, TOKYO) == "22 พ.ย. 2569 05:30"


def test_a_naive_time_is_utc_as_every_stored_time_is() -> None:
    # SQLite hands stored times back without their zone.
    assert thai_datetime(datetime(2026, 11, 21, 7, 5), BANGKOK) == "21 พ.ย. 2569 14:05"
    assert as_local(datetime(2026, 1, 1, 0, 0), BANGKOK).hour == 7


def test_the_short_date_is_day_month_and_buddhist_year_without_padding() -> None:
    assert thai_numeric_date(datetime(2025, 1, 4, 18, 0, tzinfo=UTC), BANGKOK) == "5/1/2568"


def test_the_buddhist_year_turns_at_midnight_on_the_zones_clock() -> None:
    # 31 Dec 2025 18:00 UTC is already 1 Jan 2026, so 2569, in Bangkok.
    assert buddhist_year(datetime(2025, 12, 31, 18, 0, tzinfo=UTC), BANGKOK) == 2569
    assert buddhist_year(datetime(2025, 12, 31, 16, 0, tzinfo=UTC), BANGKOK) == 2568


def test_every_month_has_its_short_thai_name() -> None:
    names = [thai_date(date(2025, month, 1)).split()[1] for month in range(1, 13)]

    assert names == [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]  # fmt: skip


def test_a_calendar_day_has_no_clock_and_so_no_zone() -> None:
    assert thai_date(date(2025, 1, 1)) == "1 ม.ค. 2568"


@pytest.mark.parametrize(
    ("iso", "thai"),
    [("2025", "พ.ศ. 2568"), ("2025-07", "ก.ค. 2568"), ("2025-07-01", "1 ก.ค. 2568")],
)
def test_a_partial_date_says_only_what_it_knows(iso: str, thai: str) -> None:
    assert thai_partial_date(iso) == thai


def test_a_partial_date_with_too_many_parts_is_refused() -> None:
    with pytest.raises(ValueError, match="partial ISO date"):
        thai_partial_date("2025-07-01-09")


def test_a_day_starts_at_midnight_on_the_zones_clock() -> None:
    assert start_of_day(date(2026, 11, 1), BANGKOK) == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)


def test_the_zone_is_the_timezone_setting_of_the_app(tmp_path: Path) -> None:
    app = _app(tmp_path, TIMEZONE="Asia/Tokyo")
    utc_morning = datetime(2026, 11, 21, 0, 0, tzinfo=UTC)

    with app.app_context():
        assert local_zone() == TOKYO
        assert thai_datetime(utc_morning) == "21 พ.ย. 2569 09:00"
    assert thai_dates.zone_of(app) == TOKYO


def test_outside_any_app_the_zone_is_the_settings_default() -> None:
    assert local_zone() == BANGKOK
    assert thai_datetime(datetime(2026, 11, 21, 0, 0, tzinfo=UTC)) == "21 พ.ย. 2569 07:00"


def test_a_timezone_that_is_no_zone_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TIMEZONE 'Bangkok' is not a time zone name"):
        _app(tmp_path, TIMEZONE="Bangkok")


# What each module once wrote for itself: a month table, "+ 543", a fixed +7 or named zone.
_HAND_WRITTEN = re.compile(
    r"\+ ?543\b|\b543\b|THAI_MONTHS|\"ม\.ค\.\"|timedelta\(hours=7\)|ZoneInfo\(\"|Asia/Bangkok"
)


def test_no_module_of_the_bot_writes_its_own_buddhist_era_or_zone() -> None:
    homes = {BOT / "core" / "settings.py", BOT / "core" / "thai_dates.py"}
    offenders = [
        f"{path.relative_to(BOT)}:{number}"
        for path in sorted(BOT.rglob("*.py"))
        if path not in homes
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _HAND_WRITTEN.search(line)
    ]
    assert offenders == []
