"""Place names are read whole, the longest first and the service area preferred (issue 13)."""

from __future__ import annotations

import pytest

from bot.core.places import Place, parse_place, place_in_address
from tests.support.chat import say, tap, texts

from .conftest import file_it, stored, to_place_question

USER = "U" + "b" * 32
TAK_BAI = Place("96", "9602")
TAK_BAI_PIER = (6.2565, 102.0586)  # near the town of Tak Bai (6.25917 N, 102.05306 E, Wikipedia)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ท่าเรือตากใบ", TAK_BAI),  # "ตาก" is inside "ตากใบ": the longer name wins
        ("Tak Bai", TAK_BAI),
        ("ไม่ใช่ตาก อยู่ตากใบ นราธิวาส", TAK_BAI),
        ("โกลก", Place("96", "9610")),  # สุไหงโก-ลก by its short name
        ("อยู่โกลกค่ะ", Place("96", "9610")),
        ("Sungai Golok", Place("96", "9610")),
        ("บันนังสะตา", Place("95", "9503")),  # บันนังสตา as it is read aloud
        ("Bannang Sata", Place("95", "9503")),
        # Elsewhere in Thailand the names still read, as words of their own.
        ("ตาก", Place("63")),
        ("แม่สอด ตาก", Place("63", "6306")),
        ("ทุ่งสง นครศรีธรรมราช", Place("80", "8009")),
    ],
)
def test_a_place_name_is_read_whole(text: str, expected: Place) -> None:
    assert parse_place(text).place == expected


def test_a_pins_title_is_not_read_as_the_province_inside_it() -> None:
    assert place_in_address("ท่าเรือตากใบ") == TAK_BAI
    assert place_in_address("ตลาดตากใบ 96110") == TAK_BAI


def test_a_pin_titled_tak_bai_pier_without_an_address_goes_to_narathiwat(
    complaint_bot, sim
) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(*TAK_BAI_PIER, title="ท่าเรือตากใบ")

    asked = texts(chat.last_reply())
    assert "จังหวัดตาก" not in asked and "หลักฐาน" in asked
    summary = file_it(chat)

    assert "จังหวัดนราธิวาส" in summary and "จังหวัดตาก" not in summary
    complaint = stored(complaint_bot)
    assert (complaint.province_code, complaint.district_code) == ("96", "9602")
    assert complaint.place_text == "ท่าเรือตากใบ"  # the console shows what the pin said
    assert (complaint.latitude, complaint.longitude) == TAK_BAI_PIER


@pytest.mark.parametrize("correction", ["ไม่ใช่ตาก อยู่ตากใบ นราธิวาส", "ตากใบ นราธิวาส"])
def test_a_place_in_another_province_typed_at_the_district_question_corrects_the_province(
    complaint_bot, sim, correction: str
) -> None:
    chat = to_place_question(sim, USER)
    assert "อำเภออะไรของจังหวัดตาก" in texts(say(chat, "ตาก"))

    assert "หลักฐาน" in texts(say(chat, correction))
    file_it(chat)

    complaint = stored(complaint_bot)
    assert (complaint.province_code, complaint.district_code) == ("96", "9602")


def test_a_province_alone_typed_at_the_district_question_asks_its_districts(
    complaint_bot, sim
) -> None:
    chat = to_place_question(sim, USER)
    say(chat, "ตาก")

    assert "อำเภออะไรของจังหวัดนราธิวาส" in texts(say(chat, "นราธิวาส"))


def test_a_pin_sent_at_the_district_question_is_read_afresh(complaint_bot, sim) -> None:
    chat = to_place_question(sim, USER)
    say(chat, "ตาก")
    chat.send_location(*TAK_BAI_PIER, title="ท่าเรือตากใบ", address="ตากใบ นราธิวาส 96110")

    assert "หลักฐาน" in texts(chat.last_reply())
    file_it(chat)

    complaint = stored(complaint_bot)
    assert (complaint.province_code, complaint.district_code) == ("96", "9602")
    assert complaint.latitude == TAK_BAI_PIER[0]


def test_editing_the_place_by_tapping_an_area_keeps_the_pins_coordinates(
    complaint_bot, sim
) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(6.42, 101.82, address="Unnamed Road")
    tap(chat, "นราธิวาส")
    tap(chat, "ไม่ทราบอำเภอ")
    tap(chat, "ข้าม")
    tap(chat, "ไม่ระบุ")
    tap(chat, "แก้ไข")
    tap(chat, "สถานที่")
    tap(chat, "ยะลา")
    summary = texts(tap(chat, "ไม่ทราบอำเภอ"))

    assert "จังหวัดยะลา" in summary and "ตามตำแหน่งที่ส่งมา" in summary
    tap(chat, "ยืนยันส่งเรื่อง")
    complaint = stored(complaint_bot)
    assert complaint.province_code == "95"
    assert (complaint.latitude, complaint.longitude) == (6.42, 101.82)
