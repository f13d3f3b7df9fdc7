"""The problem typed at "what kind?" instead of a tap: its topic is the kind, the text the story.

These run the real classifier: "clearly about a topic" is what it is confident about.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.complaints.flow_states import CATEGORY_BY_INTENT
from bot.complaints.models import Complaint
from bot.complaints.routing import CATEGORY_BY_CODE
from bot.core.db import get_session
from intents import load_taxonomy
from tests.support.chat import quick_replies, say, tap, texts

USER = "U" + "4" * 32
BACK = "กลับมาที่การแจ้งเรื่องร้องเรียน"


@pytest.fixture
def bot_config(bot_config: dict[str, Any], trained_nlu: Any) -> dict[str, Any]:
    return {**bot_config, "NLU": trained_nlu}


def to_category(sim: Any) -> Any:
    chat = sim.user(USER, display_name="นูรีซัน")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    tap(chat, "ยินยอม")
    assert "ประเภท" in texts(tap(chat, "ตัวฉันเอง"))
    return chat


def file_from_details(chat: Any) -> str:
    """From the details question to the reference; returns the summary shown on the way."""
    assert "ที่ไหน" in texts(say(chat, "เสร็จ"))
    tap(chat, "ยะลา")
    tap(chat, "ไม่ทราบอำเภอ")
    tap(chat, "ข้าม")
    summary = texts(tap(chat, "ไม่ระบุ"))
    tap(chat, "ยืนยันส่งเรื่อง")
    return summary


def stored(bot: Any) -> Complaint:
    with bot.app.app_context():
        return get_session().scalars(select(Complaint)).one()


def test_a_problem_typed_at_the_category_is_its_kind_and_the_start_of_the_story(
    complaint_bot, sim
) -> None:
    chat = to_category(sim)
    problem = "นายจ้างไม่ส่งเงินประกันสังคมให้ค่ะ"

    answer = say(chat, problem)

    assert BACK not in texts(answer)
    assert "เลือกประเภท «ประกันสังคม»" in texts(answer) and "แก้ได้" in texts(answer)
    assert f"รายละเอียดที่ได้แล้ว: «{problem}»" in texts(answer)
    assert "เสร็จ" in quick_replies(answer)
    assert "รับทราบ" in texts(say(chat, "สามเดือนแล้วค่ะ"))
    summary = file_from_details(chat)

    assert "ประเภท: ประกันสังคม" in summary
    complaint = stored(complaint_bot)
    assert complaint.category == "social_security"
    assert complaint.details == f"{problem}\nสามเดือนแล้วค่ะ"


def test_done_right_after_a_typed_problem_files_it_as_the_whole_story(complaint_bot, sim) -> None:
    chat = to_category(sim)
    say(chat, "นายจ้างไม่ส่งเงินประกันสังคมให้ค่ะ")

    file_from_details(chat)

    assert stored(complaint_bot).details == "นายจ้างไม่ส่งเงินประกันสังคมให้ค่ะ"


@pytest.mark.parametrize(
    ("problem", "category"),
    [
        ("โดนเลิกจ้างไม่ได้ค่าชดเชยค่ะ", "wages_dismissal"),
        ("ได้ค่าแรงวันละ 250 บาท ต่ำกว่าขั้นต่ำ", "wages_dismissal"),
        ("บาดเจ็บจากการทำงานแต่นายจ้างไม่พาไปหาหมอ", "safety_injury"),
        ("นายหน้าเก็บเงินแล้วไม่ได้ไปทำงานมาเลเซีย", "work_abroad"),
    ],
    ids=["dismissal", "minimum-wage", "injury", "broker"],
)
def test_each_labour_topic_gives_its_complaint_kind(
    complaint_bot, sim, problem: str, category: str
) -> None:
    chat = to_category(sim)

    answer = say(chat, problem)

    assert f"«{CATEGORY_BY_CODE[category].label}»" in texts(answer)
    file_from_details(chat)
    assert stored(complaint_bot).category == category


def test_a_plain_question_at_the_category_is_still_answered_then_asked_again(
    complaint_bot, sim
) -> None:
    chat = to_category(sim)

    answer = say(chat, "ประกันสังคมคืออะไร")

    assert BACK in texts(answer) and "เลือกประเภท" not in texts(answer)
    assert "ประเภท" in texts(answer) and "ประกันสังคม" in quick_replies(answer)


def test_a_topic_that_is_no_kind_of_complaint_is_answered_as_before(complaint_bot, sim) -> None:
    chat = to_category(sim)

    answer = say(chat, "อยากหางานทำใกล้บ้าน")  # job search: nothing to complain about

    assert BACK in texts(answer) and "เลือกประเภท" not in texts(answer)


def test_a_problem_typed_when_editing_the_category_changes_only_the_kind(
    complaint_bot, sim
) -> None:
    chat = to_category(sim)
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    say(chat, "นายจ้างหักเงินทุกเดือน")
    say(chat, "เสร็จ")
    tap(chat, "ยะลา")
    tap(chat, "ไม่ทราบอำเภอ")
    tap(chat, "ข้าม")
    tap(chat, "ไม่ระบุ")
    tap(chat, "แก้ไข")
    tap(chat, "ประเภทเรื่อง")

    summary = texts(say(chat, "นายจ้างไม่ส่งเงินประกันสังคมให้ค่ะ"))

    assert "เลือกประเภท «ประกันสังคม»" in summary and "ส่งเรื่องเลยไหม" in summary
    assert "ประเภท: ประกันสังคม" in summary
    assert "รายละเอียด: นายจ้างหักเงินทุกเดือน\n" in summary
    tap(chat, "ยืนยันส่งเรื่อง")
    assert stored(complaint_bot).details == "นายจ้างหักเงินทุกเดือน"


def test_every_topic_taken_as_a_kind_is_an_intent_and_every_kind_a_category() -> None:
    assert set(CATEGORY_BY_INTENT) <= set(load_taxonomy().ids)
    assert set(CATEGORY_BY_INTENT.values()) <= set(CATEGORY_BY_CODE)
