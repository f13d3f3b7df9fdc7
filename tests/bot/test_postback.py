"""Postback data: one way to write what a button carries back, one way to read it."""

from __future__ import annotations

from pathlib import Path

import pytest
from linebot.v3.webhooks import Event

from bot.chat.dispatch import Turn
from bot.core import postback
from bot.core.postback import MAX_DATA_CHARS, PostbackTooLong, decode, encode
from bot.core.state import MemoryStateStore
from tests.bot.engine_chat import make_services
from tests.support.events import make_postback_event, make_text_event, parse_event


def test_the_action_comes_first_and_reads_as_a_query_string() -> None:
    assert encode("intent", intent="minimum_wage") == "action=intent&intent=minimum_wage"
    assert encode("complaint_rate", ref="AS-2569-000012", stars=5) == (
        "action=complaint_rate&ref=AS-2569-000012&stars=5"
    )


def test_what_is_encoded_decodes_to_the_same_action_and_values() -> None:
    data = encode("flow", f="complaint", d="ab12", v="อื่น ๆ & more=yes")

    tapped = decode(data)

    assert tapped.action == "flow"
    assert tapped.params == {"f": "complaint", "d": "ab12", "v": "อื่น ๆ & more=yes"}
    assert tapped["v"] == "อื่น ๆ & more=yes" and tapped.get("missing") is None


def test_numbers_come_back_as_text() -> None:
    assert decode(encode("complaint_rate", stars=4))["stars"] == "4"


def test_data_with_no_action_or_no_data_reads_as_empty() -> None:
    assert decode(None).action == "" and len(decode(None)) == 0
    assert decode("").action == ""
    assert decode("lang=th").action == "" and decode("lang=th")["lang"] == "th"


def test_a_name_given_twice_keeps_its_first_value_and_blank_values_are_absent() -> None:
    tapped = decode("action=language&lang=th&lang=ms&d=")

    assert tapped["lang"] == "th"
    assert "d" not in tapped


def test_data_up_to_lines_300_characters_is_allowed() -> None:
    # "action=a&v=" is 11 characters; the rest is the value.
    longest = encode("a", v="x" * (MAX_DATA_CHARS - 11))

    assert len(longest) == MAX_DATA_CHARS == 300


def test_data_over_300_characters_is_refused_where_the_button_is_built() -> None:
    with pytest.raises(PostbackTooLong, match="301 characters"):
        encode("a", v="x" * (MAX_DATA_CHARS - 10))


def test_thai_counts_as_it_is_sent_percent_encoded() -> None:
    # Each Thai letter is sent as nine characters (%E0%B8%81): 33 of them do not fit.
    with pytest.raises(PostbackTooLong):
        encode("a", v="ก" * 33)
    assert len(encode("a", v="ก" * 32)) == 11 + 32 * 9


def test_a_postback_needs_an_action() -> None:
    with pytest.raises(ValueError, match="needs an action"):
        encode("")


def _turn(event: Event, tmp_path: Path) -> Turn:
    return Turn(
        event=event,
        session=None,  # type: ignore[arg-type]  # reading a postback touches no database
        state=MemoryStateStore(),
        line=None,  # type: ignore[arg-type]
        services=make_services(tmp_path),
    )


def test_a_turn_reads_its_postback_through_the_codec(tmp_path: Path) -> None:
    data = encode("complaint_status", ref="AS-2569-000001")

    tapped = _turn(parse_event(make_postback_event(data)), tmp_path).postback

    assert tapped.action == "complaint_status" and tapped["ref"] == "AS-2569-000001"


def test_a_turn_that_is_not_a_postback_has_an_empty_one(tmp_path: Path) -> None:
    tapped = _turn(parse_event(make_text_event("action=intent&intent=x")), tmp_path).postback

    assert tapped is postback.EMPTY and tapped.action == ""
