"""Message-sending endpoints: reply, push, multicast, broadcast, narrowcast, quota."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from linesim.api.bodies import read_json
from linesim.audiences import RecipientError, Targeting, narrowcast_targets
from linesim.channel import Channel, get_channel
from linesim.errors import (
    FAILED_TO_SEND,
    INVALID_REPLY_TOKEN,
    MONTHLY_LIMIT,
    NOT_FOUND,
    RETRY_KEY_ACCEPTED,
    LineError,
    detail,
    invalid_request,
)
from linesim.gate import RETRY_KEY_HEADER, install_gate
from linesim.ids import CHAT_ID, RETRY_KEY, new_quote_token
from linesim.validation import check_messages

bp = Blueprint("messaging", __name__, url_prefix="/v2/bot/message")
install_gate(bp)

MAX_MULTICAST = 500
# Message types LINE hands back a quote token for.
QUOTABLE = {"text", "textV2", "sticker", "image", "video"}


def _retry_key() -> str | None:
    # The gate has already refused the header on endpoints that do not take it.
    key = request.headers.get(RETRY_KEY_HEADER)
    if key is None:
        return None
    if not RETRY_KEY.match(key):
        raise LineError(400, f"The value of the {RETRY_KEY_HEADER} header must be a UUID")
    return key


def _sent_messages(channel: Channel, messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    sent = []
    for message in messages:
        entry = {"id": channel.message_ids.next()}
        if message.get("type") in QUOTABLE:
            entry["quoteToken"] = new_quote_token()
        sent.append(entry)
    return sent


def _accept(
    endpoint: str,
    to: list[str],
    messages: list[dict[str, Any]],
    retry_key: str | None,
    *,
    with_sent: bool,
    precheck: Callable[[], None] | None = None,
) -> list[dict[str, str]] | None:
    """Retry-key check, precheck and quota, then record; the sentMessages when asked."""
    channel = get_channel()
    if retry_key is not None:
        ttl = channel.config.retry_key_ttl
        earlier = channel.state.reserve_retry_key(retry_key, g.request_id, ttl)
        if earlier is not None:
            extra = {"sentMessages": earlier.sent_messages} if earlier.sent_messages else {}
            headers = {"x-line-accepted-request-id": earlier.request_id}
            raise LineError(409, RETRY_KEY_ACCEPTED, headers=headers, extra=extra)
    try:
        if precheck is not None:
            precheck()
        if not channel.state.consume_quota(len(to), channel.config.monthly_quota):
            raise LineError(429, MONTHLY_LIMIT)
    except LineError:
        # Refused after all: the key was never accepted, so a retry may still pass.
        if retry_key is not None:
            channel.state.release_retry_key(retry_key)
        raise
    sent = _sent_messages(channel, messages) if with_sent else None
    if retry_key is not None:
        channel.state.complete_retry_key(retry_key, sent)
    channel.state.record_delivery(endpoint, to, messages, g.request_id, retry_key)
    return sent


def _checked_messages(body: dict[str, Any], extra: list[dict[str, str]]) -> list[dict[str, Any]]:
    details = extra + check_messages(body.get("messages"))
    if details:
        raise invalid_request(details)
    messages: list[dict[str, Any]] = body["messages"]
    return messages


@bp.post("/reply")
def reply() -> Response:
    """Answer an event with its reply token: single use, expiring, free of quota."""
    body = read_json()
    token = body.get("replyToken")
    extra = [] if isinstance(token, str) and token else [detail("replyToken", "May not be empty")]
    messages = _checked_messages(body, extra)
    channel = get_channel()
    chat_id = channel.state.use_reply_token(str(token))
    if chat_id is None:
        raise LineError(400, INVALID_REPLY_TOKEN)
    sent = _sent_messages(channel, messages)
    channel.state.record_delivery("reply", [chat_id], messages, g.request_id, None)
    return jsonify({"sentMessages": sent})


@bp.post("/push")
def push() -> Response:
    """Send to one user, group or room at any time."""
    key = _retry_key()
    body = read_json()
    to = body.get("to")
    extra = [] if isinstance(to, str) and to else [detail("to", "May not be empty")]
    messages = _checked_messages(body, extra)
    to = str(to)
    if not CHAT_ID.match(to):
        raise LineError(
            400, "The property, 'to', in the request body is invalid (line: -, column: -)"
        )

    def reachable() -> None:
        if not get_channel().state.can_receive(to):
            raise LineError(400, FAILED_TO_SEND)

    sent = _accept("push", [to], messages, key, with_sent=True, precheck=reachable)
    return jsonify({"sentMessages": sent})


@bp.post("/multicast")
def multicast() -> Response:
    """Send to 1–500 user ids; ids that cannot receive are skipped, as LINE does."""
    key = _retry_key()
    body = read_json()
    to = body.get("to")
    ok = (
        isinstance(to, list)
        and 1 <= len(to) <= MAX_MULTICAST
        and all(isinstance(t, str) for t in to)
    )
    extra = [] if ok else [detail("to", f"Size must be between 1 and {MAX_MULTICAST}")]
    messages = _checked_messages(body, extra)
    state = get_channel().state
    ids: list[str] = body["to"]
    reachable = [user_id for user_id in dict.fromkeys(ids) if state.can_receive(user_id)]
    _accept("multicast", reachable, messages, key, with_sent=False)
    return jsonify({})


@bp.post("/broadcast")
def broadcast() -> Response:
    """Send to every follower."""
    key = _retry_key()
    messages = _checked_messages(read_json(), [])
    _accept("broadcast", get_channel().state.followers(), messages, key, with_sent=False)
    return jsonify({})


@bp.post("/narrowcast")
def narrowcast() -> Response:
    """Send to the followers the recipient object picks; 202, progress by request id.

    Audience, redelivery and operator recipients are evaluated; a demographic filter is refused
    (400) rather than ignored, so a test never believes a targeted send reached only its target.
    """
    key = _retry_key()
    body = read_json()
    messages = _checked_messages(body, [])
    state = get_channel().state
    targeting = Targeting(state.followers(), state.audiences, state.narrowcast_targets)
    try:
        targets = narrowcast_targets(body, targeting)
    except RecipientError as refused:
        raise invalid_request(refused.details) from refused
    limit = body.get("limit")
    if isinstance(limit, dict) and isinstance(limit.get("max"), int):
        targets = targets[: limit["max"]]
    accepted = _iso_now()
    _accept("narrowcast", targets, messages, key, with_sent=False)
    state.save_narrowcast(
        g.request_id,
        {
            "phase": "succeeded",
            "successCount": len(targets),
            "failureCount": 0,
            "targetCount": len(targets),
            "acceptedTime": accepted,
            "completedTime": _iso_now(),
        },
        targets,
    )
    response = jsonify({})
    response.status_code = 202
    return response


@bp.get("/progress/narrowcast")
def narrowcast_progress() -> Response:
    """The progress object of an accepted narrowcast."""
    request_id = request.args.get("requestId")
    if not request_id:
        raise LineError(400, "The request parameter, 'requestId', is required")
    progress = get_channel().state.narrowcast(request_id)
    if progress is None:
        raise LineError(404, NOT_FOUND)
    return jsonify(progress)


@bp.get("/quota")
def quota() -> Response:
    """The monthly target limit: "none" when unlimited."""
    limit = get_channel().config.monthly_quota
    return jsonify({"type": "none"} if limit is None else {"type": "limited", "value": limit})


@bp.get("/quota/consumption")
def quota_consumption() -> Response:
    """Messages counted against the quota this month (replies are free)."""
    return jsonify({"totalUsage": get_channel().state.quota_used()})


def _iso_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
