"""Every question type answered through the LINE emulator as a volunteer would: taps, typing,
a date picker, a place, a photo; and each kind of wrong answer told in the person's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.db import get_session
from bot.surveys.models import ResponseStatus, SurveyMedia
from tests.conftest import BotWithEmulator
from tests.support.chat import quick_replies, say, texts, wait_for
from tests.surveys.conftest import load_shipped, responses, survey_config, tap, volunteer
from tests.surveys.forms import KITCHEN, write_form

SOMCHAI = "U" + "a" * 32
AMINAH = "U" + "b" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"photo" * 50


@pytest.fixture
def kitchen_bot(db_url: str, tmp_path: Path) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **survey_config(tmp_path))
    write_form(tmp_path / "forms", "kitchen", KITCHEN)
    load_shipped(running.app, tmp_path / "forms")
    yield running
    running.stop()


def to_age(chat: Any) -> None:
    """Start the kitchen form and pass the consent and the name."""
    started = texts(say(chat, "ทำแบบสำรวจ"))
    assert "เริ่มแบบสำรวจ «ทดสอบทุกแบบ»" in started and "สวัสดีค่ะ" in started
    assert "ขอความยินยอมจากผู้ให้ข้อมูล" in started
    assert "ข้อ 1. ชื่อผู้ให้ข้อมูล" in texts(tap(chat, "ยินยอม"))
    assert "ชื่อสั้นเกินไป" in texts(say(chat, "ก"))  # the form's constraint message
    assert "ข้อ 2. อายุ" in texts(say(chat, "อามีนะห์ ดือราแม"))


def test_every_question_type_is_answered_and_stored_as_its_kind(
    kitchen_bot: BotWithEmulator,
) -> None:
    chat = volunteer(kitchen_bot, SOMCHAI)
    to_age(chat)
    assert "เป็นปี" in texts(chat.last_reply())  # the hint
    assert "ตอบเป็นจำนวนเต็มตัวเดียวค่ะ" in texts(say(chat, "ประมาณสามสิบ"))
    assert "อายุต้องอยู่ระหว่าง 15-90" in texts(say(chat, "12"))
    decimal = texts(say(chat, "๓๔ ปีค่ะ"))  # Thai digits and a unit
    assert "ข้อ 3. ทำงานกี่ปี (ข้ามได้)" in decimal
    assert "ข้าม" in quick_replies(chat.last_reply())
    assert "ข้อ 4. วันที่กลับ" in texts(say(chat, "2.5"))
    assert "อ่านวันที่ไม่ได้ค่ะ" in texts(say(chat, "เมื่อวาน"))
    assert "ต้องไม่เกินวันนี้" in texts(tap(chat, "เลือกวันที่", {"date": "2999-01-01"}))
    country = texts(say(chat, "15/3/2567"))  # Buddhist era, as typed in Thailand
    assert "ข้อ 5. ประเทศ" in country and "14. ประเทศอื่น" in country

    # Fourteen countries do not fit LINE's 13 quick replies: a page, then the next.
    first_page = list(quick_replies(chat.last_reply()))
    assert first_page[:3] == ["มาเลเซีย", "สิงคโปร์", "บรูไน"] and "ประเทศอื่น" not in first_page
    assert first_page[-3:] == ["ถัดไป ▶", "ย้อนกลับ", "พักไว้ก่อน"] and len(first_page) <= 13
    tap(chat, "ถัดไป ▶")
    assert "◀ ก่อนหน้า" in quick_replies(chat.last_reply())
    assert "ข้อ 6. ประเทศอะไร" in texts(tap(chat, "ประเทศอื่น"))  # skip logic: now relevant
    problems = texts(say(chat, "ลาว"))
    assert "ข้อ 7. ปัญหาที่พบ" in problems

    # Ticking choices, one tap each, then done.
    tap(chat, "ค้างค่าจ้าง")
    ticked = chat.last_reply()
    assert "✓ ค้างค่าจ้าง" in quick_replies(ticked) and "เลือกแล้ว: ค้างค่าจ้าง" in texts(ticked)
    tap(chat, "ไม่มีปัญหา")
    assert "เลือกไม่มีปัญหาคู่กับข้ออื่นไม่ได้" in texts(tap(chat, "เสร็จแล้ว"))
    tap(chat, "✓ ไม่มีปัญหา")  # un-ticks it
    tap(chat, "หนี้")
    counted = texts(tap(chat, "เสร็จแล้ว"))
    assert "พบ 2 ปัญหา" in counted  # a note reading a calculation, shown because relevant
    assert "มี «สมาชิกที่ไปทำงาน» ไหมคะ" in counted

    tap(chat, "เพิ่ม")
    assert "【สมาชิกที่ไปทำงาน รายการที่ 1】" in texts(chat.last_reply())
    say(chat, "ยะห์ยา")
    tap(chat, "ข้าม")  # member_age is optional
    assert "มี «สมาชิกที่ไปทำงาน» เพิ่มอีกไหมคะ (ตอนนี้มี 1)" in texts(chat.last_reply())
    place = texts(tap(chat, "ไม่มีแล้ว"))
    assert (
        "ส่งตำแหน่ง" in place and quick_replies(chat.last_reply())["ส่งตำแหน่ง"]["type"] == "location"
    )
    assert "ข้อนี้ต้องส่งตำแหน่งค่ะ" in texts(say(chat, "บ้านฉันเอง"))
    chat.send_location(6.5411, 101.2804, "บ้าน", "ยะลา")
    photo = chat.last_reply()
    assert {quick_replies(photo)[k]["type"] for k in ("ถ่ายรูป", "เลือกรูป")} == {
        "camera",
        "cameraRoll",
    }
    chat.send_image(JPEG)
    summary = texts(chat.last_reply())
    assert "สรุปคำตอบ «ทดสอบทุกแบบ»" in summary
    for line in (
        "• อายุ: 34",
        "• ทำงานกี่ปี: 2.5",
        "• วันที่กลับ: 15 มี.ค. 2567",
        "• ประเทศ: ประเทศอื่น",
        "• ปัญหาที่พบ: ค้างค่าจ้าง, หนี้",
        "• ชื่อสมาชิก (1): ยะห์ยา",
        "• อายุสมาชิก (1): (ข้าม)",
        "• ตำแหน่ง: ตำแหน่ง 6.54110, 101.28040",
        "• รูปถ่าย: รูปภาพ 1 รูป",
    ):
        assert line in summary, line
    done = texts(tap(chat, "ส่งแบบสำรวจ"))
    assert "บันทึกแบบสำรวจเรียบร้อยแล้วค่ะ «ทดสอบทุกแบบ» ชุดนี้เป็นชุดที่ 1 ที่คุณส่งค่ะ" in done

    (stored,) = responses(kitchen_bot)
    assert stored.status is ResponseStatus.SUBMITTED and stored.consent_at is not None
    answers = stored.answers
    assert {k: answers[k] for k in ("name", "age", "years", "returned", "country")} == {
        "name": "อามีนะห์ ดือราแม",
        "age": 34,
        "years": 2.5,
        "returned": "2024-03-15",
        "country": "other",
    }
    assert answers["country_other"] == "ลาว" and answers["problems"] == ["unpaid", "debt"]
    assert answers["problem_count"] == 2  # the calculation, kept with the answers
    assert answers["member"] == [{"member_name": "ยะห์ยา", "member_age": None}]
    assert answers["place"] == {"lat": 6.5411, "lon": 101.2804}
    assert answers["photo"]["message_id"] and answers["started"]
    assert (stored.province_code, stored.district_code) == ("95", "9501")

    def photo_stored() -> bool:
        with kitchen_bot.app.app_context():
            media = get_session().scalars(select(SurveyMedia)).one()
            return media.stored_path is not None and media.size == len(JPEG)

    wait_for(photo_stored)
    stored_file = Path(kitchen_bot.app.config["MEDIA_DIR"]).rglob("*.jpg")
    assert [p.read_bytes() for p in stored_file] == [JPEG]


def test_a_malay_speaker_gets_the_malay_labels_buttons_and_messages(
    kitchen_bot: BotWithEmulator,
) -> None:
    chat = volunteer(kitchen_bot, AMINAH, name="Aminah", language="ms")
    started = texts(say(chat, "tinjauan"))
    assert "Mula tinjauan «Ujian semua»" in started and "Selamat datang" in started
    assert "Adakah responden setuju?" in started
    assert list(quick_replies(chat.last_reply())) == ["Setuju", "Tidak setuju", "Tangguh dulu"]
    assert "Soalan 1. Nama responden" in texts(tap(chat, "Setuju"))
    assert "Nama terlalu pendek" in texts(say(chat, "A"))
    say(chat, "Aminah binti Daud")
    assert "Jawab dengan satu nombor bulat" in texts(say(chat, "tiga puluh"))
    assert "Umur mesti 15-90" in texts(say(chat, "99"))
    assert "Soalan 3. Berapa tahun (boleh langkau)" in texts(say(chat, "30"))
    assert list(quick_replies(chat.last_reply())) == ["Langkau", "Kembali", "Tangguh dulu"]


def test_a_required_question_cannot_be_skipped_and_typed_choices_are_read(
    kitchen_bot: BotWithEmulator,
) -> None:
    chat = volunteer(kitchen_bot, SOMCHAI)
    to_age(chat)
    assert "ข้าม" not in quick_replies(chat.last_reply())
    assert "ข้อนี้ต้องตอบค่ะ" in texts(say(chat, "ข้าม"))
    say(chat, "40")
    tap(chat, "ข้าม")
    say(chat, "1/1/2024")
    assert "ไม่พบตัวเลือกนี้ค่ะ" in texts(say(chat, "15"))
    assert "ข้อ 6. ปัญหาที่พบ" in texts(say(chat, "ซาอุดีอาระเบียค่ะ"))  # a label, typed
    assert "ข้อ 7." not in texts(say(chat, "1 5"))  # no fifth choice
    assert "มี «สมาชิกที่ไปทำงาน» ไหมคะ" in texts(say(chat, "1, 3"))
    (draft,) = responses(kitchen_bot)
    assert draft.answers["country"] == "saudi" and "country_other" not in draft.answers
    assert draft.answers["problems"] == ["unpaid", "passport"]
