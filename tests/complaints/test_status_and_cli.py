"""Status changes reach the reporter; reporters follow and rate their cases; the CLI for staff."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from bot.agent_requests.models import AgentRequest
from bot.agent_requests.service import record_request
from bot.complaints.cli import complaints
from bot.complaints.filing import NewComplaint, create_complaint
from bot.complaints.flow import CONSENT_VERSION
from bot.complaints.handlers import stars_in
from bot.complaints.models import Affected, Complaint, ComplaintStatus
from bot.complaints.notifications import PendingNotices, notify_pending
from bot.core.db import get_session
from tests.support.chat import quick_replies, texts

from .conftest import PHONE_KEY

REPORTER = "U" + "6" * 32
STRANGER = "U" + "7" * 32


def file_complaint(bot: Any, user_id: str = REPORTER, draft: str = "d-1") -> str:
    from bot.complaints.crypto import PhoneCipher

    with bot.app.app_context():
        complaint, _ = create_complaint(
            get_session(),
            NewComplaint(
                draft_id=draft,
                user_id=user_id,
                affected=Affected.SELF,
                category="wages_dismissal",
                details="ไม่ได้รับค่าล่วงเวลา",
                consent_version=CONSENT_VERSION,
                consented_at=datetime.now(UTC),
                province_code="96",
                phone="0899999999",
            ),
            cipher=PhoneCipher(PHONE_KEY),
            media_dir=Path(bot.app.config["MEDIA_DIR"]),
        )
        return complaint.reference


def cli(bot: Any, *args: str, input: str | None = None) -> Any:
    result = bot.app.test_cli_runner().invoke(complaints, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


def test_each_status_change_is_pushed_to_the_reporter_in_thai(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER, display_name="มารียะ")
    chat.follow()
    reference = file_complaint(complaint_bot)

    out = cli(complaint_bot, "set-status", reference, "forwarded", "--note", "ส่งให้ สวัสดิการฯ แล้ว")

    assert "reporter told" in out.output
    pushed = texts(sim.messages(to=REPORTER, endpoint="push")[-1]["messages"])
    assert reference in pushed and "ส่งต่อหน่วยงานแล้ว" in pushed
    assert "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดนราธิวาส" in pushed
    assert "ส่งให้ สวัสดิการฯ แล้ว" in pushed
    with complaint_bot.app.app_context():
        complaint = get_session().scalars(select(Complaint)).one()
        assert complaint.status is ComplaintStatus.FORWARDED
        assert [e.status for e in complaint.events] == [
            ComplaintStatus.RECEIVED,
            ComplaintStatus.FORWARDED,
        ]
        assert complaint.events[-1].notified_at is not None


def test_a_resolved_case_can_be_rated_by_its_reporter(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER)
    chat.follow()
    reference = file_complaint(complaint_bot)
    cli(complaint_bot, "set-status", reference, "resolved", "--note", "นายจ้างจ่ายแล้ว")
    push = sim.messages(to=REPORTER, endpoint="push")[-1]["messages"]
    five = quick_replies(push)["5 ดาว ⭐⭐⭐⭐⭐"]

    chat.postback(five["data"])

    assert "5 ดาว" in chat.last_text()
    with complaint_bot.app.app_context():
        assert get_session().scalars(select(Complaint.rating)).one() == 5


def test_a_rating_typed_instead_of_tapped_rates_the_case_just_finished(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER)
    chat.follow()
    reference = file_complaint(complaint_bot)
    chat.say("ให้ 5 ดาวค่ะ")  # nothing finished yet: not taken as a rating
    with complaint_bot.app.app_context():
        assert get_session().scalars(select(Complaint.rating)).one() is None

    cli(complaint_bot, "set-status", reference, "resolved", "--note", "นายจ้างจ่ายแล้ว")
    chat.say("ให้ ๔ ดาวค่ะ ขอบคุณมากค่ะ")

    assert chat.last_text() == f"ขอบคุณที่ให้ 4 ดาวกับเรื่อง {reference} ค่ะ"
    with complaint_bot.app.app_context():
        assert get_session().scalars(select(Complaint.rating)).one() == 4


def test_only_a_plain_number_of_stars_counts_as_a_rating() -> None:
    assert stars_in("ให้ 5 ดาวค่ะ ขอบคุณมากค่ะ") == 5
    assert stars_in("๓ดาว") == 3
    assert stars_in("⭐⭐") == 2
    assert stars_in("โรงแรม 5 ดาวที่หาดใหญ่รับสมัครงาน") is None
    assert stars_in("15 ดาว") is None
    assert stars_in("ขอบคุณค่ะ") is None


def test_a_blocked_reporter_is_not_pushed_to_but_the_change_is_kept(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER)
    chat.follow()
    chat.unfollow()
    reference = file_complaint(complaint_bot)

    out = cli(complaint_bot, "set-status", reference, "in_progress")

    assert "NOT told" in out.output
    assert sim.messages(to=REPORTER, endpoint="push") == []


def test_complaint_status_shows_history_only_to_the_reporter(complaint_bot, sim) -> None:
    reference = file_complaint(complaint_bot)
    cli(complaint_bot, "set-status", reference, "in_progress", "--note", "นัดนายจ้างแล้ว")
    mine, theirs = sim.user(REPORTER), sim.user(STRANGER)

    mine.say(f"ติดตามเรื่อง {reference.lower()}")
    history = mine.last_text()
    assert "กำลังดำเนินการ" in history and "นัดนายจ้างแล้ว" in history and "รับเรื่องแล้ว" in history

    theirs.say(f"ติดตามเรื่อง {reference}")
    assert "ไม่พบเรื่อง" in theirs.last_text()
    assert "นัดนายจ้าง" not in theirs.last_text()


def test_complaint_status_without_a_reference_lists_recent_cases(complaint_bot, sim) -> None:
    first = file_complaint(complaint_bot, draft="a")
    second = file_complaint(complaint_bot, draft="b")
    chat = sim.user(REPORTER)

    chat.postback("action=intent&intent=complaint_status")

    reply = chat.last_reply()
    carousel = reply[-1]
    assert carousel["type"] == "flex" and carousel["contents"]["type"] == "carousel"
    cards = [b["body"]["contents"][0]["text"] for b in carousel["contents"]["contents"]]
    assert cards == [second, first]  # newest first
    button = carousel["contents"]["contents"][0]["footer"]["contents"][0]["action"]
    chat.postback(button["data"])
    assert second in chat.last_text()


def test_export_csv_has_thai_headers_and_no_phone_unless_asked(complaint_bot, tmp_path) -> None:
    reference = file_complaint(complaint_bot)
    out = cli(complaint_bot, "export", "--since", "2020-01-01")
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0][0] == "เลขที่เรื่อง" and "เบอร์ติดต่อ" not in rows[0]
    assert rows[1][0] == reference and "นราธิวาส" in rows[1]

    target = tmp_path / "out.csv"
    cli(complaint_bot, "export", "--since", "2020-01-01", "--with-contact", "-o", str(target))
    with target.open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream))
    assert rows[1][-1] == "0899999999"

    assert "0 complaints" in cli(complaint_bot, "export", "--since", "2999-01-01").stderr


def test_export_xlsx(complaint_bot, tmp_path) -> None:
    reference = file_complaint(complaint_bot)
    target = tmp_path / "out.xlsx"
    cli(complaint_bot, "export", "--since", "2020-01-01", "--format", "xlsx", "-o", str(target))
    sheet = load_workbook(target).active
    assert sheet is not None
    assert sheet.cell(row=2, column=1).value == reference


def test_erase_user_from_the_cli(complaint_bot) -> None:
    file_complaint(complaint_bot)
    with complaint_bot.app.app_context():
        record_request(get_session(), REPORTER)
        get_session().commit()
    out = cli(complaint_bot, "erase-user", REPORTER, input="y\n")
    assert "1 complaints erased" in out.output
    with complaint_bot.app.app_context():
        complaint = get_session().scalars(select(Complaint)).one()
        assert complaint.details is None and complaint.phone_encrypted is None
        assert get_session().scalars(select(AgentRequest)).all() == []


def test_erase_expired_from_the_cli_keeps_cases_inside_the_retention_period(complaint_bot) -> None:
    reference = file_complaint(complaint_bot)
    cli(complaint_bot, "set-status", reference, "resolved", "--note", "จ่ายครบแล้ว")

    assert "0 complaints erased" in cli(complaint_bot, "erase-expired").output
    complaint_bot.app.config["COMPLAINT_RETENTION_YEARS"] = 0  # as if the years had passed
    assert "1 complaints erased" in cli(complaint_bot, "erase-expired").output
    with complaint_bot.app.app_context():
        complaint = get_session().scalars(select(Complaint)).one()
        assert complaint.details is None and complaint.erased_at is not None


def _status_event_notified_at(bot: Any) -> list[Any]:
    with bot.app.app_context():
        events = get_session().scalars(select(Complaint)).one().events
        return [e.notified_at for e in events if e.actor != "reporter"]


def _retry_key_of_newest_event(bot: Any) -> str:
    with bot.app.app_context():
        event_id = get_session().scalars(select(Complaint)).one().events[-1].id
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"asabot:complaint-event:{event_id}"))


def test_a_status_push_line_refused_is_resent_once_line_is_back_and_marked_told(
    complaint_bot, sim
) -> None:
    sim.user(REPORTER, display_name="มารียะ").follow()
    reference = file_complaint(complaint_bot)
    complaint_bot.emulator.config.error_rate = 1.0  # every platform call answers 500

    assert "NOT told" in cli(complaint_bot, "set-status", reference, "forwarded").output
    failed = complaint_bot.app.test_cli_runner().invoke(complaints, ["notify-pending"])
    assert (failed.exit_code, failed.output.strip()) == (1, "sent 0, skipped (blocked) 0, failed 1")
    assert sim.messages(to=REPORTER, endpoint="push") == []

    complaint_bot.emulator.config.error_rate = 0.0
    first = cli(complaint_bot, "notify-pending")
    second = cli(complaint_bot, "notify-pending")

    assert first.output.strip() == "sent 1, skipped (blocked) 0, failed 0"
    assert second.output.strip() == "sent 0, skipped (blocked) 0, failed 0"
    (pushed,) = sim.messages(to=REPORTER, endpoint="push")
    assert reference in texts(pushed["messages"]) and "ส่งต่อหน่วยงานแล้ว" in texts(pushed["messages"])
    assert pushed["retryKey"] == _retry_key_of_newest_event(complaint_bot)
    assert [at is not None for at in _status_event_notified_at(complaint_bot)] == [True]


def test_a_push_whose_answer_was_lost_is_not_delivered_twice_by_the_resend(
    complaint_bot, sim
) -> None:
    sim.user(REPORTER).follow()
    reference = file_complaint(complaint_bot)
    complaint_bot.emulator.config.drop_rate = 1.0  # LINE accepts, the connection dies

    assert "NOT told" in cli(complaint_bot, "set-status", reference, "in_progress").output
    complaint_bot.emulator.config.drop_rate = 0.0
    resent = cli(complaint_bot, "notify-pending")

    # LINE answers the repeated retry key with 409: the first push had landed, so it is told.
    assert resent.output.strip() == "sent 1, skipped (blocked) 0, failed 0"
    assert len(sim.messages(to=REPORTER, endpoint="push")) == 1
    assert [at is not None for at in _status_event_notified_at(complaint_bot)] == [True]


def test_the_resend_skips_a_reporter_who_blocked_the_bot(complaint_bot, sim) -> None:
    chat = sim.user(REPORTER)
    chat.follow()
    reference = file_complaint(complaint_bot)
    complaint_bot.emulator.config.error_rate = 1.0
    cli(complaint_bot, "set-status", reference, "in_progress")
    complaint_bot.emulator.config.error_rate = 0.0
    chat.unfollow()

    out = cli(complaint_bot, "notify-pending")

    assert out.output.strip() == "sent 0, skipped (blocked) 1, failed 0"
    assert sim.messages(to=REPORTER, endpoint="push") == []
    assert _status_event_notified_at(complaint_bot) == [None]


def test_the_resend_sends_only_a_case_s_newest_update_and_nothing_past_the_retry_key_window(
    complaint_bot, sim
) -> None:
    sim.user(REPORTER).follow()
    reference = file_complaint(complaint_bot)
    complaint_bot.emulator.config.error_rate = 1.0
    cli(complaint_bot, "set-status", reference, "forwarded")
    cli(complaint_bot, "set-status", reference, "resolved")
    complaint_bot.emulator.config.error_rate = 0.0
    line = complaint_bot.app.extensions["asabot.line"]

    with complaint_bot.app.app_context():
        # A day later LINE would have forgotten the retry key: a resend could land twice.
        later = notify_pending(get_session(), line, now=datetime.now(UTC) + timedelta(hours=24))
    now = cli(complaint_bot, "notify-pending")

    assert later == PendingNotices(sent=0, skipped_blocked=0, failed=0)
    assert now.output.strip() == "sent 1, skipped (blocked) 0, failed 0"
    (pushed,) = sim.messages(to=REPORTER, endpoint="push")
    assert "แก้ไขเรียบร้อยแล้ว" in texts(pushed["messages"])
    assert "ส่งต่อหน่วยงานแล้ว" not in texts(pushed["messages"])
    assert pushed["retryKey"] == _retry_key_of_newest_event(complaint_bot)
    # The older "forwarded" update is superseded, not sent after the "resolved" one.
    assert [at is not None for at in _status_event_notified_at(complaint_bot)] == [False, True]
