"""Driving the flow engine directly, no HTTP: LINE events from tests.support.events, turns on an
in-memory store.

`EngineChat` plays one user: `start`, `say`, `tap` (a quick reply of the bot's last answer),
`send` (any event, e.g. `parse_event(make_image_event(...))`). The services are typed and fake
only where a real one would reach out (jobs are recorded; tests.support.fakes.PhraseNLU gives
real `Understanding`s).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from linebot.v3.messaging.models import Message
from linebot.v3.webhooks import Event, MessageEvent
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.flows.engine import Flow, FlowEngine
from bot.chat.models import FlowDraft
from bot.core.jobs import JobFunction, JobRunner
from bot.core.services import Services
from bot.core.state import MemoryStateStore
from bot.core.users import LineUser
from intents.taxonomy import load_taxonomy
from tests.support.chat import postback_data, texts
from tests.support.events import make_postback_event, make_text_event, parse_event

USER = "U" + "5" * 32


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


def make_services(tmp_path: Path, **changes: Any) -> Services:
    """Services as the app factory builds them, with recorded jobs and no classifier."""
    services = Services(
        jobs=RecordingJobs(),
        intent_labels={intent.id: intent.th for intent in load_taxonomy().intents},
        media_dir=tmp_path / "media",
        complaint_retention_years=2,
    )
    return replace(services, **changes)


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
        """`session` may be None for flows that write nothing but their drafts: those then live
        in an in-memory SQLite database of their own (with the users, whose language a turn
        reads)."""
        if session is None:
            engine = create_engine("sqlite://")
            FlowDraft.__table__.create(engine)  # type: ignore[attr-defined]
            LineUser.__table__.create(engine)  # type: ignore[attr-defined]
            session = Session(engine, expire_on_commit=False)
        self.session, self.services, self.user_id = session, services, user_id
        self.state = MemoryStateStore(clock=clock)
        self.engine = FlowEngine(flows, clock=clock)  # one clock: drafts expire as time passes
        self.dispatcher = dispatcher
        self.last: list[dict[str, Any]] = []

    def turn(self, event: Event) -> Turn:
        turn = Turn(
            event=event,
            session=self.session,
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
        event = parse_event(make_text_event("start", user_id=self.user_id))
        return self._keep(self.engine.start(flow, self.turn(event)))

    def send(self, event: Event) -> str:
        """Hand the event to the open flow; "" (and no messages) when none is open."""
        return self._keep(self.engine.route(self.turn(event)) or [])

    def say(self, text: str) -> str:
        return self.send(parse_event(make_text_event(text, user_id=self.user_id)))

    def tap(self, label: str) -> str:
        data = postback_data(self.last, label)
        return self.send(parse_event(make_postback_event(data, user_id=self.user_id)))

    def labels(self) -> list[str]:
        items = self.last[-1].get("quickReply", {}).get("items", [])
        return [i["action"]["label"] for i in items]

    def draft(self) -> dict[str, Any] | None:
        stored = self.engine.drafts.load(
            self.turn(parse_event(make_text_event("?", user_id=self.user_id)))
        )
        return None if stored is None else stored.to_json()

    def _keep(self, messages: list[Message]) -> str:
        self.session.commit()
        self.last = [m.to_dict() for m in messages]
        return texts(self.last)
