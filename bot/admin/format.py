"""Jinja filters: Thai dates in Thailand's time, place names, status and category labels."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from ..complaints.export import AFFECTED_LABELS
from ..complaints.messages import STATUS_LABELS, thai_date
from ..complaints.routing import body_name, category_label
from ..models import ROLE_LABELS, STAFF_ROLE_LABELS, Affected, ComplaintStatus, Role, StaffRole
from .audit import action_label
from .places import district_name, province_name


def thai_datetime(when: datetime | None) -> str:
    if when is None:
        return "-"
    # SQLite returns naive datetimes; they were written in UTC.
    return thai_date(when if when.tzinfo else when.replace(tzinfo=UTC))


def status_label(status: ComplaintStatus | str) -> str:
    return STATUS_LABELS.get(ComplaintStatus(status), str(status))


def affected_label(affected: Affected | str) -> str:
    return AFFECTED_LABELS.get(Affected(affected).value, str(affected))


def volunteer_role_label(role: Role | str | None) -> str:
    return ROLE_LABELS[Role(role)] if role else "-"


def staff_role_label(role: StaffRole | str) -> str:
    return STAFF_ROLE_LABELS[StaffRole(role)]


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(
        thai_datetime=thai_datetime,
        province_name=province_name,
        district_name=district_name,
        status_label=status_label,
        affected_label=affected_label,
        category_label=category_label,
        volunteer_role_label=volunteer_role_label,
        staff_role_label=staff_role_label,
        body_name=body_name,
        action_label=action_label,
    )
