"""Driving the flow engine directly, no HTTP: LINE events built here, turns on an in-memory store.

`EngineChat` plays one user: `start`, `say`, `tap` (a quick reply of the bot's last answer),
`send_image`, `send_location`. The services are typed and fake only where a real one would reach
out (jobs are recorded, the NLU answers from a script with real `Understanding`s).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from linebot.v3.messaging.models import Message
from linebot.v3.webhooks import Event, MessageEvent, PostbackEvent
from sqlalchemy.orm import Session

from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.flows.engine import Flow, FlowEngine
from bot.core.jobs import JobFunction, JobRunner
from bot.core.services import Services
from bot.core.state import MemoryStateStore
from intents.classifier import Ranked
from intents.fallback import Decision
from intents.pipeline import Understanding
from intents.taxonomy import load_taxonomy

USER = "U" + "5" * 32
_ids = itertools.count(1)


class RecordingJobs(JobRunner):
    """A job runner that runs nothing and notes what was enqueued: (function, args, job id)."""

    runs_in_process = False

    def __init__(self) -> None:
        self.calls: list[tuple[JobFunction, tuple[Any, ...], str | None]] = []

    def enqueue(
        self,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,
    ) -> None:
        self.calls.append((func, args, job_id))

    def enqueue_at(
        self,
        when: datetime,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,
    ) -> None:
        self.calls.append((func, args, job_id))

    def cancel(self, job_id: str) -> bool:
        return False

    def scheduled_job_ids(self, prefix: str = "") -> list[str]:
        return []

    def close(self) -> None:
        pass


class ScriptedNLU:
    """Understands the texts it is given, with the confidence given; the rest is out of scope."""

    def __init__(self, script: Mapping[str, tuple[str, float]] | None = None) -> None:
        self.script = dict(script or {})

    def understand(self, text: str) -> Understanding:
        intent, confidence = self.script.get(text.strip(), ("out_of_scope", 0.95))
        kind = "out_of_scope" if intent == "out_of_scope" else "accept"
        ranked = Ranked(intent, confidence)
        return Understanding(
            text=text,
            normalized=text.strip(),
            lang="th",
            intent=intent,
            confidence=confidence,
            ranking=(ranked,),
            entities=(),
            decision=Decision(kind, intent, confidence),
        )


def make_services(tmp_path: Path, **changes: Any) -> Services:
    """Services as the app factory builds them, with recorded jobs and no classifier."""
    services = Services(
        jobs=RecordingJobs(),
        intent_labels={intent.id: intent.th for intent in load_taxonomy().intents},
        media_dir=tmp_path / "media",
        complaint_retention_years=2,
    )
    return replace(services, **changes)


def _event_base(kind: str, user_id: str) -> dict[str, Any]:
    return {
        "type": kind,
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user_id},
        "webhookEventId": f"01{next(_ids):024d}",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": "r" * 32,
    }


def text_event(text: str, user_id: str = USER) -> MessageEvent:
    message = {"type": "text", "id": str(next(_ids)), "text": text, "quoteToken": "q"}
    return MessageEvent.from_dict({**_event_base("message", user_id), "message": message})


def postback_event(data: str, user_id: str = USER) -> PostbackEvent:
    return PostbackEvent.from_dict({**_event_base("postback", user_id), "postback": {"data": data}})


def image_event(user_id: str = USER) -> MessageEvent:
    message = {
        "type": "image",
        "id": str(next(_ids)),
        "quoteToken": "q",
        "contentProvider": {"type": "line"},
    }
    return MessageEvent.from_dict({**_event_base("message", user_id), "message": message})


def location_event(
    latitude: float, longitude: float, address: str | None = None, user_id: str = USER
) -> MessageEvent:
    message: dict[str, Any] = {
        "type": "location",
        "id": str(next(_ids)),
        "latitude": latitude,
        "longitude": longitude,
    }
    if address:
        message["address"] = address
    return MessageEvent.from_dict({**_event_base("message", user_id), "message": message})


class EngineChat:
    """One user talking to a flow engine, turn by turn, as the event processor would."""

    def __init__(
        self,
        session: Session | None,
        flows: Iterable[Flow],
        services: Services,
        *,
        dispatcher: Dispatcher | None = None,
        clock: Callable[[], float] = time.time,
        user_id: str = USER,
    ) -> None:
        """`session` may be None for flows that never touch the database."""
        self.session, self.services, self.user_id = session, services, user_id
        self.state = MemoryStateStore(clock=clock)  # one clock: drafts expire as time passes
        self.engine = FlowEngine(flows, clock=clock)
        self.dispatcher = dispatcher
        self.last: list[dict[str, Any]] = []

    def turn(self, event: Event) -> Turn:
        turn = Turn(
            event=event,
            session=self.session,  # type: ignore[arg-type]
            state=self.state,
            line=None,  # type: ignore[arg-type]  # flows return messages; nothing is sent here
            services=self.services,
            dispatcher=self.dispatcher,
            flows=self.engine,
        )
        if isinstance(event, MessageEvent) and event.message.type == "text":
            turn.text = event.message.text
        return turn

    def start(self, flow: str) -> str:
        return self._keep(self.engine.start(flow, self.turn(text_event("start", self.user_id))))

    def send(self, event: Event) -> str:
        """Hand the event to the open flow; "" (and no messages) when none is open."""
        return self._keep(self.engine.route(self.turn(event)) or [])

    def say(self, text: str) -> str:
        return self.send(text_event(text, self.user_id))

    def tap(self, label: str) -> str:
        return self.send(postback_event(self.button(label), self.user_id))

    def button(self, label: str) -> str:
        """The postback data of the quick reply `label` on the bot's last message."""
        items = self.last[-1]["quickReply"]["items"]
        (data,) = [i["action"]["data"] for i in items if i["action"]["label"] == label]
        return str(data)

    def labels(self) -> list[str]:
        items = self.last[-1].get("quickReply", {}).get("items", [])
        return [i["action"]["label"] for i in items]

    def draft(self) -> dict[str, Any] | None:
        stored: dict[str, Any] | None = self.state.get_json(f"flow:user:{self.user_id}")
        return stored

    def _keep(self, messages: list[Message]) -> str:
        if self.session is not None:
            self.session.commit()
        self.last = [m.to_dict() for m in messages]
        return "\n".join(m.get("text", "") for m in self.last)
