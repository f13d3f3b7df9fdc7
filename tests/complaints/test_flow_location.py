"""A location pin as the answer to "where?": its address gives the province and the district."""

from __future__ import annotations

import pytest

from bot.core.places import Place, place_in_address
from tests.support.chat import quick_replies, say, texts

from .conftest import file_it, stored, to_place_question

USER = "U" + "6" * 32


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("ต.สะบารัง อ.เมืองปัตตานี จ.ปัตตานี 94000 ประเทศไทย", Place("94", "9401")),
        ("Tambon Sateng, Amphoe Mueang Yala, Yala 95000, Thailand", Place("95", "9501")),
        ("อำเภอเทพา สงขลา", Place("90", "9005")),
        ("โรงงาน ตำบลรูสะมิแล อำเภอเมืองปัตตานี ปัตตานี 94000", Place("94", "9401")),
        # The road is named after another district; the postal code is Mueang Pattani's only.
        ("ถนนหนองจิก ปัตตานี 94000", Place("94", "9401")),
        # No place named, but a Thai postal code of one district only.
        ("Unnamed Road, 94000, Thailand", Place("94", "9401")),
        # "เมือง" is in every province; the postal code says which.
        ("ถ.สิโรรส อ.เมือง 95000", Place("95", "9501")),
        # The district's name is in several provinces; the province in the address settles it.
        ("ถนนสุขยางค์ เมือง ยะลา", Place("95", "9501")),
        # 95000 covers two districts of Yala: the province, and the district is asked.
        ("ถนนสิโรรส ยะลา 95000", Place("95")),
        # Words run together: the names are still read whole, "อ.เมือง" of "จ.ยะลา" included.
        ("ตลาดเก่าอ.เมืองจ.ยะลา", Place("95", "9501")),
        # Run together with no level word: the province inside the word.
        ("ตลาดเก่ายะลา", Place("95")),
    ],
    ids=[
        "thai-abbreviated",
        "english",
        "district-and-province",
        "title-and-address",
        "road-named-after-a-district",
        "postal-code-in-thailand",
        "mueang-and-postal-code",
        "mueang-and-province",
        "postal-code-of-two-districts",
        "words-run-together",
        "province-inside-a-word",
    ],
)
def test_a_pins_address_gives_the_province_and_the_district(address: str, expected: Place) -> None:
    assert place_in_address(address) == expected


def test_an_address_that_names_no_place_in_thailand_gives_nothing() -> None:
    # 10400 is also a Bangkok postal code: a number alone does not make a place in Thailand.
    assert place_in_address("Jalan Sultan, 10400 Penang, Malaysia") is None
    assert place_in_address("Kedai Runcit Ali") is None


@pytest.mark.parametrize(
    ("address", "province", "district", "office"),
    [
        (
            "ต.สะบารัง อ.เมืองปัตตานี จ.ปัตตานี 94000 ประเทศไทย",
            "94",
            "9401",
            "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดปัตตานี",
        ),
        (
            "Tambon Sateng, Amphoe Mueang Yala, Yala 95000, Thailand",
            "95",
            "9501",
            "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดยะลา",
        ),
        (
            "อำเภอเทพา สงขลา",
            "90",
            "9005",
            "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดสงขลา",
        ),
    ],
    ids=["thai-abbreviated", "english", "district-and-province-only"],
)
def test_a_pin_files_the_complaint_with_its_district_and_the_provincial_office(
    complaint_bot, sim, address: str, province: str, district: str, office: str
) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(6.87, 101.25, address=address)
    assert "หลักฐาน" in texts(chat.last_reply())

    summary = file_it(chat)

    assert office in summary
    complaint = stored(complaint_bot)
    assert (complaint.province_code, complaint.district_code) == (province, district)
    assert complaint.place_text == address and complaint.latitude == 6.87


def test_a_pin_without_a_district_asks_the_district_like_a_typed_province(
    complaint_bot, sim
) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(6.54, 101.28, title="ตลาดเก่า", address="ถนนสิโรรส ยะลา 95000")
    asked = chat.last_reply()
    assert "อำเภออะไรของจังหวัดยะลา" in texts(asked)
    assert "ไม่ทราบอำเภอ" in quick_replies(asked)

    assert "หลักฐาน" in texts(say(chat, "กรงปินัง"))
    file_it(chat)

    complaint = stored(complaint_bot)
    assert (complaint.province_code, complaint.district_code) == ("95", "9508")
    assert complaint.latitude == 6.54


def place_line(summary: str) -> str:
    return next(line for line in summary.splitlines() if line.startswith("สถานที่:"))


def test_the_summary_says_a_pins_place_once(complaint_bot, sim) -> None:
    chat = to_place_question(sim, USER)
    address = "ต.สะบารัง อ.เมืองปัตตานี จ.ปัตตานี 94000 ประเทศไทย"
    chat.send_location(6.87, 101.25, title="โรงงานปลากระป๋อง", address=address)
    chat.last_reply()

    summary = file_it(chat)

    expected = "สถานที่: โรงงานปลากระป๋อง อำเภอเมืองปัตตานี จังหวัดปัตตานี (ตามตำแหน่งที่ส่งมา)"
    assert place_line(summary) == expected
    assert stored(complaint_bot).place_text == f"โรงงานปลากระป๋อง {address}"  # kept in full


def test_the_summary_shows_the_address_of_a_pin_it_could_not_place(complaint_bot, sim) -> None:
    chat = to_place_question(sim, USER)
    chat.send_location(5.41, 100.33, address="Jalan Sultan, 10400 Penang, Malaysia")
    assert "หลักฐาน" in texts(chat.last_reply())

    summary = file_it(chat)

    assert place_line(summary) == "สถานที่: Jalan Sultan, 10400 Penang, Malaysia"
    assert stored(complaint_bot).province_code is None


def test_the_summary_says_a_typed_place_once(complaint_bot, sim) -> None:
    chat = to_place_question(sim, USER)
    say(chat, "อ.หนองจิก จ.ปัตตานี")

    assert place_line(file_it(chat)) == "สถานที่: อำเภอหนองจิก จังหวัดปัตตานี"
