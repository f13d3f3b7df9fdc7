"""Bad message objects get LINE's 400, each problem naming its property."""

from __future__ import annotations

from typing import Any

import pytest

from linesim import SimClient
from linesim.validation import check_messages
from tests.linesim.support import Api, text


def bubble(label: str = "ดูเพิ่มเติม") -> dict[str, Any]:
    return {
        "type": "bubble",
        "body": {
            "type": "box",
            "layout": "vertical",
            "contents": [{"type": "text", "text": "ศูนย์ดำรงธรรม"}],
        },
        "footer": {
            "type": "box",
            "layout": "vertical",
            "contents": [
                {"type": "button", "action": {"type": "postback", "label": label, "data": "a=1"}}
            ],
        },
    }


def flex(contents: Any) -> dict[str, Any]:
    return {"type": "flex", "altText": "ข้อมูล", "contents": contents}


def quick(n: int) -> dict[str, Any]:
    item = {"type": "action", "action": {"type": "message", "label": "เมนู", "text": "เมนู"}}
    return {**text("เลือกค่ะ"), "quickReply": {"items": [item] * n}}


def props(messages: Any) -> list[str]:
    return [d["property"] for d in check_messages(messages)]


def test_five_messages_pass_and_six_fail() -> None:
    assert props([text("x")] * 5) == []
    assert props([text("x")] * 6) == ["messages"]
    assert props([]) == ["messages"]


def test_text_up_to_5000_utf16_units() -> None:
    assert props([text("ก" * 5000)]) == []
    assert props([text("ก" * 5001)]) == ["messages[0].text"]
    # An emoji outside the BMP is two UTF-16 units, as LINE counts.
    assert props([text("😀" * 2500)]) == []
    assert props([text("😀" * 2501)]) == ["messages[0].text"]
    assert props([text("x"), text("")]) == ["messages[1].text"]


def test_quick_reply_has_at_most_13_items() -> None:
    assert props([quick(13)]) == []
    assert props([quick(14)]) == ["messages[0].quickReply.items"]


def test_quick_reply_action_needs_a_label() -> None:
    message = {
        **text("x"),
        "quickReply": {"items": [{"type": "action", "action": {"type": "message", "text": "a"}}]},
    }

    assert props([message]) == ["messages[0].quickReply.items[0].action.label"]


def test_flex_bubbles_and_carousels_up_to_12() -> None:
    assert props([flex(bubble())]) == []
    assert props([flex({"type": "carousel", "contents": [bubble()] * 12})]) == []
    assert props([flex({"type": "carousel", "contents": [bubble()] * 13})]) == [
        "messages[0].contents.contents"
    ]
    assert props([flex({"type": "poster"})]) == ["messages[0].contents.type"]


def test_flex_components_are_checked_deep_inside() -> None:
    broken = bubble(label="x" * 21)
    broken["body"]["contents"].append({"type": "image"})
    broken["body"]["contents"].append({"type": "marquee"})

    assert props([flex({"type": "carousel", "contents": [bubble(), broken]})]) == [
        "messages[0].contents.contents[1].body.contents[1].url",
        "messages[0].contents.contents[1].body.contents[2].type",
        "messages[0].contents.contents[1].footer.contents[0].action.label",
    ]


def test_flex_needs_alt_text_and_a_box_body() -> None:
    message = {
        "type": "flex",
        "contents": {"type": "bubble", "body": {"type": "text", "text": "x"}},
    }

    assert props([message]) == ["messages[0].altText", "messages[0].contents.body.type"]


@pytest.mark.parametrize(
    ("message", "prop"),
    [
        ({"type": "video"}, "messages[0].originalContentUrl"),
        ({"type": "image", "originalContentUrl": "http://x/a.jpg",
          "previewImageUrl": "https://x/b.jpg"}, "messages[0].originalContentUrl"),
        ({"type": "sticker", "packageId": "446"}, "messages[0].stickerId"),
        ({"type": "location", "title": "t", "address": "a", "latitude": 1},
         "messages[0].longitude"),
        ({"type": "hologram"}, "messages[0].type"),
        ({"type": "template", "altText": "a",
          "template": {"type": "confirm", "text": "t", "actions": []}},
         "messages[0].template.actions"),
    ],
)  # fmt: skip
def test_other_message_types_need_their_fields(message: dict[str, Any], prop: str) -> None:
    assert prop in props([message])


def test_the_platform_answers_with_every_problem(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    user = linesim_client.user(display_name="ก").user_id

    answer = linesim_api.post(
        "/v2/bot/message/push", {"to": user, "messages": [text(""), quick(14)]}
    )

    assert answer.status_code == 400
    assert answer.json() == {
        "message": "The request body has 2 error(s)",
        "details": [
            {"message": "May not be empty", "property": "messages[0].text"},
            {
                "message": "Size must be between 1 and 13",
                "property": "messages[1].quickReply.items",
            },
        ],
    }
    assert linesim_client.messages() == []


def test_multicast_takes_1_to_500_ids(linesim_api: Api) -> None:
    too_many = linesim_api.post(
        "/v2/bot/message/multicast", {"to": ["U" + "0" * 32] * 501, "messages": [text("x")]}
    )
    none = linesim_api.post("/v2/bot/message/multicast", {"to": [], "messages": [text("x")]})

    assert too_many.json()["details"] == [
        {"message": "Size must be between 1 and 500", "property": "to"}
    ]
    assert none.status_code == 400


def test_a_body_that_is_not_json_is_refused(linesim_api: Api) -> None:
    answer = linesim_api.call(
        "POST",
        "/v2/bot/message/broadcast",
        data=b"{oops",
        headers={"Content-Type": "application/json"},
    )

    assert answer.status_code == 400
    assert answer.json()["message"].startswith("The request body could not be parsed as JSON")
