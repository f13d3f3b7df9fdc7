"""Reference numbers AS-<Buddhist-era year>-<6 digits>, sequential per year, never duplicated.

The counter row is bumped with one INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement: on
PostgreSQL the row lock serialises concurrent confirms until commit; on SQLite the statement takes
the database's write lock. Either way a rolled-back confirm gives its number back, so no gaps.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.complaints.models import ReferenceCounter
from bot.core.thai_dates import buddhist_year

REFERENCE_RE = re.compile(r"\bAS\s*-?\s*(\d{4})\s*-?\s*(\d{6})\b", re.IGNORECASE)


def format_reference(year: int, number: int) -> str:
    return f"AS-{year}-{number:06d}"


def find_reference(text: str) -> str | None:
    """A reference number in what someone typed, in canonical form ("as 2569 000012" too)."""
    match = REFERENCE_RE.search(text)
    return format_reference(int(match.group(1)), int(match.group(2))) if match else None


def next_reference(session: Session, when: datetime) -> str:
    """Take the next number of `when`'s year (Buddhist era, on the configured zone's clock)
    inside the caller's transaction."""
    year = buddhist_year(when)
    dialect = session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:
        raise RuntimeError(f"reference numbers need PostgreSQL or SQLite, not {dialect}")
    statement: Insert = insert(ReferenceCounter).values(year=year, last_value=1)
    statement = statement.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=[ReferenceCounter.year],
        set_={"last_value": ReferenceCounter.last_value + 1},
    ).returning(ReferenceCounter.last_value)
    number = session.execute(statement).scalar_one()
    return format_reference(year, number)
