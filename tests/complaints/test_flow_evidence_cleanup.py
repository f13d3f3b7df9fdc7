"""Evidence files of a draft that is not filed are deleted; a filed complaint's files stay."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot.complaints.evidence import Evidence, discard_draft_evidence, evidence_path
from bot.complaints.filing import NewComplaint, create_complaint
from bot.complaints.models import Affected
from tests.support.chat import say, tap, texts, wait_for

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
USER = "U" + "5" * 32


def evidence_files(bot: Any) -> set[str]:
    folder = Path(bot.app.config["MEDIA_DIR"]) / "evidence"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def to_evidence(sim: Any) -> Any:
    chat = sim.user(USER, display_name="ยามีละห์")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    tap(chat, "ยินยอม")
    tap(chat, "ตัวฉันเอง")
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    say(chat, "นายจ้างไม่จ่ายค่าจ้าง")
    say(chat, "เสร็จ")
    tap(chat, "ปัตตานี")
    assert "หลักฐาน" in texts(tap(chat, "ไม่ทราบอำเภอ"))
    return chat


def send_photo(bot: Any, chat: Any, count: int) -> set[str]:
    """Send one photo; returns the files in the media store once it is downloaded."""
    chat.send_image(PNG, content_type="image/png")
    chat.last_reply()
    wait_for(lambda: len(evidence_files(bot)) == count)
    return evidence_files(bot)


def test_cancelling_a_draft_deletes_the_evidence_it_downloaded(complaint_bot, sim) -> None:
    chat = to_evidence(sim)
    send_photo(complaint_bot, chat, 1)
    send_photo(complaint_bot, chat, 2)

    assert "ยกเลิก" in texts(say(chat, "ยกเลิก"))

    assert evidence_files(complaint_bot) == set()


def test_sending_the_evidence_again_deletes_the_files_sent_before(complaint_bot, sim) -> None:
    chat = to_evidence(sim)
    first = send_photo(complaint_bot, chat, 1)
    tap(chat, "เสร็จ")
    tap(chat, "ไม่ระบุ")
    tap(chat, "แก้ไข")
    tap(chat, "หลักฐาน")

    second = send_photo(complaint_bot, chat, 1)

    assert second.isdisjoint(first)


def test_a_filed_complaints_evidence_stays_when_a_later_draft_is_cancelled(
    complaint_bot, sim
) -> None:
    chat = to_evidence(sim)
    filed = send_photo(complaint_bot, chat, 1)
    tap(chat, "เสร็จ")
    tap(chat, "ไม่ระบุ")
    assert "เลขที่เรื่อง" in texts(tap(chat, "ยืนยันส่งเรื่อง"))

    to_evidence(sim)
    both = send_photo(complaint_bot, chat, 2)
    say(chat, "ยกเลิก")

    assert evidence_files(complaint_bot) == filed and filed < both


def test_discarding_a_drafts_evidence_keeps_files_a_complaint_points_to(
    db_session: Session, tmp_path: Path
) -> None:
    for message_id in ("1001", "1002"):
        (tmp_path / evidence_path(message_id)).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / evidence_path(message_id)).write_bytes(PNG)
    filed = NewComplaint(
        draft_id="d" * 32,
        user_id=USER,
        affected=Affected.SELF,
        category="wages_dismissal",
        details="นายจ้างไม่จ่ายค่าจ้าง",
        consent_version="complaint-pdpa-1",
        consented_at=datetime(2026, 6, 1, tzinfo=UTC),
        evidence=(Evidence("1001", "image"),),
    )
    create_complaint(db_session, filed, cipher=None, media_dir=tmp_path)

    removed = discard_draft_evidence(db_session, tmp_path, ["1001", "1002", "../1001", "1003"])

    assert removed == 1
    assert (tmp_path / evidence_path("1001")).exists()
    assert not (tmp_path / evidence_path("1002")).exists()
