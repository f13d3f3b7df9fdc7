"""The complaint list's filters: from the query string to SQL conditions, and back to links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import request
from sqlalchemy import ColumnElement, or_

from bot.admin.places import NO_PROVINCE
from bot.complaints.models import Complaint, ComplaintStatus


@dataclass(frozen=True)
class Filters:
    """The list's filters as the query string carries them, and as SQL conditions."""

    status: str = ""
    category: str = ""
    province: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""

    @classmethod
    def from_args(cls) -> Filters:
        """The filters of the current request's query string."""
        args = request.args
        return cls(**{name: args.get(name, "").strip() for name in cls.__dataclass_fields__})

    def as_args(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    def where(self, zone: ZoneInfo) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.status in {s.value for s in ComplaintStatus}:
            clauses.append(Complaint.status == ComplaintStatus(self.status))
        if self.category:
            clauses.append(Complaint.category == self.category)
        if self.province == NO_PROVINCE:
            clauses.append(Complaint.province_code.is_(None))
        elif self.province:
            clauses.append(Complaint.province_code == self.province)
        start, end = _day(self.date_from), _day(self.date_to)
        if start:
            clauses.append(Complaint.created_at >= datetime.combine(start, time.min, zone))
        if end:
            after = datetime.combine(end + timedelta(days=1), time.min, zone)
            clauses.append(Complaint.created_at < after)
        if self.q:
            pattern = f"%{self.q}%"
            clauses.append(
                or_(Complaint.reference.ilike(pattern), Complaint.details.ilike(pattern))
            )
        return clauses


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
