"""What the complaint flow says in the small moments: files received, a sticker, no cases yet."""

from __future__ import annotations

from typing import Any

from tests.support.chat import quick_replies, say, tap, texts

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
USER = "U" + "9" * 32


def to_evidence(sim: Any) -> Any:
    chat = sim.user(USER, display_name="ยูโซ๊ะ")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    tap(chat, "ยินยอม")
    tap(chat, "ตัวฉันเอง")
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    say(chat, "นายจ้างหักค่าจ้างโดยไม่บอก")
    say(chat, "เสร็จ")
    assert "หลักฐาน" in texts(tap(chat, "จะนะ (สงขลา)"))
    return chat


def test_each_file_received_is_acknowledged_politely(complaint_bot, sim) -> None:
    chat = to_evidence(sim)

    chat.send_image(PNG, content_type="image/png")

    assert texts(chat.last_reply()) == "ได้รับแล้ว 1 ไฟล์ค่ะ ส่งเพิ่มได้อีก 4 ไฟล์ หรือกด «เสร็จ» ค่ะ"


def test_a_sticker_is_told_apart_from_an_answer_and_the_question_is_asked_again(
    complaint_bot, sim
) -> None:
    chat = to_evidence(sim)

    chat.send_sticker("446", "1988")
    answer = chat.last_reply()

    assert answer[0]["text"] == "ขออภัยค่ะ ใช้สติกเกอร์ตอบไม่ได้ค่ะ ขอถามอีกครั้งนะคะ"
    assert "มีรูปหรือไฟล์หลักฐานไหมคะ" in answer[-1]["text"]
    assert "ข้าม" in quick_replies(answer)


def test_my_cases_with_none_yet_offers_the_button_to_file_one(complaint_bot, sim) -> None:
    chat = sim.user(USER)
    chat.postback("action=intent&intent=complaint_status")  # the rich menu's «เรื่องของฉัน»
    answer = chat.last_reply()

    assert "ยังไม่มีเรื่องที่แจ้งไว้ค่ะ" in texts(answer)
    button = quick_replies(answer)["แจ้งเรื่องร้องเรียน"]
    assert button["data"] == "action=intent&intent=complaint_file"

    chat.postback(button["data"])
    assert "ข้อมูลส่วนบุคคล" in texts(chat.last_reply())
