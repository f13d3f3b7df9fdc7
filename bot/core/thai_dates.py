"""Dates as Thai readers write them, on the clock of the configured time zone.

Month names and the Buddhist-era year come from PyThaiNLP's `thai_strftime`: nothing here keeps
a month table or adds 543 by hand. The zone is the TIMEZONE setting, built once by the app
factory (`init_app`) and reached with `local_zone()`, the way flaskr reaches its database.
Every stored time is UTC; SQLite hands it back naive, so a naive time is read as UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, current_app, has_app_context
from pythainlp.util import thai_strftime

from bot.core.settings import ENV_SETTINGS, ConfigError

_EXTENSION = "asabot.zone"


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone called `name` ("Asia/Bangkok"); a name that is none fails clearly."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(
            f"TIMEZONE {name!r} is not a time zone name: use an IANA name such as Asia/Bangkok"
        ) from error


def init_app(app: Flask) -> None:
    """Build the configured zone once, at start, so a wrong name fails there."""
    app.extensions[_EXTENSION] = zone_named(app.config["TIMEZONE"])


def zone_of(app: Flask) -> ZoneInfo:
    """The zone `app` was configured with (for code handed the app, such as jobs)."""
    zone: ZoneInfo = app.extensions[_EXTENSION]
    return zone


def local_zone() -> ZoneInfo:
    """The configured zone: the current app's, or the setting's default outside any app."""
    if has_app_context():
        return zone_of(current_app)
    return zone_named(ENV_SETTINGS["TIMEZONE"])


def as_local(when: datetime, zone: tzinfo | None = None) -> datetime:
    """`when` as the zone's clock reads it (the configured zone unless one is given)."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return aware.astimezone(zone or local_zone())


def start_of_day(day: date, zone: tzinfo | None = None) -> datetime:
    """The instant `day` begins on the zone's clock: what "since 1 November" means to staff."""
    return datetime.combine(day, time.min, zone or local_zone())


def buddhist_year(when: datetime, zone: tzinfo | None = None) -> int:
    """The Thai calendar year of an instant, as the zone's clock reads it (2025-12-31 18:00
    UTC is already 2569 in Bangkok)."""
    return int(thai_strftime(as_local(when, zone), "%Y"))


def thai_datetime(when: datetime, zone: tzinfo | None = None) -> str:
    """Like "21 พ.ย. 2569 14:05": the day, month and year of the console, chats and exports."""
    return thai_strftime(as_local(when, zone), "%-d %b %Y %H:%M")


def thai_numeric_date(when: datetime, zone: tzinfo | None = None) -> str:
    """Like "21/11/2569": the short date Thai readers write by hand."""
    return thai_strftime(as_local(when, zone), "%-d/%-m/%Y")


def thai_date(day: date) -> str:
    """Like "1 ม.ค. 2568": a calendar day with no clock time, so no zone."""
    return thai_strftime(datetime.combine(day, time.min), "%-d %b %Y")


def thai_partial_date(iso: str) -> str:
    """A full or partial ISO date in the Buddhist era: "2025" -> "พ.ศ. 2568",
    "2025-07" -> "ก.ค. 2568", "2025-07-01" -> "1 ก.ค. 2568"."""
    parts = [int(part) for part in iso.split("-")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"not a full or partial ISO date: {iso!r}")
    year, month, day = (*parts, 1, 1)[:3]
    formats = {1: "พ.ศ. %Y", 2: "%b %Y", 3: "%-d %b %Y"}
    return thai_strftime(datetime(year, month, day), formats[len(parts)])


# Month names as people type them in a date, read back to month numbers: PyThaiNLP's Thai names
# and abbreviations, and the Malay and English short forms a Malay speaker types.
_LATIN_MONTHS = (
    ("januari", "jan"),
    ("februari", "feb"),
    ("mac", "mar"),
    ("april", "apr"),
    ("mei", "may"),
    ("jun",),
    ("julai", "jul"),
    ("ogos", "aug"),
    ("september", "sep"),
    ("oktober", "okt", "oct"),
    ("november", "nov"),
    ("disember", "dis", "dec"),
)


def typed_month_numbers() -> dict[str, int]:
    """Month name (Thai full or abbreviated, Malay, English) -> month number."""
    from pythainlp.util.date import thai_abbr_months, thai_full_months

    months: dict[str, int] = {}
    for number, names in enumerate(zip(thai_full_months, thai_abbr_months, strict=True), 1):
        months.update(dict.fromkeys((*names, *_LATIN_MONTHS[number - 1]), number))
    return months


def gregorian_year(year: int) -> int:
    """A typed year as the Gregorian year: Thai people write the Buddhist era (2569 = 2026)."""
    return year - (buddhist_year(datetime(2000, 7, 1, tzinfo=UTC)) - 2000) if year > 2400 else year
