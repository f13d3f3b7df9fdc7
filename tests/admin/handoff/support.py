"""What the handoff tests share: a LINE stand-in that records, and events a person sends."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from bot.agent_requests.models import Handoff
from bot.core.db import get_session
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import signed_post
from tests.support.fakes import RecordingLine

PERSON = "U" + "b" * 32
_ids = itertools.count(1)


@dataclass
class HandoffLine(RecordingLine):
    """Replies as RecordingLine records them, plus pushes, read marks and the quota."""

    pushes: list[dict[str, Any]] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    keys_seen: set[str] = field(default_factory=set)
    _push_lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, to: str, messages: Any, retry_key: str | None = None) -> None:
        with self._push_lock:
            if retry_key in self.keys_seen:
                from linebot.v3.messaging import ApiException

                raise ApiException(status=409, reason="Conflict")  # as LINE answers a reused key
            self.keys_seen.add(retry_key or "")
            self.pushes.append(
                {"to": to, "messages": [m.to_dict() for m in messages], "retry_key": retry_key}
            )

    def content(self, message_id: str) -> bytes:
        return b"\x89PNG\r\n\x1a\n" + message_id.encode()

    def mark_as_read(self, token: str) -> None:
        self.read.append(token)

    def quota(self) -> tuple[int | None, int]:
        return 500, len(self.pushes)

    def pushed_texts(self) -> list[str]:
        return [m.get("text", "") for p in self.pushes for m in p["messages"]]


def event_body(
    message: dict[str, Any] | None = None, postback: str | None = None
) -> dict[str, Any]:
    n = next(_ids)
    event: dict[str, Any] = {
        "webhookEventId": f"01HANDOFF{n:017d}",
        "deliveryContext": {"isRedelivery": False},
        "timestamp": 1763700000000,
        "source": {"type": "user", "userId": PERSON},
        "replyToken": f"r{n:031d}",
        "mode": "active",
    }
    if postback is not None:
        event.update(type="postback", postback={"data": postback})
    else:
        event.update(type="message", message={"id": str(9000 + n), **(message or {})})
    return event


def send_event(app, event: dict[str, Any]) -> None:
    body = {"destination": "Uf" + "0" * 31, "events": [event]}
    assert signed_post(app.test_client(), body, CHANNEL_SECRET).status_code == 200


def person_says(app, line: HandoffLine, text: str) -> list[str]:
    before = len(line.deliveries)
    send_event(
        app,
        event_body(
            {"type": "text", "text": text, "quoteToken": "q", "markAsReadToken": "t" + text[:8]}
        ),
    )
    return [m.get("text", "") for d in line.deliveries[before:] for m in d["messages"]]


def ask_for_officer(app, line: HandoffLine) -> list[str]:
    before = len(line.deliveries)
    send_event(app, event_body(postback="action=intent&intent=human_agent"))
    return [m.get("text", "") for d in line.deliveries[before:] for m in d["messages"]]


def current_handoff(app) -> Handoff:
    with app.app_context():
        found = get_session().scalar(select(Handoff).order_by(Handoff.id.desc()))
        assert found is not None
        return found


def sweep_at(app, line, now, hours: str = "") -> Any:
    from datetime import timedelta

    from bot.agent_requests.jobs import sweep
    from bot.agent_requests.office_hours import OfficeHours

    with app.app_context():
        return sweep(
            get_session(),
            line,
            wait=timedelta(minutes=15),
            idle=timedelta(minutes=30),
            hours=OfficeHours.parse(hours, "Asia/Bangkok") if hours else None,
            now=now,
        )
