"""Webhook event objects built field for field as LINE builds them (the SDK's v3 models)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from ulid import ULID

from linesim.ids import CHAT_ID, MessageIds, new_quote_token, new_read_token, now_ms

SEND_TYPES = (
    "text", "image", "file", "location", "sticker", "postback",
    "follow", "unfollow", "join", "leave",
)  # fmt: skip
# Events that carry a reply token; unfollow and leave never do.
REPLYABLE = {"text", "image", "file", "location", "sticker", "postback", "follow", "join"}
MESSAGE_TYPES = {"text", "image", "file", "location", "sticker"}


class SendError(ValueError):
    """A /_sim/send body that cannot become an event."""


@dataclass
class BuiltEvent:
    """One event plus what the caller needs to do with it."""

    event: dict[str, Any]
    chat_id: str
    needs_reply_token: bool
    message_id: str | None = None
    content: tuple[bytes, str] | None = None


def build_source(user_id: str, source: Any, kind: str) -> tuple[dict[str, Any], str]:
    """The event's source object and the chat id replies go to."""
    if (
        source is None
        or source == {}
        or (isinstance(source, dict) and source.get("type") == "user")
    ):
        if kind in ("join", "leave"):
            raise SendError("join/leave need a group or room source")
        return {"type": "user", "userId": user_id}, user_id
    if not isinstance(source, dict) or source.get("type") not in ("group", "room"):
        raise SendError('source.type must be "user", "group" or "room"')
    id_key = "groupId" if source["type"] == "group" else "roomId"
    chat_id = source.get(id_key)
    if not isinstance(chat_id, str) or not CHAT_ID.match(chat_id):
        raise SendError(f"source.{id_key} must look like a LINE id")
    built: dict[str, Any] = {"type": source["type"], id_key: chat_id}
    # LINE names the acting user in group/room events except join and leave.
    if kind not in ("join", "leave"):
        built["userId"] = user_id
    return built, chat_id


def build_event(
    body: dict[str, Any], ids: MessageIds, bot_user_id: str, bot_name: str
) -> BuiltEvent:
    """Turn a /_sim/send body into a webhook event (reply token added by the caller)."""
    kind = body.get("type")
    if kind not in SEND_TYPES:
        raise SendError(f"type must be one of {', '.join(SEND_TYPES)}")
    source, chat_id = build_source(body["userId"], body.get("source"), kind)
    event: dict[str, Any] = {
        "type": "message" if kind in MESSAGE_TYPES else kind,
        "mode": "active",
        "timestamp": now_ms(),
        "source": source,
        "webhookEventId": str(ULID()),
        "deliveryContext": {"isRedelivery": False},
    }
    built = BuiltEvent(event, chat_id, kind in REPLYABLE)
    if kind in MESSAGE_TYPES:
        built.message_id = ids.next()
        event["message"] = _message(kind, body, built, bot_user_id, bot_name)
    elif kind == "postback":
        if not isinstance(body.get("data"), str):
            raise SendError("postback needs data")
        event["postback"] = {"data": body["data"]}
        if body.get("params"):
            event["postback"]["params"] = body["params"]
    elif kind == "follow":
        event["follow"] = {"isUnblocked": bool(body.get("isUnblocked", False))}
    return built


def _message(
    kind: str, body: dict[str, Any], built: BuiltEvent, bot_user_id: str, bot_name: str
) -> dict[str, Any]:
    message: dict[str, Any] = {"type": kind, "id": built.message_id}
    if kind == "text":
        text = body.get("text")
        if not isinstance(text, str) or not text:
            raise SendError("text needs a non-empty text")
        if body.get("mention"):
            text, mention = _mention_bot(text, bot_user_id, bot_name)
            message["mention"] = mention
        message["text"] = text
        message["quoteToken"] = new_quote_token()
    elif kind == "image":
        built.content = (_decode(body), str(body.get("contentType") or "image/jpeg"))
        message["contentProvider"] = {"type": "line"}
        message["quoteToken"] = new_quote_token()
    elif kind == "file":
        data = _decode(body)
        built.content = (data, "application/octet-stream")
        message["fileName"] = str(body.get("fileName") or "file")
        message["fileSize"] = len(data)
    elif kind == "location":
        for name in ("latitude", "longitude"):
            if isinstance(body.get(name), bool) or not isinstance(body.get(name), int | float):
                raise SendError(f"location needs a numeric {name}")
            message[name] = body[name]
        for name in ("title", "address"):
            if body.get(name):
                message[name] = str(body[name])
    elif kind == "sticker":
        message["packageId"] = str(body.get("packageId") or "")
        message["stickerId"] = str(body.get("stickerId") or "")
        if not message["packageId"] or not message["stickerId"]:
            raise SendError("sticker needs packageId and stickerId")
        message["stickerResourceType"] = "STATIC"
        message["quoteToken"] = new_quote_token()
    # Every message event carries a read token: POST /v2/bot/chat/markAsRead spends it.
    message["markAsReadToken"] = new_read_token()
    return message


def _mention_bot(text: str, bot_user_id: str, bot_name: str) -> tuple[str, dict[str, Any]]:
    """Mark "@<bot name>" in the text as a mention of the bot, adding it when absent."""
    handle = f"@{bot_name}"
    if handle not in text:
        text = f"{handle} {text}"
    mentionee = {
        "index": text.index(handle),
        "length": len(handle),
        "type": "user",
        "userId": bot_user_id,
        "isSelf": True,
    }
    return text, {"mentionees": [mentionee]}


def _decode(body: dict[str, Any]) -> bytes:
    try:
        return base64.b64decode(str(body.get("contentBase64") or ""), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SendError("contentBase64 is not valid base64") from exc
