"""A webhook body of the shape of line-bot-sdk-python's recorded one (tests/v3/text/webhook.json):
28 events of every kind, in the same order and from the same kinds of source, written afresh.

Like that body, every event carries the same webhookEventId and most the same reply token, and
neither the token nor the users are known to LINE (here: the emulator), so every reply is
refused (400, invalid token) and every push too (400, not a friend).
"""

from __future__ import annotations

from typing import Any

EVENT_ID = "01HZZZSDKSHAPEDBODY0000000"
TOKEN = "a7c1f0e2b3d4c5e6f7a8b9c0d1e2f3a4"
USER = "U" + "2" * 32
OTHER = "U" + "3" * 32
GROUP = "C" + "4" * 32
ROOM = "R" + "5" * 32


def _event(kind: str, source: dict[str, str], token: str | None = TOKEN, **fields: Any) -> dict:
    event: dict[str, Any] = {
        "type": kind,
        "mode": "active",
        "timestamp": 1_700_000_000_000,
        "source": source,
        "webhookEventId": EVENT_ID,
        "deliveryContext": {"isRedelivery": False},
        **fields,
    }
    if token:
        event["replyToken"] = token
    return event


def _user(user_id: str = USER) -> dict[str, str]:
    return {"type": "user", "userId": user_id}


def _media(url: bool = True) -> dict[str, str]:
    if not url:
        return {"type": "line"}
    return {
        "type": "external",
        "originalContentUrl": "https://example.com/original.jpg",
        "previewImageUrl": "https://example.com/preview.jpg",
    }


def all_event_kinds() -> dict[str, Any]:
    """The body: messages of every type, lifecycle, postbacks with params, beacons, account
    link, members, unsend, video played, an edited message and a type no SDK knows."""
    group = {"type": "group", "groupId": GROUP}
    events = [
        _event(
            "message",
            _user(),
            message={"id": "1001", "type": "text", "text": "สวัสดีค่ะ", "quoteToken": "q"},
        ),
        _event(
            "message",
            {"type": "room", "roomId": ROOM},
            message={"id": "1002", "type": "image", "contentProvider": _media(), "quoteToken": "q"},
        ),
        _event(
            "message",
            _user(),
            message={
                "id": "1003",
                "type": "video",
                "duration": 6000,
                "contentProvider": _media(),
                "quoteToken": "q",
            },
        ),
        _event(
            "message",
            _user(),
            message={
                "id": "1004",
                "type": "audio",
                "duration": 4000,
                "contentProvider": {"type": "line"},
            },
        ),
        _event(
            "message",
            _user(),
            message={
                "id": "1005",
                "type": "location",
                "title": "ที่ว่าการอำเภอเมืองปัตตานี",
                "address": "ปัตตานี",
                "latitude": 6.8694,
                "longitude": 101.2501,
            },
        ),
        _event(
            "message",
            _user(),
            message={
                "id": "1006",
                "type": "sticker",
                "packageId": "446",
                "stickerId": "1988",
                "stickerResourceType": "STATIC",
                "keywords": ["ok", "happy"],
                "quoteToken": "q",
            },
        ),
        _event("follow", _user(), follow={"isUnblocked": False}),
        _event("unfollow", _user(), token=None),
        _event("join", group),
        _event("leave", group, token=None),
        _event("postback", _user(), postback={"data": "action=intent&intent=greeting"}),
        _event("beacon", _user(), beacon={"hwid": "d41d8cd98f", "type": "enter"}),
        _event("beacon", _user(), beacon={"hwid": "d41d8cd98f", "type": "banner", "dm": "1234"}),
        _event("accountLink", _user(), link={"result": "ok", "nonce": "n0nce"}),
        _event(
            "message",
            {"type": "group", "groupId": GROUP, "userId": USER},
            message={"id": "1007", "type": "text", "text": "@อาสาบอท ค่าแรงขั้นต่ำ", "quoteToken": "q"},
        ),
        _event(
            "message",
            {"type": "room", "roomId": ROOM, "userId": USER},
            message={"id": "1008", "type": "text", "text": "ประกันสังคม", "quoteToken": "q"},
        ),
        _event(
            "postback", _user(), postback={"data": "pick=date", "params": {"date": "2026-12-02"}}
        ),
        _event("postback", _user(), postback={"data": "pick=time", "params": {"time": "10:30"}}),
        _event(
            "postback",
            _user(),
            postback={"data": "pick=datetime", "params": {"datetime": "2026-12-02T10:30"}},
        ),
        _event("memberJoined", group, joined={"members": [_user(), _user(OTHER)]}),
        _event("memberLeft", group, token=None, left={"members": [_user(), _user(OTHER)]}),
        _event(
            "message",
            _user(),
            message={"id": "1009", "type": "file", "fileName": "slip.pdf", "fileSize": 2048},
        ),
        _event(
            "unsend",
            {"type": "group", "groupId": GROUP, "userId": USER},
            token=None,
            unsend={"messageId": "1007"},
        ),
        _event("videoPlayComplete", _user(), videoPlayComplete={"trackingId": "track-1"}),
        _event(
            "message",
            _user(),
            message={
                "id": "1010",
                "type": "image",
                "contentProvider": _media(url=False),
                "quoteToken": "q",
            },
        ),
        _event(
            "message",
            _user(),
            message={"id": "1011", "type": "text", "text": "ขอบคุณค่ะ", "quoteToken": "q"},
        ),
        _event(
            "messageEdited",
            _user(),
            token=None,
            message={"id": "1011", "type": "text", "text": "ขอบคุณมากค่ะ", "quoteToken": "q"},
        ),
        _event("undefined", _user(), undefinedField={"1": 1}),
    ]
    return {"destination": "U" + "9" * 32, "events": events}
