"""The audit log: one call per thing staff saw or changed that someone may later ask about."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.admin.models import AuditEntry, StaffUser

# What each action code means, as the audit page shows it; a code missing here is shown as is.
ACTION_LABELS: dict[str, str] = {
    "staff.login": "เข้าสู่ระบบ",
    "staff.logout": "ออกจากระบบ",
    "complaint.viewed": "เปิดดูเรื่องร้องเรียน",
    "complaint.status_changed": "เปลี่ยนสถานะเรื่องร้องเรียน",
    "complaint.area_changed": "แก้ไขพื้นที่",
    "complaint.attachment_viewed": "เปิดดูหลักฐาน",
    "complaints.exported": "ส่งออกเรื่องร้องเรียน",
    "broadcast.created": "สร้างประกาศ",
    "broadcast.sent": "ส่งหรือตั้งเวลาส่งประกาศ",
    "broadcast.cancelled": "ยกเลิกประกาศ",
    "volunteers.exported": "ส่งออกทำเนียบอาสาสมัคร",
    "message.labelled": "ระบุหัวข้อของข้อความ",
    "content.published": "เผยแพร่เนื้อหา",
    "agent_request.handled": "ติดต่อผู้ขอคุยกับเจ้าหน้าที่แล้ว",
    "handoff.viewed": "เปิดดูแชทกับประชาชน",
    "handoff.taken": "รับเรื่องแชทกับประชาชน",
    "handoff.replied": "ตอบแชทกับประชาชน",
    "handoff.transferred": "โอนแชทให้เจ้าหน้าที่อื่น",
    "handoff.closed": "จบการสนทนากับประชาชน",
    "handoff.photo_viewed": "เปิดดูรูปในแชทกับประชาชน",
    "survey.viewed": "เปิดดูแบบสำรวจ",
    "survey.export_requested": "ขอไฟล์ส่งออกแบบสำรวจ",
    "survey.exported": "ดาวน์โหลดไฟล์แบบสำรวจ",
    "survey.announced": "ส่งแบบสำรวจให้อาสาสมัคร",
}


# What each audited thing is called, for the "รายการ" column ("เรื่องร้องเรียน AS-2569-000012").
TARGET_LABELS: dict[str, str] = {
    "complaint": "เรื่องร้องเรียน",
    "broadcast": "ประกาศ",
    "staff": "ผู้ใช้",
    "agent_request": "คำขอคุยกับเจ้าหน้าที่",
    "handoff": "แชทกับประชาชน",
    "article": "บทความ",
    "message": "ข้อความ",
    "volunteer": "อาสาสมัคร",
    "survey": "แบบสำรวจ",
}

# The detail keys the console writes, as the audit page labels them; others are shown as is.
DETAIL_LABELS: dict[str, str] = {
    "contact_shown": "แสดงข้อมูลติดต่อ",
    "from": "จากสถานะ",
    "to": "เป็นสถานะ",
    "note": "หมายเหตุ",
    "event_id": "เหตุการณ์ที่",
    "attachment_id": "หลักฐานที่",
    "format": "รูปแบบไฟล์",
    "rows": "จำนวนแถว",
    "with_phone": "รวมเบอร์โทร",
    "status": "สถานะ",
    "category": "ประเภท",
    "province": "จังหวัด",
    "district": "อำเภอ",
    "date_from": "ตั้งแต่วันที่",
    "date_to": "ถึงวันที่",
    "q": "คำค้น",
    "role": "บทบาท",
    "roles": "บทบาทผู้รับ",
    "provinces": "จังหวัดผู้รับ",
    "districts": "อำเภอผู้รับ",
    "at": "เวลาที่ตั้งส่ง",
    "due": "กำหนดส่ง",
    "intent": "หัวข้อที่ระบุ",
    "was": "หัวข้อที่บอทเดา",
    "decision": "บอทตัดสินว่า",
    "from_province": "จังหวัดเดิม",
    "from_district": "อำเภอเดิม",
    "to_province": "จังหวัดใหม่",
    "to_district": "อำเภอใหม่",
    "from_routed_to": "หน่วยงานเดิม",
    "to_routed_to": "หน่วยงานใหม่",
    "reason": "เหตุผล",
    "to_staff": "โอนให้",
    "broadcast": "ประกาศที่",
}


def target_label(target_type: str | None, target_id: str | None) -> str:
    """The audited thing in words: "เรื่องร้องเรียน AS-2569-000012", "ประกาศ 2"."""
    name = TARGET_LABELS.get(target_type or "", target_type or "")
    return " ".join(part for part in (name, target_id or "") if part)


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
