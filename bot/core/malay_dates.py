"""Dates as Malay readers write them: Common Era years, Malay month names, the local clock.

The month names come from Babel's CLDR data for "ms" (Jan, Feb, Mac ... Ogo ... Dis; Januari ...
Disember in full), the same words Dewan Bahasa dan Pustaka gives, so no month table is kept
here. The Buddhist era is a Thai convention (bot/core/thai_dates.py); a Malay reader, even in
Pattani, reads "2026". Times are shown on the configured zone's clock, as Thai ones are.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo

from babel.dates import format_date

from bot.core.thai_dates import as_local

LOCALE = "ms"


def malay_datetime(when: datetime, zone: tzinfo | None = None) -> str:
    """Like "21 Nov 2026 14:05": the day and time of a chat's case history and receipts."""
    local = as_local(when, zone)
    return f"{format_date(local.date(), 'd MMM y', locale=LOCALE)} {local:%H:%M}"


def malay_numeric_date(when: datetime, zone: tzinfo | None = None) -> str:
    """Like "21/11/2026": the short date, day first."""
    local = as_local(when, zone)
    return f"{local.day}/{local.month}/{local.year}"


@functools.lru_cache(maxsize=1024)
def malay_partial_date(iso: str) -> str:
    """ "2025" -> "2025", "2025-07" -> "Julai 2025", "2025-07-01" -> "1 Julai 2025"."""
    parts = [int(part) for part in iso.split("-")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"not a full or partial ISO date: {iso!r}")
    if len(parts) == 1:
        return str(parts[0])
    day = date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    return format_date(day, "MMMM y" if len(parts) == 2 else "d MMMM y", locale=LOCALE)
