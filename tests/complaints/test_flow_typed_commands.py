"""Consent is explicit, and a typed button or menu label is a command, never data (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.chat import quick_replies, say, tap, texts

from .conftest import stored

USER = "U" + "c" * 32
CONSENT_ASKED = "ยินยอมให้เก็บข้อมูลเพื่อแจ้งเรื่องไหม"


def start(sim: Any) -> Any:
    chat = sim.user(USER, display_name="ซารีฟะห์")
    chat.postback("action=intent&intent=complaint_file")
    assert CONSENT_ASKED in texts(chat.last_reply())
    return chat


def to_details(sim: Any) -> Any:
    chat = start(sim)
    tap(chat, "ยินยอม")
    tap(chat, "ตัวฉันเอง")
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    say(chat, "นายจ้างไม่จ่ายค่าจ้างเดือนที่แล้ว")
    return chat


@pytest.mark.parametrize("vague", ["ok", "โอเค", "ได้", "ครับ", "ตกลงค่ะ"])
def test_a_vague_yes_is_not_taken_as_consent(complaint_bot, sim, vague: str) -> None:
    chat = start(sim)

    answer = texts(say(chat, vague))

    assert "ยินยอม" in answer and CONSENT_ASKED in answer  # asked again, with a reminder
    assert "เกิดกับใคร" not in answer


@pytest.mark.parametrize(
    ("explicit", "next_question"),
    [
        ("ยินยอม", "เกิดกับใคร"),
        ("ตกลงยินยอมค่ะ", "เกิดกับใคร"),
        ("ยอมรับครับ", "เกิดกับใคร"),
        # Typed in Malay: taken, and the person is answered in Malay from then on.
        ("setuju", "berlaku kepada siapa"),
        ("saya setuju", "berlaku kepada siapa"),
    ],
)
def test_an_explicit_typed_consent_is_taken(
    complaint_bot, sim, explicit: str, next_question: str
) -> None:
    chat = start(sim)

    assert next_question in texts(say(chat, explicit))


def test_restart_typed_at_continue_or_restart_restarts_and_is_not_kept(complaint_bot, sim) -> None:
    chat = to_details(sim)
    chat.postback("action=intent&intent=complaint_file")  # the menu, mid-story
    assert {"ทำต่อ", "เริ่มใหม่"} <= set(quick_replies(chat.last_reply()))

    assert CONSENT_ASKED in texts(say(chat, "เริ่มใหม่"))  # started afresh
    tap(chat, "ยินยอม")
    tap(chat, "ตัวฉันเอง")
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    say(chat, "ถูกเลิกจ้าง")
    say(chat, "เสร็จ")
    tap(chat, "ปัตตานี")
    tap(chat, "ไม่ทราบอำเภอ")
    tap(chat, "ข้าม")
    tap(chat, "ไม่ระบุ")
    tap(chat, "ยืนยันส่งเรื่อง")

    assert stored(complaint_bot).details == "ถูกเลิกจ้าง"


def test_continue_typed_at_continue_or_restart_continues(complaint_bot, sim) -> None:
    chat = to_details(sim)
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()

    answer = texts(say(chat, "ทำต่อ"))

    assert "«นายจ้างไม่จ่ายค่าจ้างเดือนที่แล้ว»" in answer  # the story so far, «ทำต่อ» not added


def test_the_menu_label_typed_in_the_details_is_not_kept_as_details(complaint_bot, sim) -> None:
    chat = to_details(sim)

    answer = say(chat, "แจ้งเรื่องร้องเรียน")

    assert "ยังทำไม่เสร็จ" in texts(answer)  # continue or start again?
    assert {"ทำต่อ", "เริ่มใหม่"} <= set(quick_replies(answer))
    details = texts(tap(chat, "ทำต่อ"))
    assert "«นายจ้างไม่จ่ายค่าจ้างเดือนที่แล้ว»" in details


@pytest.mark.parametrize(
    ("who", "says_whose"), [("คนที่ฉันช่วยแจ้ง", True), ("เป็นกลุ่ม/หลายคน", True), ("ตัวฉันเอง", False)]
)
def test_the_phone_question_says_whose_phone_when_filing_for_others(
    complaint_bot, sim, who: str, says_whose: bool
) -> None:
    chat = start(sim)
    tap(chat, "ยินยอม")
    tap(chat, who)
    if who != "ตัวฉันเอง":
        tap(chat, "ยินยอมแล้ว")
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    say(chat, "นายจ้างไม่จ่ายค่าจ้าง")
    say(chat, "เสร็จ")
    tap(chat, "ปัตตานี")
    tap(chat, "ไม่ทราบอำเภอ")

    asked = texts(tap(chat, "ข้าม"))

    assert "เบอร์โทร" in asked
    assert ("ผู้แจ้ง" in asked and "ไม่ใช่เบอร์ของผู้ได้รับผลกระทบ" in asked) is says_whose
