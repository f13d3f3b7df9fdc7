"""Interviews through the LINE emulator: going back, skip logic following the change, repeats,
pausing and resuming after a restart with Redis emptied, consent refused, many respondents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
from sqlalchemy import update

from bot.core.db import get_session
from bot.surveys.models import ResponseStatus, SurveyResponse
from bot.volunteers.models import Role
from tests.conftest import BotWithEmulator
from tests.support.chat import quick_replies, say, texts
from tests.surveys.conftest import load_shipped, responses, restart, survey_config, tap, volunteer
from tests.surveys.forms import KITCHEN, write_form

SOMCHAI = "U" + "c" * 32
NISA = "U" + "d" * 32


@pytest.fixture
def kitchen_bot(db_url: str, tmp_path: Path) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **survey_config(tmp_path))
    write_form(tmp_path / "forms", "kitchen", KITCHEN)
    load_shipped(running.app, tmp_path / "forms")
    yield running
    running.stop()


def test_going_back_changes_an_answer_and_the_skip_logic_follows_the_change(
    kitchen_bot: BotWithEmulator,
) -> None:
    chat = volunteer(kitchen_bot, SOMCHAI)
    say(chat, "ทำแบบสำรวจ")
    tap(chat, "ยินยอม")
    for answer in ("สมชาย ใจดี", "40", "3", "1/2/2567"):
        say(chat, answer)
    tap(chat, "ถัดไป ▶")
    tap(chat, "ประเทศอื่น")
    assert "ข้อ 7. ปัญหาที่พบ" in texts(say(chat, "ลาว"))

    again = texts(tap(chat, "ย้อนกลับ"))
    assert "ข้อ 6. ประเทศอะไร" in again and "คำตอบเดิม: ลาว" in again
    again = texts(tap(chat, "ย้อนกลับ"))
    assert "ข้อ 5. ประเทศ" in again and "คำตอบเดิม: ประเทศอื่น" in again
    # Malaysia makes "which country?" irrelevant: the next open question is the problems.
    assert "ข้อ 6. ปัญหาที่พบ" in texts(tap(chat, "มาเลเซีย"))
    say(chat, "4")
    # A repeat: one member, close it, go back into it and add a second.
    tap(chat, "เพิ่ม")
    say(chat, "ยะห์ยา")
    say(chat, "30")
    tap(chat, "ไม่มีแล้ว")
    assert "ส่งตำแหน่ง" in quick_replies(chat.last_reply())
    assert "ตอนนี้มี 1" in texts(tap(chat, "ย้อนกลับ"))
    assert "【สมาชิกที่ไปทำงาน รายการที่ 2】" in texts(tap(chat, "เพิ่ม"))
    say(chat, "ซัลมา")
    assert "อายุไม่ถูกต้อง" in texts(say(chat, "130"))  # the repeat question's constraint
    say(chat, "25")
    tap(chat, "ไม่มีแล้ว")
    tap(chat, "ข้าม")  # place
    summary = texts(tap(chat, "ข้าม"))  # photo
    assert "ประเทศอะไร" not in summary and "• ชื่อสมาชิก (2): ซัลมา" in summary
    tap(chat, "ส่งแบบสำรวจ")

    (stored,) = responses(kitchen_bot)
    assert stored.answers["country"] == "malaysia"
    assert "country_other" not in stored.answers  # the answer of an irrelevant question is dropped
    assert stored.answers["member"] == [
        {"member_name": "ยะห์ยา", "member_age": 30},
        {"member_name": "ซัลมา", "member_age": 25},
    ]
    assert stored.answers["place"] is None and stored.answers["photo"] is None


def test_a_paused_interview_resumes_after_a_restart_with_redis_emptied(
    db_url: str, redis_url: str, tmp_path: Path
) -> None:
    config = {**survey_config(tmp_path), "REDIS_URL": redis_url}
    bot = BotWithEmulator(db_url, **config)
    try:
        write_form(tmp_path / "forms", "kitchen", KITCHEN)
        load_shipped(bot.app, tmp_path / "forms")
        chat = volunteer(bot, NISA, name="นิสา")
        say(chat, "ทำแบบสำรวจ")
        tap(chat, "ยินยอม")
        say(chat, "นิสา สาและ")
        say(chat, "28")
        assert "พักแบบสำรวจไว้แล้วค่ะ" in texts(tap(chat, "พักไว้ก่อน"))
        # Paused: what is typed now is a question for the bot, not an answer.
        assert "ข้อ" not in texts(say(chat, "ค่าแรงขั้นต่ำเท่าไหร่"))

        restart(bot, db_url, **config)
        redis.Redis.from_url(redis_url).flushdb()  # every Redis key gone

        resume = texts(say(chat, "ทำแบบสำรวจ"))
        assert "มีแบบสำรวจ «ทดสอบทุกแบบ» ที่ทำค้างไว้ (ตอบแล้ว 2 ข้อ)" in resume
        assert "ข้อ 3. ทำงานกี่ปี" in texts(tap(chat, "ทำต่อ"))
        tap(chat, "ย้อนกลับ")
        assert "คำตอบเดิม: 28" in texts(chat.last_reply())
    finally:
        bot.stop()
    (draft,) = responses(bot)
    assert draft.status is ResponseStatus.ACTIVE
    assert draft.answers == {"name": "นิสา สาและ", "age": 28}


def test_an_interview_left_for_an_hour_asks_before_taking_a_text_as_an_answer(
    kitchen_bot: BotWithEmulator,
) -> None:
    chat = volunteer(kitchen_bot, SOMCHAI)
    say(chat, "ทำแบบสำรวจ")
    tap(chat, "ยินยอม")
    with kitchen_bot.app.app_context():
        session = get_session()
        session.execute(
            update(SurveyResponse).values(updated_at=datetime.now(UTC) - timedelta(hours=1))
        )
        session.commit()

    asked = texts(say(chat, "สวัสดีค่ะ"))
    assert "ที่ทำค้างไว้" in asked and list(quick_replies(chat.last_reply())) == ["ทำต่อ", "เริ่มชุดใหม่"]
    assert responses(kitchen_bot)[0].answers == {}  # the greeting was not taken as the name
    assert "ข้อ 1. ชื่อผู้ให้ข้อมูล" in texts(tap(chat, "ทำต่อ"))


def test_a_respondent_who_refuses_consent_leaves_nothing_but_the_refusal(
    survey_bot: BotWithEmulator,
) -> None:
    chat = volunteer(survey_bot, SOMCHAI)
    say(chat, "ทำแบบสำรวจ")
    assert "ขอความยินยอม" in texts(tap(chat, "3. แรงงานที่กลับจาก…"))
    refused = tap(chat, "ไม่ยินยอม")
    assert "ไม่บันทึกข้อมูลของผู้ให้ข้อมูลท่านนี้ค่ะ" in texts(refused)
    (declined,) = responses(survey_bot)
    assert (declined.status, declined.answers, declined.consent_at) == (
        ResponseStatus.DECLINED,
        {},
        None,
    )
    assert "ขอความยินยอม" in texts(tap(chat, "ทำอีกชุด"))  # the next respondent


def test_one_volunteer_submits_many_interviews_each_a_new_respondent(
    survey_bot: BotWithEmulator,
) -> None:
    chat = volunteer(survey_bot, SOMCHAI)
    chat.postback("action=survey")  # the rich menu's tile
    assert "เลือกแบบสำรวจที่จะทำค่ะ" in texts(chat.last_reply())
    for count, helped in ((1, "12"), (2, "0")):
        if count == 1:
            assert "รายงานถึงวันที่" in texts(tap(chat, "2. รายงานกิจกรรมอาส…"))
        else:
            assert "รายงานถึงวันที่" in texts(tap(chat, "ทำอีกชุด"))  # no consent: not personal
        say(chat, "31/5/2568")
        say(chat, helped)
        if helped != "0":
            say(chat, "5")
            say(chat, "1 2")
        say(chat, "2")
        say(chat, "1 3")
        say(chat, "1")
        say(chat, "1 2")
        tap(chat, "ข้าม")
        tap(chat, "ข้าม")
        tap(chat, "ข้าม")
        done = texts(tap(chat, "ส่งแบบสำรวจ"))
        assert f"ชุดนี้เป็นชุดที่ {count} ที่คุณส่งค่ะ" in done
    first, second = responses(survey_bot)
    assert first.uuid != second.uuid
    assert first.answers["women_share"] == round(5 / 12, 6)
    assert "women_helped" not in second.answers and second.answers["women_share"] == 0


def test_discarding_asks_first_and_then_deletes_the_interview(
    kitchen_bot: BotWithEmulator,
) -> None:
    chat = volunteer(kitchen_bot, SOMCHAI)
    say(chat, "ทำแบบสำรวจ")
    tap(chat, "ยินยอม")
    say(chat, "สมชาย")
    assert "คำตอบทั้งหมดของชุดนี้จะถูกลบค่ะ" in texts(say(chat, "ยกเลิก"))
    assert "ข้อ 2. อายุ" in texts(tap(chat, "ทำต่อ"))  # not yet
    say(chat, "ยกเลิก")
    assert "ยกเลิกแบบสำรวจชุดนี้แล้วค่ะ" in texts(tap(chat, "ยืนยันยกเลิก"))
    assert responses(kitchen_bot) == []


def test_only_registered_volunteers_and_graduates_take_surveys(
    survey_bot: BotWithEmulator,
) -> None:
    stranger = survey_bot.sim.user("U" + "e" * 32, display_name="ใครก็ได้")
    stranger.follow()
    refused = say(stranger, "ทำแบบสำรวจ")
    assert "สำหรับอาสาสมัครแรงงานและบัณฑิตแรงงานที่ลงทะเบียนแล้ว" in texts(refused)
    register = quick_replies(refused)["ลงทะเบียนอาสาสมัคร"]
    assert register["data"] == "action=intent&intent=volunteer_register"
    public = volunteer(survey_bot, "U" + "f" * 32, role=Role.PUBLIC)
    assert "ที่ลงทะเบียนแล้ว" in texts(say(public, "แบบสำรวจ"))
    graduate = volunteer(survey_bot, "U" + "9" * 32, role=Role.GRADUATE)
    assert "เลือกแบบสำรวจ" in texts(say(graduate, "ทำแบบสำรวจค่ะ"))
    group = graduate.in_group("C" + "1" * 32)
    group.say("ทำแบบสำรวจ", mention=True)
    assert "ทำแบบสำรวจได้ในแชทส่วนตัว" in group.last_text()


def test_a_menu_tap_pauses_the_interview_and_old_buttons_cannot_answer_a_new_one(
    kitchen_bot: BotWithEmulator,
) -> None:
    chat = volunteer(kitchen_bot, SOMCHAI)
    say(chat, "ทำแบบสำรวจ")
    consent_button = quick_replies(chat.last_reply())["ยินยอม"]["data"]
    tap(chat, "ยินยอม")
    chat.postback("action=my_announcements")  # a rich-menu button
    assert "ประกาศ" in texts(chat.last_reply())
    assert responses(kitchen_bot)[0].status is ResponseStatus.PAUSED
    tap_resume = texts(say(chat, "ทำแบบสำรวจ"))
    assert "ที่ทำค้างไว้" in tap_resume
    restart_button = quick_replies(chat.last_reply())["เริ่มชุดใหม่"]["data"]
    tap(chat, "เริ่มชุดใหม่")  # the paused one is dropped, a new one starts
    chat.postback(restart_button)  # tapped again: it cannot drop the new interview
    assert "ปุ่มนี้เป็นของแบบสำรวจชุดก่อนค่ะ" in texts(chat.last_reply())
    chat.postback(consent_button)  # the first interview's button
    stale = texts(chat.last_reply())
    assert "ปุ่มนี้เป็นของแบบสำรวจชุดก่อนค่ะ" in stale and "ขอความยินยอม" in stale
    (only,) = responses(kitchen_bot)
    assert only.consent_at is None
