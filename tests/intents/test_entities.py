"""Entities: the region's places however they are typed, references, phones, baht, dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from intents import extract_entities

TODAY = dt.date(2026, 3, 1)


def kinds(text: str) -> list[tuple[str, object, str]]:
    return [(e.kind, e.value, e.text) for e in extract_entities(text, today=TODAY)]


SEVEN_AREAS = {
    "ปัตตานี": (
        "province",
        ["จ.ปัตตานี", "จังหวัดปัตตานี", "ปัตตานี", "ปตน.", "Pattani", "PATTANI", "patani", "ปัตตานิ"],
    ),
    "ยะลา": ("province", ["จ.ยะลา", "จังหวัด ยะลา", "ยะลา", "Yala", "ยล."]),
    "นราธิวาส": (
        "province",
        ["จ.นราธิวาส", "นราธิวาส", "นราฯ", "นราธิวาท", "Narathiwat", "นธ."],
    ),
    "จะนะ, สงขลา": ("district", ["อ.จะนะ", "อำเภอจะนะ", "จะนะ", "Chana", "อ. จะนะ"]),
    "เทพา, สงขลา": ("district", ["อ.เทพา", "อำเภอเทพา", "เทพา", "Thepha"]),
    "นาทวี, สงขลา": ("district", ["อ.นาทวี", "นาทวี", "Na Thawi", "nathawi"]),
    "สะบ้าย้อย, สงขลา": ("district", ["อ.สะบ้าย้อย", "สะบ้าย้อย", "สบ้าย้อย", "Saba Yoi"]),
}


@pytest.mark.parametrize(
    ("value", "kind", "typed"),
    [(value, kind, typed) for value, (kind, forms) in SEVEN_AREAS.items() for typed in forms],
)
def test_the_seven_areas_however_they_are_typed(value: str, kind: str, typed: str) -> None:
    text = f"ผมทำงานอยู่{typed}ครับ" if not typed.isascii() else f"ผมทำงานอยู่ {typed} ครับ"
    found = extract_entities(text)
    assert [(e.kind, e.value) for e in found] == [(kind, value)]
    entity = found[0]
    assert text[entity.start : entity.end] == entity.text
    assert typed.strip() in entity.text or entity.text in typed


def test_places_carry_their_geothai_codes() -> None:
    (district,) = extract_entities("อยู่ อ.จะนะ")
    assert district.codes == {"province": "90", "district": "9003"}
    (province,) = extract_entities("จ.ปัตตานี")
    assert province.codes == {"province": "94"}


def test_capital_district_is_settled_by_the_province_in_the_same_message() -> None:
    found = kinds("อ.เมือง จ.ยะลา")
    assert found == [("district", "เมืองยะลา, ยะลา", "อ.เมือง"), ("province", "ยะลา", "จ.ยะลา")]


def test_subdistricts_with_and_without_their_prefix() -> None:
    assert kinds("บ้านอยู่ ต.ตะลุโบะ")[0][:2] == ("subdistrict", "ตะลุโบะ, เมืองปัตตานี, ปัตตานี")
    assert kinds("บ้านอยู่ตะลุโบะ")[0][0] == "subdistrict"
    (place,) = extract_entities("ต.ตะลุโบะ")
    assert place.codes["subdistrict"].startswith("9401")


def test_places_elsewhere_in_thailand_need_their_level_word() -> None:
    assert kinds("อ.บางกรวย จ.นนทบุรี") == [
        ("district", "บางกรวย, นนทบุรี", "อ.บางกรวย"),
        ("province", "นนทบุรี", "จ.นนทบุรี"),
    ]
    assert kinds("หาดใหญ่") == [("district", "หาดใหญ่, สงขลา", "หาดใหญ่")]


@pytest.mark.parametrize("text", ["เผยแพร่ข่าวให้หน่อย", "ไปเลยครับ", "ปนกันหมด", "tak boleh"])
def test_everyday_words_are_not_places(text: str) -> None:
    assert kinds(text) == []


def test_province_named_like_an_everyday_word_needs_its_prefix() -> None:
    assert kinds("อยู่จ.เลย") == [("province", "เลย", "จ.เลย")]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("AS-2568-000123", "AS-2568-000123"),
        ("as-2568-000123", "AS-2568-000123"),
        ("AS 2569 000045", "AS-2569-000045"),
        ("AS2569000045", "AS-2569-000045"),
        ("AS-๒๕๖๘-๐๐๐๑๒๓", "AS-2568-000123"),
    ],
)
def test_complaint_reference_numbers(typed: str, value: str) -> None:
    assert kinds(f"ขอตรวจสอบเลขที่ {typed} ค่ะ") == [("reference", value, typed)]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("081-234-5678", "0812345678"),
        ("0812345678", "0812345678"),
        ("081 234 5678", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("+66812345678", "0812345678"),
        ("๐๘๑๒๓๔๕๖๗๘", "0812345678"),
        ("073-123456", "073123456"),
    ],
)
def test_thai_phone_numbers(typed: str, value: str) -> None:
    assert kinds(f"ติดต่อกลับที่ {typed} นะคะ") == [("phone", value, typed)]


def test_hotlines_count_as_phones_only_after_a_word_for_calling() -> None:
    assert kinds("โทรสายด่วน 1506 ได้ไหม") == [("phone", "1506", "1506")]
    assert kinds("ได้มา 1506 คน") == []


def test_a_reference_is_not_also_a_phone_or_a_date() -> None:
    assert [k for k, _, _ in kinds("AS-2568-081234 โทร 0812345678")] == ["reference", "phone"]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("337 บาท", 337),
        ("15,000บาท", 15000),
        ("฿500", 500),
        ("1,500.50 บาท", 1500.5),
        ("2 หมื่น", 20000),
        ("1.5 หมื่นบาท", 15000),
        ("สามร้อยบาท", 300),
        ("๓๓๗ บาท", 337),
        ("300.-", 300),
    ],
)
def test_baht_amounts(typed: str, value: float) -> None:
    assert kinds(f"ได้เงิน {typed} ค่ะ") == [("amount", value, typed)]


def test_counts_of_things_are_not_amounts() -> None:
    assert kinds("ลูกจ้าง 2 พันคน") == []
    assert kinds("ทำงานมา 5 ปี") == []


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("5 มีนาคม 2568", "2025-03-05"),
        ("5 มี.ค. 2568", "2025-03-05"),
        ("5 มี.ค. 68", "2025-03-05"),
        ("5 มีค 68", "2025-03-05"),
        ("๕ มีนาคม พ.ศ. ๒๕๖๘", "2025-03-05"),
        ("12/03/2568", "2025-03-12"),
        ("1 Jan 2025", "2025-01-01"),
        ("20 ธันวาคม", "2026-12-20"),
    ],
)
def test_dates_with_thai_months_and_buddhist_era_years(typed: str, value: str) -> None:
    assert kinds(f"เริ่มงานวันที่ {typed} ค่ะ") == [("date", value, typed)]


def test_impossible_dates_are_not_dates() -> None:
    assert kinds("31 ก.พ. 2568") == []


def test_a_long_story_yields_every_entity_in_reading_order_and_as_json() -> None:
    story = (
        "ผมเป็นอาสาสมัครแรงงานอยู่ อ.จะนะ มีชาวบ้านโดนเลิกจ้างเมื่อ 5 มค 68 "
        "ค้างค่าจ้าง 9,000 บาท เบอร์ติดต่อ 089-111-2222 เรื่อง AS-2568-000777 ถึงไหนแล้วครับ"
    )
    found = extract_entities(story, today=TODAY)
    assert [e.kind for e in found] == ["district", "date", "amount", "phone", "reference"]
    assert [e.start for e in found] == sorted(e.start for e in found)
    decoded = json.loads(json.dumps([e.to_dict() for e in found], ensure_ascii=False))
    assert decoded[0]["codes"] == {"province": "90", "district": "9003"}
    assert decoded[2]["value"] == 9000


@pytest.mark.parametrize("text", ["", "\x00\ufffd", "ก" * 10_000, "1" * 5000, "จ." * 2000])
def test_any_string_is_safe(text: str) -> None:
    assert isinstance(extract_entities(text), list)


MALAY_PLACES = {
    "ปัตตานี": ("province", ["Patani", "wilayah Patani"]),
    "ยะลา": ("province", ["Jala"]),
    "นราธิวาส": ("province", ["Menara"]),
    "สงขลา": ("province", ["Senggora"]),
    "หนองจิก, ปัตตานี": ("district", ["Nong Chik", "daerah Nong Chik"]),
    "สายบุรี, ปัตตานี": ("district", ["Saiburi", "Selindung Bayu", "Telube"]),
    "บันนังสตา, ยะลา": ("district", ["Bannang Sata", "Benang Setar"]),
    "ตากใบ, นราธิวาส": ("district", ["Tak Bai", "Tabal"]),
    "สุไหงโก-ลก, นราธิวาส": ("district", ["Sungai Kolok", "Sungai Golok", "Sg Golok"]),
    "ระแงะ, นราธิวาส": ("district", ["Legeh"]),
    "รามัน, ยะลา": ("district", ["Reman", "ampho Raman"]),
    "จะนะ, สงขลา": ("district", ["Cenak"]),
}


@pytest.mark.parametrize(
    ("value", "kind", "typed"),
    [(value, kind, typed) for value, (kind, forms) in MALAY_PLACES.items() for typed in forms],
)
def test_places_in_malay_spellings(value: str, kind: str, typed: str) -> None:
    assert kinds(f"saya kerja di {typed} sekarang") == [(kind, value, typed)]


@pytest.mark.parametrize("text", ["tak bayar gaji", "tiba di rumah", "kawan sebaya saya"])
def test_malay_everyday_words_are_not_places(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("typed", "value", "currency"),
    [
        ("RM 500", 500, "MYR"),
        ("RM1,200", 1200, "MYR"),
        ("300 ringgit", 300, "MYR"),
        ("50 rm", 50, "MYR"),
        ("9000 baht", 9000, "THB"),
        ("5 ribu baht", 5000, "THB"),
        ("2 juta ringgit", 2_000_000, "MYR"),
        ("337 บาท", 337, "THB"),
    ],
)
def test_amounts_in_baht_and_ringgit_carry_their_currency(
    typed: str, value: int, currency: str
) -> None:
    (amount,) = extract_entities(f"gaji saya {typed} sebulan")
    assert (amount.kind, amount.value, amount.text) == ("amount", value, typed)
    assert amount.codes == {"currency": currency}


def test_malay_counts_of_things_are_not_amounts() -> None:
    assert kinds("5 ribu orang datang") == []
    assert kinds("farm 300 ekor") == []


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("+60 12-345 6789", "+60123456789"),
        ("012-3456789", "+60123456789"),
        ("0111 234 5678", "+601112345678"),
        ("60123456789", "+60123456789"),
    ],
)
def test_malaysian_mobiles(typed: str, value: str) -> None:
    assert kinds(f"hubungi saya di {typed} ya") == [("phone", value, typed)]


def test_malay_words_for_calling_mark_a_hotline() -> None:
    assert kinds("talian 1506 percuma ke") == [("phone", "1506", "1506")]


def test_complaint_references_in_a_malay_message() -> None:
    assert kinds("aduan AS-2569-000123 dah sampai mana") == [
        ("reference", "AS-2569-000123", "AS-2569-000123")
    ]
