"""Typed places: polite endings come off the way every other answer's do."""

from __future__ import annotations

import pytest

from bot.core.places import Place, district_in, parse_place


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
