"""The complaint flow when people do not follow the script: bad input, cancel, resume, questions."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot.chat.models import FlowDraft
from bot.complaints.models import Complaint
from bot.core.crypto import seal_json, unseal_json
from bot.core.db import get_session
from bot.core.services import get_services
from tests.support.chat import quick_replies, say, tap, texts

USER = "U" + "4" * 32


def count_complaints(bot: Any) -> int:
    with bot.app.app_context():
        return int(get_session().scalar(select(func.count()).select_from(Complaint)) or 0)


def start(sim: Any, user_id: str = USER) -> Any:
    chat = sim.user(user_id, display_name="อับดุลเลาะ")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    return chat


def to_confirm(chat: Any) -> list[dict[str, Any]]:
    tap(chat, "ยินยอม")
    tap(chat, "ตัวฉันเอง")
    tap(chat, "ประกันสังคม")
    say(chat, "ยื่นเรื่องเงินทดแทนแล้วไม่ได้รับ")
    say(chat, "เสร็จ")
    tap(chat, "ยะลา")
    tap(chat, "ไม่ทราบอำเภอ")
    tap(chat, "ข้าม")
    return tap(chat, "ไม่ระบุ")


def test_declining_consent_stores_nothing_and_gives_the_hotlines(complaint_bot, sim) -> None:
    chat = start(sim)
    answer = texts(tap(chat, "ไม่ยินยอม"))
    assert "1676" in answer and "1546" in answer and "1506" in answer
    # The flow is over: a text now goes to the normal handlers, not the flow.
    assert "ข้อมูลส่วนบุคคล" not in texts(say(chat, "สวัสดี"))
    assert count_complaints(complaint_bot) == 0


def test_reporting_for_someone_who_has_not_agreed_stops_the_flow(complaint_bot, sim) -> None:
    chat = start(sim)
    tap(chat, "ยินยอม")
    assert "ยินยอมให้แจ้งเรื่อง" in texts(tap(chat, "คนที่ฉันช่วยแจ้ง"))
    assert "ถามความยินยอม" in texts(tap(chat, "ยังไม่ได้ถาม"))
    assert count_complaints(complaint_bot) == 0


def test_polite_typed_answers_are_understood_like_taps(complaint_bot, sim) -> None:
    chat = start(sim)

    # Typed with a polite ending: taken as the consent button, so the next question comes.
    assert "เรื่องนี้เกิดกับใครคะ" in texts(say(chat, "ยินยอมค่ะ"))
    assert "ยกเลิกการแจ้งเรื่องร้องเรียนแล้ว" in texts(say(chat, "ยกเลิกครับ!"))
    assert count_complaints(complaint_bot) == 0


@pytest.mark.parametrize("steps", [0, 1, 3, 5])
def test_cancel_ends_the_flow_from_any_step(complaint_bot, sim, steps: int) -> None:
    chat = start(sim)
    script = [
        lambda: tap(chat, "ยินยอม"),
        lambda: tap(chat, "เป็นกลุ่ม/หลายคน"),
        lambda: tap(chat, "ยินยอมแล้ว"),
        lambda: tap(chat, "หน่วยงานรัฐ/จนท.รัฐ"),
        lambda: say(chat, "เจ้าหน้าที่ไม่รับเรื่อง"),
        lambda: say(chat, "เสร็จ"),
    ]
    for step in script[:steps]:
        step()
    assert "ยกเลิกการแจ้งเรื่องร้องเรียนแล้ว" in texts(say(chat, "ยกเลิก"))
    assert count_complaints(complaint_bot) == 0


def test_typing_a_choice_works_like_tapping_it(complaint_bot, sim) -> None:
    chat = start(sim)
    assert "เกิดกับใคร" in texts(say(chat, "ยินยอม"))
    assert "ประเภท" in texts(say(chat, "ตัวเอง"))


def test_a_sticker_where_a_choice_is_asked_gets_a_clear_reprompt(complaint_bot, sim) -> None:
    chat = start(sim)
    tap(chat, "ยินยอม")
    chat.send_sticker("446", "1988")
    answer = chat.last_reply()
    assert "ใช้สติกเกอร์ตอบไม่ได้" in texts(answer) and "เกิดกับใคร" in texts(answer)
    assert "ตัวฉันเอง" in quick_replies(answer)


def test_every_step_rejects_input_that_does_not_fit(complaint_bot, sim) -> None:
    chat = start(sim)
    assert "ใช้ไม่ได้" in texts(say(chat, "อาจจะ"))  # consent
    tap(chat, "ยินยอม")
    assert "ใช้ไม่ได้" in texts(say(chat, "ไม่แน่ใจ"))  # who
    tap(chat, "ตัวฉันเอง")
    assert "ใช้ไม่ได้" in texts(say(chat, "เรื่องเงิน"))  # category
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    assert "ยังไม่มีรายละเอียด" in texts(say(chat, "เสร็จ"))  # details: nothing yet
    chat.send_sticker("446", "1988")
    assert "ใช้สติกเกอร์ตอบไม่ได้" in texts(chat.last_reply())
    say(chat, "ถูกเลิกจ้างโดยไม่ได้รับค่าชดเชย")
    assert "ที่ไหน" in texts(say(chat, "เสร็จ"))
    assert "ใช้ไม่ได้" in texts(say(chat, "ที่ทำงานเก่า"))  # place: not a place
    assert "หลายจังหวัด" in texts(say(chat, "เมือง"))
    assert "อำเภออะไร" in texts(say(chat, "นราธิวาส"))
    assert "ใช้ไม่ได้" in texts(say(chat, "หาดใหญ่"))  # district of another province
    assert "หลักฐาน" in texts(say(chat, "ตากใบ"))
    assert "ใช้ไม่ได้" in texts(say(chat, "รูปอยู่ในมือถือ"))  # evidence: text
    assert "เบอร์โทร" in texts(tap(chat, "ข้าม"))
    assert "ไม่ถูกต้อง" in texts(say(chat, "0123 45"))  # contact
    summary = texts(say(chat, "0812345678"))
    assert "อำเภอตากใบ จังหวัดนราธิวาส" in summary
    assert "ใช้ไม่ได้" in texts(say(chat, "โอเค"))  # confirm


def test_editing_one_answer_returns_to_the_summary(complaint_bot, sim) -> None:
    chat = start(sim)
    to_confirm(chat)
    assert "ส่วนไหน" in texts(tap(chat, "แก้ไข"))
    tap(chat, "ประเภทเรื่อง")
    summary = texts(tap(chat, "ไปทำงานต่างประเทศ"))
    assert "สรุปเรื่อง" in summary and "ไปทำงานต่างประเทศ" in summary
    assert "สำนักงานจัดหางานจังหวัดยะลา" in summary


def test_a_question_in_the_middle_is_answered_and_the_flow_resumes(complaint_bot, sim) -> None:
    chat = start(sim)
    tap(chat, "ยินยอม")
    answer = say(chat, "ติดตามเรื่องของฉัน")  # a question, not an answer to "who?"
    assert "ยังไม่มีเรื่องที่แจ้งไว้" in texts(answer)
    assert "กลับมาที่การแจ้งเรื่องร้องเรียน" in texts(answer)
    assert "ตัวฉันเอง" in quick_replies(answer)
    assert "ประเภท" in texts(tap(chat, "ตัวฉันเอง"))


def test_a_menu_tap_in_the_middle_is_answered_and_the_flow_resumes(complaint_bot, sim) -> None:
    chat = start(sim)
    tap(chat, "ยินยอม")
    chat.postback("action=intent&intent=help_menu")
    answer = chat.last_reply()
    assert "เกิดกับใคร" in texts(answer)
    assert "ประเภท" in texts(tap(chat, "ตัวฉันเอง"))


def test_starting_again_with_a_draft_open_asks_to_continue_or_restart(complaint_bot, sim) -> None:
    chat = start(sim)
    tap(chat, "ยินยอม")
    chat.postback("action=intent&intent=complaint_file")
    assert "ทำต่อหรือเริ่มใหม่" in texts(chat.last_reply())
    assert "เกิดกับใคร" in texts(tap(chat, "ทำต่อ"))
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    assert "ข้อมูลส่วนบุคคล" in texts(tap(chat, "เริ่มใหม่"))


def test_a_user_who_returns_later_is_asked_to_continue(complaint_bot, sim) -> None:
    chat = start(sim)
    tap(chat, "ยินยอม")
    app = complaint_bot.app
    with app.app_context():
        session, sealer = get_session(), get_services().sealer
        row = session.get(FlowDraft, f"flow:user:{chat.user_id}")
        assert row is not None
        draft = unseal_json(row.data, sealer)
        assert draft is not None
        draft["touched"] -= 2 * 60 * 60  # two hours away
        row.data = seal_json(draft, sealer)
        session.commit()

    assert "ทำต่อหรือเริ่มใหม่" in texts(say(chat, "สวัสดีค่ะ"))
    assert "เกิดกับใคร" in texts(tap(chat, "ทำต่อ"))


def test_a_button_from_an_old_draft_does_not_change_the_new_one(complaint_bot, sim) -> None:
    chat = start(sim)
    old_consent = quick_replies(chat.messages()[-1]["messages"])["ยินยอม"]["data"]
    say(chat, "ยกเลิก")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    tap(chat, "ยินยอม")
    chat.postback(old_consent)
    answer = texts(chat.last_reply())
    assert "หมดอายุ" in answer and "เกิดกับใคร" in answer


def test_a_double_tap_on_confirm_files_one_complaint(complaint_bot, sim) -> None:
    chat = start(sim)
    summary = to_confirm(chat)
    confirm = quick_replies(summary)["ยืนยันส่งเรื่อง"]["data"]
    chat.postback(confirm)
    first = texts(chat.last_reply())
    chat.postback(confirm)
    second = texts(chat.last_reply())

    reference = next(w for w in first.split() if w.startswith("AS-"))
    assert "ส่งแล้ว" in second and reference in second
    assert count_complaints(complaint_bot) == 1


def test_a_redelivered_confirm_after_the_state_store_forgot_it_files_one(
    complaint_bot, sim
) -> None:
    chat = start(sim)
    confirm = quick_replies(to_confirm(chat))["ยืนยันส่งเรื่อง"]["data"]
    chat.postback(confirm)
    reference = next(w for w in texts(chat.last_reply()).split() if w.startswith("AS-"))
    # The redelivery carries a new event id here, as if de-duplication keys were lost too.
    chat.postback(confirm)
    assert reference in texts(chat.last_reply())
    assert count_complaints(complaint_bot) == 1


def test_group_chats_are_pointed_to_the_private_chat(complaint_bot, sim) -> None:
    chat = sim.user(USER).in_group("C" + "5" * 32)
    chat.postback("action=intent&intent=complaint_file")
    assert "แชทส่วนตัว" in texts(chat.last_reply())
    assert complaint_bot.app.extensions["asabot.flows"].flows["complaint"].one_to_one_only


class TestWithRedis:
    @pytest.fixture
    def bot_config(self, bot_config, redis_url):  # type: ignore[no-untyped-def]
        return {**bot_config, "REDIS_URL": redis_url}

    def test_losing_redis_mid_flow_loses_nothing(self, complaint_bot, sim, redis_url):  # type: ignore[no-untyped-def]
        import redis

        chat = start(sim)
        tap(chat, "ยินยอม")
        redis.Redis.from_url(redis_url).flushdb()  # Redis restarted without persistence

        # The draft is in the database: the next tap goes on where the person was.
        assert "ประเภท" in texts(tap(chat, "ตัวฉันเอง"))
        assert count_complaints(complaint_bot) == 0
