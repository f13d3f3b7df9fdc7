"""Webhook events are built as LINE builds them: signed, and parsed by the SDK into real classes."""

from __future__ import annotations

import base64
import json
import time

import pytest
from linebot.v3.webhooks import (
    FileMessageContent,
    FollowEvent,
    GroupSource,
    ImageMessageContent,
    JoinEvent,
    LeaveEvent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    RoomSource,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
    UserSource,
)
from ulid import ULID

from linesim import SimClient, SimConfig
from linesim.webhook import sign
from tests.linesim.support import SECRET, Receiver

USER = "U" + "1" * 32
GROUP = {"type": "group", "groupId": "C" + "2" * 32}
ROOM = {"type": "room", "roomId": "R" + "3" * 32}
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()

CASES = [
    ({"type": "text", "text": "ค่าแรงขั้นต่ำเท่าไหร่"}, MessageEvent, TextMessageContent, UserSource),
    (
        {"type": "text", "text": "สวัสดี", "mention": True, "source": GROUP},
        MessageEvent, TextMessageContent, GroupSource,
    ),
    (
        {"type": "image", "contentBase64": PNG, "contentType": "image/png"},
        MessageEvent, ImageMessageContent, UserSource,
    ),
    (
        {"type": "file", "contentBase64": PNG, "fileName": "คำร้อง.pdf"},
        MessageEvent, FileMessageContent, UserSource,
    ),
    (
        {"type": "location", "latitude": 6.8696, "longitude": 101.2501, "title": "ปัตตานี"},
        MessageEvent, LocationMessageContent, UserSource,
    ),
    (
        {"type": "sticker", "packageId": "446", "stickerId": "1988"},
        MessageEvent, StickerMessageContent, UserSource,
    ),
    (
        {"type": "postback", "data": "action=date", "params": {"date": "2026-11-21"}},
        PostbackEvent, None, UserSource,
    ),
    ({"type": "follow", "isUnblocked": True}, FollowEvent, None, UserSource),
    ({"type": "unfollow"}, UnfollowEvent, None, UserSource),
    ({"type": "join", "source": GROUP}, JoinEvent, None, GroupSource),
    ({"type": "leave", "source": ROOM}, LeaveEvent, None, RoomSource),
]  # fmt: skip


@pytest.mark.parametrize(("body", "event_class", "content_class", "source_class"), CASES)
def test_every_event_kind_parses_into_its_sdk_class(
    linesim_client: SimClient,
    linesim_receiver: Receiver,
    body: dict,
    event_class: type,
    content_class: type | None,
    source_class: type,
) -> None:
    result = linesim_client.send({"userId": USER, **body})

    assert _without_timing(result["delivery"]) == {"status": 200, "attempts": 1, "error": None}
    assert linesim_receiver.bad_signatures == 0
    (event,) = linesim_receiver.events
    assert type(event) is event_class
    assert type(event.source) is source_class
    if content_class is not None:
        assert type(event.message) is content_class
    assert event.webhook_event_id == result["webhookEventId"]
    assert event.delivery_context.is_redelivery is False
    assert event.mode.value == "active"


def test_replyable_events_carry_a_reply_token_and_others_do_not(linesim_client: SimClient) -> None:
    assert linesim_client.send({"userId": USER, "type": "follow"})["replyToken"]
    assert linesim_client.send({"userId": USER, "type": "unfollow"})["replyToken"] is None
    assert (
        linesim_client.send({"userId": USER, "type": "leave", "source": GROUP})["replyToken"]
        is None
    )


def test_payload_has_destination_ulid_ms_timestamp_and_quote_token(
    linesim_client: SimClient, linesim_receiver: Receiver, linesim_config: SimConfig
) -> None:
    before = int(time.time() * 1000)
    linesim_client.send({"userId": USER, "type": "text", "text": "hi"})

    raw = linesim_receiver.bodies[0]
    payload = json.loads(raw["raw"])
    assert payload["destination"] == linesim_config.bot_user_id
    event = payload["events"][0]
    assert ULID.from_str(event["webhookEventId"])
    assert before <= event["timestamp"] <= int(time.time() * 1000)
    assert event["message"]["quoteToken"]
    assert raw["headers"]["X-Line-Signature"] == sign(raw["raw"].encode(), SECRET)


def test_group_mention_marks_the_bot_as_self(
    linesim_client: SimClient, linesim_receiver: Receiver
) -> None:
    linesim_client.send(
        {"userId": USER, "type": "text", "text": "ช่วยด้วย", "mention": True, "source": GROUP}
    )

    event = linesim_receiver.events[0]
    (mentionee,) = event.message.mention.mentionees
    assert mentionee.is_self is True
    assert event.message.text[mentionee.index : mentionee.index + mentionee.length] == "@AsaBot"
    assert event.source.user_id == USER


def test_join_and_leave_name_no_user(linesim_client: SimClient, linesim_receiver: Receiver) -> None:
    linesim_client.send({"userId": USER, "type": "join", "source": GROUP})

    assert linesim_receiver.events[0].source.user_id is None


def test_file_event_reports_name_and_size(
    linesim_client: SimClient, linesim_receiver: Receiver
) -> None:
    data = b"%PDF-1.4 complaint"
    linesim_client.send(
        {
            "userId": USER,
            "type": "file",
            "contentBase64": base64.b64encode(data).decode(),
            "fileName": "a.pdf",
        }
    )

    message = linesim_receiver.events[0].message
    assert (message.file_name, message.file_size) == ("a.pdf", len(data))


@pytest.mark.parametrize(
    "body",
    [
        {"type": "dance"},
        {"type": "join"},
        {"type": "text", "text": ""},
        {"type": "location", "latitude": "north"},
        {"type": "image", "contentBase64": "***"},
        {"type": "text", "text": "x", "source": {"type": "group", "groupId": "nope"}},
    ],
)
def test_bad_send_bodies_are_refused_with_a_reason(linesim_client: SimClient, body: dict) -> None:
    with pytest.raises(RuntimeError, match="400"):
        linesim_client.send({"userId": USER, **body})


def _without_timing(delivery: dict) -> dict:
    """The delivery result less its measured duration, which must be a non-negative number."""
    delivery = dict(delivery)
    assert delivery.pop("elapsedMs") >= 0
    return delivery
