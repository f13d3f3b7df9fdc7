"""The audit log: one call per thing staff saw or changed that someone may later ask about."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..models import AuditEntry, StaffUser

# What each action code means, as the audit page shows it; a code missing here is shown as is.
ACTION_LABELS: dict[str, str] = {
    "staff.login": "เข้าสู่ระบบ",
    "staff.logout": "ออกจากระบบ",
    "complaint.viewed": "เปิดดูเรื่องร้องเรียน",
    "complaint.status_changed": "เปลี่ยนสถานะเรื่องร้องเรียน",
    "complaint.attachment_viewed": "เปิดดูหลักฐาน",
    "complaints.exported": "ส่งออกเรื่องร้องเรียน",
    "broadcast.created": "สร้างประกาศ",
    "broadcast.sent": "ส่งหรือตั้งเวลาส่งประกาศ",
    "broadcast.cancelled": "ยกเลิกประกาศ",
    "volunteers.exported": "ส่งออกทำเนียบอาสาสมัคร",
    "message.labelled": "ระบุหัวข้อของข้อความ",
    "content.published": "เผยแพร่เนื้อหา",
    "agent_request.handled": "ติดต่อผู้ขอคุยกับเจ้าหน้าที่แล้ว",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


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
