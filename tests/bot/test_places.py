"""Typed places: polite endings come off the way every other answer's do."""

from __future__ import annotations

import geothai
import pytest

from bot.core.places import REGION_AREAS, Place, district_in, parse_place


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("หนองจิกค่ะ", Place("94", "9403")),
        ("ปัตตานีนะคะ", Place("94")),  # "นะ" is polite here as in any flow answer
        ("เทพา ครับ", Place("90", "9005")),
        ("จะนะค่ะ", Place("90", "9003")),  # a district ending like "นะ" keeps it
        ("วังเจ้า", Place("63", "6309")),  # ends like "จ้า", names a district as typed
    ],
)
def test_a_place_is_read_with_or_without_a_polite_ending(typed: str, place: Place) -> None:
    assert parse_place(typed).place == place


def test_a_district_of_a_known_province_is_read_past_its_polite_endings() -> None:
    assert district_in("94", "หนองจิกนะคะ") == "9403"
    assert district_in("90", "จะนะค่ะ") == "9003"


def test_the_area_buttons_the_console_choices_and_content_read_the_one_service_area() -> None:
    from bot.admin.places import district_choices
    from bot.content.thai import normalise_province
    from intents.service_area import service_area

    area = service_area()
    assert [(label, p, d) for label, p, d in REGION_AREAS] == [
        (a.label, a.province.code, a.place.district_code) for a in area.areas
    ]
    assert [code for code, _ in district_choices(["90"])] == sorted(area.served_districts("90"))
    assert len(district_choices(["94"])) == len(geothai.districts("94"))
    assert normalise_province("Narathiwat") == normalise_province("96") == "นราธิวาส"
    assert normalise_province("จะนะ") == normalise_province("9003") == "สงขลา"
