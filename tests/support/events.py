"""Webhook events as LINE sends them: built from a few arguments or recorded, then signed.

`make_*_event` build one event's JSON, `webhook_body` wraps events in a body, `signed_post`
sends a body to the bot's /callback signed with the test channel secret, and `parse_events`
turns a body into the SDK's typed events (for tests that skip HTTP).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from linebot.v3.webhook import WebhookParser
from linebot.v3.webhooks import Event

from tests.support.channel import BOT_USER_ID, CHANNEL_SECRET

RECORDED = Path(__file__).resolve().parent.parent / "data" / "webhooks"
USER_ID = "U4af4980629aabbccddeeff0011223344"  # the user of the recorded bodies

_message_ids = itertools.count(500_000_000_000_000_000)


def load_body(name: str, **event_changes: Any) -> dict[str, Any]:
    """A recorded body (tests/data/webhooks/<name>.json); keyword arguments replace fields of
    its first event."""
    body: dict[str, Any] = json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))
    body = copy.deepcopy(body)
    body["events"][0].update(event_changes)
    return body


def _event(
    kind: str,
    user_id: str,
    *,
    group_id: str | None = None,
    event_id: str | None = None,
    reply_token: str | None = None,
    redelivery: bool = False,
    **fields: Any,
) -> dict[str, Any]:
    """The fields every event has; a 1:1 chat unless `group_id` is given."""
    source: dict[str, str] = {"type": "user", "userId": user_id}
    if group_id:
        source = {"type": "group", "groupId": group_id, "userId": user_id}
    event: dict[str, Any] = {
        "type": kind,
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": source,
        # LINE's ids are ULIDs: 26 characters, unique per event.
        "webhookEventId": event_id or uuid.uuid4().hex[:26].upper(),
        "deliveryContext": {"isRedelivery": redelivery},
        **fields,
    }
    if kind != "unfollow":  # LINE gives no reply token to an unfollow
        event["replyToken"] = reply_token or uuid.uuid4().hex
    return event


def _message(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "id": str(next(_message_ids)), "quoteToken": "q", **fields}


def make_text_event(
    text: str,
    *,
    user_id: str = USER_ID,
    group_id: str | None = None,
    mention_bot: bool = False,
    event_id: str | None = None,
    reply_token: str | None = None,
    redelivery: bool = False,
) -> dict[str, Any]:
    """A text message; `mention_bot` makes its first characters an @mention of the bot."""
    message = _message("text", text=text)
    if mention_bot:
        length = len(text.split(" ", 1)[0])
        mentionee = {"index": 0, "length": length, "type": "user", "userId": BOT_USER_ID}
        message["mention"] = {"mentionees": [{**mentionee, "isSelf": True}]}
    return _event(
        "message",
        user_id,
        group_id=group_id,
        event_id=event_id,
        reply_token=reply_token,
        redelivery=redelivery,
        message=message,
    )


def make_postback_event(
    data: str,
    *,
    params: dict[str, str] | None = None,
    user_id: str = USER_ID,
    group_id: str | None = None,
    event_id: str | None = None,
    reply_token: str | None = None,
    redelivery: bool = False,
) -> dict[str, Any]:
    """A tap on a postback action (a quick reply, a rich-menu button, a card's button)."""
    postback: dict[str, Any] = {"data": data, **({"params": params} if params else {})}
    return _event(
        "postback",
        user_id,
        group_id=group_id,
        event_id=event_id,
        reply_token=reply_token,
        redelivery=redelivery,
        postback=postback,
    )


def make_follow_event(
    *, user_id: str = USER_ID, unblocked: bool = False, event_id: str | None = None
) -> dict[str, Any]:
    """The user adds the bot as a friend, or unblocks it."""
    return _event("follow", user_id, event_id=event_id, follow={"isUnblocked": unblocked})


def make_unfollow_event(*, user_id: str = USER_ID, event_id: str | None = None) -> dict[str, Any]:
    """The user blocks the bot."""
    return _event("unfollow", user_id, event_id=event_id)


def make_location_event(
    latitude: float,
    longitude: float,
    *,
    title: str | None = None,
    address: str | None = None,
    user_id: str = USER_ID,
) -> dict[str, Any]:
    """A shared location."""
    extra = {k: v for k, v in {"title": title, "address": address}.items() if v}
    message = _message("location", latitude=latitude, longitude=longitude, **extra)
    del message["quoteToken"]  # LINE quotes text, stickers, images and videos only
    return _event("message", user_id, message=message)


def make_image_event(*, user_id: str = USER_ID, message_id: str | None = None) -> dict[str, Any]:
    """An image sent from the phone; its bytes are fetched from LINE by message id."""
    message = _message("image", contentProvider={"type": "line"})
    if message_id:
        message["id"] = message_id
    return _event("message", user_id, message=message)


def make_file_event(file_name: str, size: int, *, user_id: str = USER_ID) -> dict[str, Any]:
    """A file sent from the phone."""
    message = _message("file", fileName=file_name, fileSize=size)
    del message["quoteToken"]
    return _event("message", user_id, message=message)


def make_sticker_event(
    package_id: str = "446", sticker_id: str = "1988", *, user_id: str = USER_ID
) -> dict[str, Any]:
    """A sticker."""
    message = _message(
        "sticker", packageId=package_id, stickerId=sticker_id, stickerResourceType="STATIC"
    )
    return _event("message", user_id, message=message)


def webhook_body(*events: dict[str, Any]) -> dict[str, Any]:
    """One POST's body: the bot's id and the events, as LINE batches them."""
    return {"destination": BOT_USER_ID, "events": list(events)}


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def sign(raw: bytes, secret: str = CHANNEL_SECRET) -> str:
    """The X-Line-Signature LINE sends with `raw`: base64 of its HMAC-SHA256."""
    return base64.b64encode(hmac.new(secret.encode(), raw, hashlib.sha256).digest()).decode()


def signed_post(client: Any, body: dict[str, Any] | bytes, secret: str = CHANNEL_SECRET) -> Any:
    """POST a body (or raw bytes) to /callback with its signature, as LINE would."""
    raw = body if isinstance(body, bytes) else encode(body)
    return client.post(
        "/callback",
        data=raw,
        headers={"X-Line-Signature": sign(raw, secret), "Content-Type": "application/json"},
    )


def parse_events(*events: dict[str, Any]) -> list[Event]:
    """The SDK's typed events for these, signed and parsed as the bot's webhook parses them."""
    raw = encode(webhook_body(*events))
    parsed: Iterable[Event] = WebhookParser(CHANNEL_SECRET).parse(raw.decode("utf-8"), sign(raw))
    return list(parsed)


def parse_event(event: dict[str, Any]) -> Event:
    """One typed SDK event (see `parse_events`)."""
    (parsed,) = parse_events(event)
    return parsed
