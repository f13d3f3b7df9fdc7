"""A pin in Thailand whose address names no province: the province is asked, the pin is kept."""

from __future__ import annotations

import pytest

from bot.core.places import may_be_in_thailand
from tests.support.chat import quick_replies, say, tap, texts

from .conftest import file_it, stored, to_place_question

USER = "U" + "3" * 32
ASKED = "ไม่ได้บอกจังหวัด"
NAKHON_SI_THAMMARAT = (8.43, 99.96)  # inside Thailand, far from any border


@pytest.mark.parametrize(
    ("latitude", "longitude", "address"),
    [
        (*NAKHON_SI_THAMMARAT, None),
        (*NAKHON_SI_THAMMARAT, "8.43, 99.96"),
        (6.42, 101.82, "Unnamed Road"),  # Narathiwat, nothing readable
    ],
    ids=["no-address", "coordinates-only", "unnamed-road"],
)
def test_a_pin_inside_thailand_without_a_place_may_be_in_thailand(
    latitude: float, longitude: float, address: str | None
) -> None:
    assert may_be_in_thailand(latitude, longitude, address)


@pytest.mark.parametrize(
    ("latitude", "longitude", "address"),
    [
        (5.41, 100.33, "Jalan Sultan, 10400 Penang, Malaysia"),  # south of Thailand's tip
        (6.12, 102.24, "Kota Bharu, Kelantan, Malaysia"),  # within the box, named abroad
        (6.12, 102.24, "โกตาบารู กลันตัน มาเลเซีย"),
        (17.97, 102.63, "เวียงจันทน์ สปป.ลาว"),
        (11.55, 104.92, "Phnom Penh, Cambodia"),
        (1.29, 103.85, None),  # Singapore, far outside
    ],
    ids=["penang", "kelantan", "kelantan-thai", "vientiane-thai", "phnom-penh", "far-away"],
)
def test_a_pin_abroad_is_not_taken_for_thailand(
    latitude: float, longitude: float, address: str | None
) -> None:
    assert not may_be_in_thailand(latitude, longitude, address)


@pytest.mark.parametrize("address", [None, "8.43, 99.96"], ids=["no-address", "coordinates-only"])
def test_a_pin_in_thailand_that_names_no_province_asks_the_province(
    complaint_bot, sim, address: str | None
) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(*NAKHON_SI_THAMMARAT, address=address)

    asked = chat.last_reply()

    assert ASKED in texts(asked) and "จังหวัดไหน" in texts(asked)
    assert {"ปัตตานี", "ยะลา", "นราธิวาส", "ไม่ทราบจังหวัด"} <= set(quick_replies(asked))
    assert "หลักฐาน" in texts(say(chat, "อ.ทุ่งสง จ.นครศรีธรรมราช"))
    summary = file_it(chat)

    assert "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดนครศรีธรรมราช" in summary
    complaint = stored(complaint_bot)
    assert (complaint.province_code, complaint.district_code) == ("80", "8009")
    assert (complaint.latitude, complaint.longitude) == NAKHON_SI_THAMMARAT


def test_an_area_tapped_for_a_pin_asks_its_district_and_keeps_the_pin(complaint_bot, sim) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(6.42, 101.82, address="Unnamed Road")
    chat.last_reply()

    assert "อำเภออะไรของจังหวัดนราธิวาส" in texts(tap(chat, "นราธิวาส"))
    tap(chat, "ไม่ทราบอำเภอ")
    file_it(chat)

    complaint = stored(complaint_bot)
    assert complaint.province_code == "96" and complaint.latitude == 6.42


def test_a_pin_whose_province_is_not_known_goes_on_with_the_coordinates(complaint_bot, sim) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(*NAKHON_SI_THAMMARAT)
    chat.last_reply()

    assert "หลักฐาน" in texts(tap(chat, "ไม่ทราบจังหวัด"))
    summary = file_it(chat)

    assert "สถานที่: ตำแหน่งที่ส่งมา" in summary
    complaint = stored(complaint_bot)
    assert complaint.province_code is None and complaint.latitude == NAKHON_SI_THAMMARAT[0]


def test_a_pin_abroad_is_still_taken_with_its_coordinates_only(complaint_bot, sim) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(6.12, 102.24, address="Kota Bharu, Kelantan, Malaysia")

    assert "หลักฐาน" in texts(chat.last_reply())
    file_it(chat)

    complaint = stored(complaint_bot)
    assert complaint.province_code is None and complaint.place_text == (
        "Kota Bharu, Kelantan, Malaysia"
    )


def test_editing_the_place_with_such_a_pin_asks_the_province_then_shows_the_summary(
    complaint_bot, sim
) -> None:
    chat = to_place_question(sim, USER)
    tap(chat, "ยะลา")
    tap(chat, "ไม่ทราบอำเภอ")
    tap(chat, "ข้าม")
    tap(chat, "ไม่ระบุ")
    tap(chat, "แก้ไข")
    tap(chat, "สถานที่")
    chat.send_location(*NAKHON_SI_THAMMARAT)
    assert ASKED in texts(chat.last_reply())

    summary = texts(say(chat, "ทุ่งสง นครศรีธรรมราช"))

    assert "ส่งเรื่องเลยไหม" in summary and "จังหวัดนครศรีธรรมราช" in summary
