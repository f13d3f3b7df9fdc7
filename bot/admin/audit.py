"""The audit log: one call per thing staff saw or changed that someone may later ask about."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..models import AuditEntry, StaffUser


def record(
    session: Session,
    staff: StaffUser,
    action: str,
    *,
    target_type: str | None = None,
    target_id: object = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """Add an audit entry to the session; the caller's commit writes it with the change."""
    entry = AuditEntry(
        staff_id=staff.id,
        username=staff.username,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        detail=detail,
        ip=ip,
    )
    session.add(entry)
    return entry
