"""Reading a signed webhook body, one event at a time.

The SDK's `WebhookParser.parse` turns the whole body into events at once, so one event it
cannot validate fails them all. Here the body is checked as JSON first (a body that is not
JSON at all is refused with 400), then each event is parsed on its own: an event of a type the
SDK does not know, or one malformed, is logged by type and field and skipped, and the other
events of the body are handled. Strings are cleaned (no NUL, no control characters) and bounded
before any handler or column sees them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from linebot.v3.webhooks import Event, LocationMessageContent, MessageContent, MessageEvent

from bot.core.text import MAX_TEXT_CHARS, clean_text

log = logging.getLogger(__name__)

MAX_DEPTH = 16  # LINE's deepest event is about six levels; nothing handled needs more
MAX_POSTBACK_CHARS = 300  # LINE's limit for postback data
# Every id the bot keeps goes into a String(64) column; LINE's are 33 characters or ULIDs.
_ID = re.compile(r"[0-9A-Za-z_\-]{1,64}")
_ID_FIELDS = ("webhookEventId",)
_SOURCE_ID_FIELDS = ("userId", "groupId", "roomId")
# Milliseconds since 1970 that a datetime can hold (up to the year 9999).
_MAX_TIMESTAMP_MS = 253_402_300_799_999


class BodyMalformed(ValueError):
    """The body is not a JSON object with a list of events: nothing in it can be read."""


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def load_body(text: str) -> list[Any]:
    """The raw events of a body; BodyMalformed unless it is a JSON object with a list of events."""
    try:
        body = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        # ValueError: not JSON, NaN, or an integer past Python's 4,300-digit limit.
        raise BodyMalformed(type(error).__name__) from None
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        raise BodyMalformed("no list of events")
    return body["events"]


def parse_events(raw_events: list[Any]) -> list[Event]:
    """The events that could be read, in order; each one that could not is logged and skipped."""
    events = []
    for index, raw in enumerate(raw_events):
        event = parse_event(raw, index)
        if event is not None:
            events.append(event)
    return events


def parse_event(raw: Any, index: int = 0) -> Event | None:
    """One event, cleaned and validated; None (and a log line) when it cannot be handled."""
    problem = _shape_problem(raw)
    if problem is not None:
        log.warning("webhook.event_malformed", extra={"index": index, "problem": problem})
        return None
    cleaned = _cleaned(raw, MAX_TEXT_CHARS)
    if not _known_type(cleaned):
        # LINE adds event and message types from time to time: acknowledged, not an error.
        log.info("webhook.unknown_event", extra={"index": index, "event_type": _type_name(raw)})
        return None
    try:
        event = Event.from_dict(cleaned)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        # The SDK's messages quote the whole event (what people wrote): only say where it broke.
        log.warning(
            "webhook.event_malformed",
            extra={"index": index, "event_type": _type_name(raw), "problem": _where(error)},
        )
        return None
    problem = _value_problem(event)
    if problem is not None:
        log.warning(
            "webhook.event_malformed",
            extra={"index": index, "event_type": _type_name(raw), "problem": problem},
        )
        return None
    return event


def _shape_problem(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "not an object"
    if _deeper_than(raw, MAX_DEPTH):
        return "nested too deeply"
    for name in _ID_FIELDS:
        if name in raw and raw[name] is not None and not _is_id(raw[name]):
            return f"bad {name}"
    source = raw.get("source")
    if isinstance(source, dict):
        for name in _SOURCE_ID_FIELDS:
            if source.get(name) is not None and not _is_id(source[name]):
                return f"bad source.{name}"
    return None


def _value_problem(event: Event) -> str | None:
    """What the SDK accepts but no handler or column can use."""
    timestamp = getattr(event, "timestamp", None)
    if not isinstance(timestamp, int) or not 0 <= timestamp <= _MAX_TIMESTAMP_MS:
        return "timestamp out of range"
    if isinstance(event, MessageEvent) and isinstance(event.message, LocationMessageContent):
        pin = event.message
        if not (-90 <= pin.latitude <= 90 and -180 <= pin.longitude <= 180):
            return "location out of range"
    return None


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _known_type(raw: dict[str, Any]) -> bool:
    kind = raw.get("type")
    if not isinstance(kind, str) or not Event.get_discriminator_value({"type": kind}):
        return False
    message = raw.get("message")
    if kind == "message" and isinstance(message, dict):
        message_type = message.get("type")
        return isinstance(message_type, str) and bool(
            MessageContent.get_discriminator_value({"type": message_type})
        )
    return True


def _type_name(raw: dict[str, Any]) -> str:
    kind = raw.get("type")
    return clean_text(kind, 32) if isinstance(kind, str) else type(kind).__name__


def _where(error: BaseException) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        try:
            found = errors()
        except Exception:  # noqa: BLE001 - the message is only for the log line
            found = []
        if found:
            places = {".".join(str(part) for part in e.get("loc", ())) for e in found}
            return "invalid " + ", ".join(sorted(places))[:200]
    return type(error).__name__


def _cleaned(value: Any, limit: int, key: str = "") -> Any:
    """A copy with every string cleaned; postback data bounded to LINE's 300 characters."""
    if isinstance(value, str):
        return clean_text(value, MAX_POSTBACK_CHARS if key == "data" else limit)
    if isinstance(value, dict):
        return {k: _cleaned(v, limit, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v, limit) for v in value]
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Iterative, so a deep body cannot exhaust the stack here."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        children: Iterator[Any] = iter(())
        if isinstance(current, dict):
            children = iter(current.values())
        elif isinstance(current, list):
            children = iter(current)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
