"""Jinja filters: Thai dates in Thailand's time, place names, status and category labels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Flask

from bot.admin.audit import DETAIL_LABELS, action_label, target_label
from bot.admin.models import STAFF_ROLE_LABELS, StaffRole
from bot.admin.places import district_name, province_name
from bot.complaints.export import AFFECTED_LABELS
from bot.complaints.messages import STATUS_LABELS
from bot.complaints.models import Affected, ComplaintStatus
from bot.complaints.routing import body_name, category_label
from bot.core import thai_dates
from bot.volunteers.models import ROLE_LABELS, Role


def thai_datetime(when: datetime | None) -> str:
    """A time as the console shows it ("21 พ.ย. 2569 14:05"); "-" for none."""
    return "-" if when is None else thai_dates.thai_datetime(when)


def status_label(status: ComplaintStatus | str) -> str:
    return STATUS_LABELS.get(ComplaintStatus(status), str(status))


def affected_label(affected: Affected | str) -> str:
    return AFFECTED_LABELS.get(Affected(affected).value, str(affected))


def volunteer_role_label(role: Role | str | None) -> str:
    return ROLE_LABELS[Role(role)] if role else "-"


def staff_role_label(role: StaffRole | str) -> str:
    return STAFF_ROLE_LABELS[StaffRole(role)]


def _iso_datetime(value: Any) -> str:
    try:
        return thai_datetime(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _status_value(value: Any) -> str:
    try:
        return status_label(value)
    except ValueError:
        return str(value)


def _role_value(value: Any) -> str:
    try:
        return volunteer_role_label(value)
    except ValueError:
        return str(value)


# How the value of a detail key reads; a key missing here shows its value as text.
_DETAIL_VALUES: dict[str, Callable[[Any], str]] = {
    "from": _status_value,
    "to": _status_value,
    "status": _status_value,
    "category": category_label,
    "province": province_name,
    "provinces": province_name,
    "from_province": province_name,
    "to_province": province_name,
    "district": district_name,
    "districts": district_name,
    "from_district": district_name,
    "to_district": district_name,
    "role": _role_value,
    "roles": _role_value,
    "at": _iso_datetime,
    "due": _iso_datetime,
}


def _detail_value(key: str, value: Any, detail: dict[str, Any]) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่"
    if isinstance(value, list):
        return ", ".join(_detail_value(key, item, detail) for item in value)
    if key in ("from_routed_to", "to_routed_to"):
        # The body's name depends on the province it was routed in.
        return body_name(str(value), detail.get(key.replace("routed_to", "province")))
    shown = _DETAIL_VALUES.get(key)
    return shown(value) if shown else str(value)


def audit_detail(detail: dict[str, Any] | None) -> list[tuple[str, str]]:
    """An audit entry's detail as (Thai label, readable value) pairs, in the order written."""
    return [
        (DETAIL_LABELS.get(key, key), _detail_value(key, value, detail or {}))
        for key, value in (detail or {}).items()
    ]


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
        audit_detail=audit_detail,
        target_label=target_label,
    )
