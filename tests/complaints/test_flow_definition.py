"""The complaint flow's definition: every state handled, every button within LINE's limits."""

from __future__ import annotations

from bot.chat.flows.engine import flow_postback
from bot.complaints.flow import (
    AFFECTED_CHOICES,
    AGREED_CHOICES,
    AREA_CHOICES,
    CATEGORY_CHOICES,
    CONFIRM_CHOICES,
    EDIT_CHOICES,
    STATE_TABLE,
    YES_NO_CONSENT,
    ComplaintFlow,
    ComplaintState,
)
from bot.core.places import Place, parse_place, province_in_address


def test_every_state_has_a_question_and_a_handler() -> None:
    assert set(STATE_TABLE) == set(ComplaintState)
    assert all(callable(d.ask) and callable(d.handle) for d in STATE_TABLE.values())
    ComplaintFlow().check_definition()  # what the engine checks when the app starts


def test_every_button_label_fits_a_quick_reply_and_its_postback_fits_line() -> None:
    groups = (
        YES_NO_CONSENT,
        AFFECTED_CHOICES,
        AGREED_CHOICES,
        CATEGORY_CHOICES,
        CONFIRM_CHOICES,
        EDIT_CHOICES,
        AREA_CHOICES,
    )
    for choice in (c for group in groups for c in group):
        assert len(choice.label) <= 20, choice.label
        assert len(flow_postback("complaint", "f" * 32, choice.value)) <= 300


def test_typed_places_are_checked_against_the_whole_country() -> None:
    assert parse_place("อ.หนองจิก จ.ปัตตานี").place is not None
    assert parse_place("บางกะปิ").place is not None  # anywhere in Thailand
    assert parse_place("เมือง").ambiguous_districts  # every province has one
    assert parse_place("ที่ทำงาน").place is None
    # A polite ending on the last name is read past, but never cut off a real name.
    assert parse_place("เมืองยะลาค่ะ").place == parse_place("เมืองยะลา").place
    assert parse_place("จะนะครับ").place == parse_place("จะนะ").place
    assert (parse_place("วังเจ้า").place or Place("")).district_code == "6309"
    address = "ตำบลสะเตง อำเภอเมืองยะลา ยะลา 95000"
    assert province_in_address(address) == "95"


def test_categories_can_be_typed_with_common_words() -> None:
    assert next(c for c in CATEGORY_CHOICES if c.matches("นายหน้า")).value == "work_abroad"
