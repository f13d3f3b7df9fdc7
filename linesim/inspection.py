"""The /_sim inspection API: make users act, read what the bot sent, tune the emulator."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request, stream_with_context

from linesim.channel import Channel, get_channel
from linesim.config import ConfigError, apply_update
from linesim.events import SendError, build_event
from linesim.ids import USER_ID
from linesim.stream import frames

bp = Blueprint("inspection", __name__, url_prefix="/_sim")

PROFILE_FIELDS = {
    "displayName": "display_name",
    "pictureUrl": "picture_url",
    "language": "language",
    "statusMessage": "status_message",
}


def _bad(message: str, status: int = 400) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


@bp.get("/users")
def list_users() -> Response:
    """Every simulated user."""
    return jsonify({"users": [u.to_json() for u in get_channel().state.users()]})


@bp.post("/users")
def upsert_user() -> Response | tuple[Response, int]:
    """Create a user (id generated when absent) or update one."""
    body = _body()
    user_id = body.get("userId")
    if user_id is not None and (not isinstance(user_id, str) or not USER_ID.match(user_id)):
        return _bad("userId must be U followed by 32 lowercase hex digits")
    profile = {attr: body.get(key) for key, attr in PROFILE_FIELDS.items()}
    user = get_channel().state.upsert_user(user_id, **profile)
    return jsonify(user.to_json()), 201


@bp.post("/send")
def send() -> Response:
    """Make a user do something; delivered to the bot as a signed webhook."""
    body = _body()
    user_id = body.get("userId")
    if not isinstance(user_id, str) or not USER_ID.match(user_id):
        return _bad("userId must be U followed by 32 lowercase hex digits")
    channel = get_channel()
    try:
        built = build_event(
            body, channel.message_ids, channel.config.bot_user_id, channel.config.bot_display_name
        )
    except SendError as exc:
        return _bad(str(exc))
    _apply_side_effects(channel, body["type"], user_id, built.chat_id)
    reply_token = None
    if built.needs_reply_token:
        reply_token = channel.state.issue_reply_token(built.chat_id, channel.config.reply_token_ttl)
        # LINE puts replyToken right after the event's type-specific head; order is cosmetic.
        built.event["replyToken"] = reply_token
    if built.message_id is not None and built.content is not None:
        channel.state.put_content(built.message_id, *built.content)
    message = built.event.get("message") or {}
    if message.get("markAsReadToken"):
        channel.state.issue_read_token(message["markAsReadToken"], built.chat_id, message["id"])
    last_seq = channel.state.last_seq()
    delivery = channel.sender.deliver(built.event)
    return jsonify(
        {
            "webhookEventId": built.event["webhookEventId"],
            "replyToken": reply_token,
            "messageId": built.message_id,
            "lastSeq": last_seq,
            "event": built.event,
            "delivery": delivery,
        }
    )


def _apply_side_effects(channel: Channel, kind: str, user_id: str, chat_id: str) -> None:
    state = channel.state
    if state.user(user_id) is None:
        state.upsert_user(user_id)
    if kind in ("follow", "unfollow"):
        state.set_following(user_id, kind == "follow")
    if chat_id != user_id:
        state.note_chat(chat_id)


@bp.get("/messages")
def messages() -> Response:
    """What the bot sent (accepted requests only), in order."""
    after = request.args.get("after", default=0, type=int) or 0
    found = get_channel().state.deliveries(
        to=request.args.get("to") or None,
        endpoint=request.args.get("endpoint") or None,
        after=max(after, 0),
    )
    return jsonify({"messages": found})


@bp.get("/stream")
def stream() -> Response:
    """Server-Sent Events of every delivery to one chat, plus typing indicators."""
    key = request.args.get("userId") or request.args.get("chatId")
    if not key:
        return _bad("userId is required")
    channel = get_channel()
    body = stream_with_context(frames(channel.hub, key, channel.config.stream_ping_seconds))
    response = Response(body, mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response


@bp.get("/reads")
def reads() -> Response:
    """What the bot marked read: per chat, the newest message id it marked."""
    return jsonify({"chats": get_channel().state.read_marks()})


@bp.post("/reset")
def reset() -> Response:
    """Forget messages, users, tokens, retry keys, counters and quota use."""
    get_channel().reset()
    return jsonify({"ok": True})


@bp.get("/stats")
def stats() -> Response:
    """Request, status and webhook counters."""
    return jsonify(get_channel().state.stats())


@bp.get("/webhooks")
def webhooks() -> Response:
    """Every webhook POST attempt: event id, redelivery flag, status, error."""
    return jsonify({"webhooks": get_channel().state.webhook_log()})


@bp.post("/config")
def configure() -> Response:
    """Change fault injection, limits and timings at runtime."""
    try:
        apply_update(get_channel().config, _body())
    except ConfigError as exc:
        return _bad(str(exc))
    return jsonify(get_channel().config.to_json())
