"""A complaint from the first tap to its reference number, through the emulator."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.chat.models import MessageLog
from bot.complaints.crypto import PhoneCipher
from bot.complaints.models import Complaint, ComplaintStatus
from bot.complaints.references import buddhist_year
from bot.core.db import get_session
from bot.core.orm import utcnow
from tests.support.chat import quick_replies, say, tap, texts, wait_for

from .conftest import PHONE_KEY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
USER = "U" + "1" * 32


def start(sim, user_id=USER):  # type: ignore[no-untyped-def]
    chat = sim.user(user_id, display_name="ฟาตีมะห์")
    chat.follow()
    chat.last_reply()
    chat.postback("action=intent&intent=complaint_file")
    return chat


def test_a_complaint_is_filed_end_to_end_and_gets_a_reference(complaint_bot, sim) -> None:
    chat = start(sim)
    consent = chat.last_reply()
    assert "ข้อมูลส่วนบุคคล" in texts(consent)
    assert {"ยินยอม", "ไม่ยินยอม", "ยกเลิก"} <= set(quick_replies(consent))

    assert "เกิดกับใคร" in texts(tap(chat, "ยินยอม"))
    assert "ประเภท" in texts(tap(chat, "ตัวฉันเอง"))
    assert "เล่าเหตุการณ์" in texts(tap(chat, "ค่าจ้าง/เลิกจ้าง"))
    assert "รับทราบ" in texts(say(chat, "นายจ้างไม่จ่ายค่าจ้างสองเดือน"))
    say(chat, "มีเพื่อนร่วมงานอีกห้าคน")
    assert "ที่ไหน" in texts(say(chat, "เสร็จ"))

    chat.send_location(
        6.8694, 101.2502, title="โรงงาน", address="ตำบลรูสะมิแล อำเภอเมืองปัตตานี ปัตตานี 94000"
    )
    assert "หลักฐาน" in texts(chat.last_reply())
    chat.send_image(PNG, content_type="image/png")
    assert "1 ไฟล์" in texts(chat.last_reply())
    assert "เบอร์โทร" in texts(tap(chat, "เสร็จ"))
    summary = texts(say(chat, "081-234-5678"))
    assert "081xxxx678" in summary and "ปัตตานี" in summary
    assert "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดปัตตานี" in summary

    received = texts(tap(chat, "ยืนยันส่งเรื่อง"))

    year = buddhist_year(utcnow())
    assert f"AS-{year}-000001" in received
    app = complaint_bot.app
    with app.app_context():
        session = get_session()
        complaint = session.scalars(select(Complaint)).one()
        assert complaint.reference == f"AS-{year}-000001"
        assert complaint.user_id == USER
        assert complaint.category == "wages_dismissal"
        assert complaint.details == "นายจ้างไม่จ่ายค่าจ้างสองเดือน\nมีเพื่อนร่วมงานอีกห้าคน"
        assert complaint.province_code == "94" and complaint.latitude == 6.8694
        assert complaint.routed_to == "labour_protection"
        assert complaint.status is ComplaintStatus.RECEIVED
        assert [e.status for e in complaint.events] == [ComplaintStatus.RECEIVED]
        assert complaint.consent_version and complaint.consented_at is not None
        # The phone number is only ever stored encrypted.
        assert "0812345678" not in (complaint.phone_encrypted or "")
        assert PhoneCipher(PHONE_KEY).decrypt(complaint.phone_encrypted or "") == "0812345678"
        assert len(complaint.attachments) == 1
        attachment_id = complaint.attachments[0].id

    def stored() -> bool:
        with app.app_context():
            from bot.complaints.models import ComplaintAttachment

            row = get_session().get(ComplaintAttachment, attachment_id)
            return row is not None and row.sha256 is not None

    wait_for(stored)
    with app.app_context():
        from bot.complaints.models import ComplaintAttachment

        row = get_session().get(ComplaintAttachment, attachment_id)
        assert row is not None and row.content_type == "image/png" and row.size == len(PNG)
        # Nothing typed inside the flow reaches the message log.
        logged = [t for t in get_session().scalars(select(MessageLog.text)) if t]
        assert not any(re.search(r"นายจ้าง|081|0812345678", t) for t in logged)
