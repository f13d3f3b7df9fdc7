"""One event's trip: claim it in the inbox, dispatch, commit effects and answer, then send.

Each event gets its own database transaction, opened by inserting its inbox row
(bot/chat/inbox.py) and committed with everything the handlers wrote, the message log row and
the answer to send. Handlers may call `session.commit()`: on the turn's session that only
flushes, so nothing is final before the event is. A handler that must undo part of its work
takes a savepoint of its own (`session.begin_nested()`, as the complaint filing does to catch a
twin confirm); the turn opens none, which saves two round trips to the database on every event.
A `session.rollback()` would undo the whole event, inbox claim included, so the event fails and
LINE delivers it again. Jobs a handler enqueues wait for the event's commit: they look up rows
it writes.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from linebot.v3.messaging.models import Message
from linebot.v3.webhook import UnknownEvent
from linebot.v3.webhooks import Event, MessageEvent
from sqlalchemy import Connection, Engine, Insert, Table, bindparam, insert
from sqlalchemy.orm import Session, sessionmaker

from bot.chat import inbox
from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.flows.engine import FlowEngine
from bot.chat.models import Direction, MessageLog
from bot.core.jobs import JobFunction, JobRunner
from bot.core.line import RETRY, Delivered, LineApi
from bot.core.message_json import messages_json
from bot.core.orm import utcnow
from bot.core.phones import mask_phone_numbers
from bot.core.services import Services
from bot.core.state import StateStore
from bot.core.text import bounded, clean_text

log = logging.getLogger(__name__)
_LOG = cast(Table, MessageLog.__table__)

# Seconds before each retry of an answer LINE did not take (5xx, 429, timeouts); the
# outbox sweep (bot/cron.py) takes over after these.
RESEND_AFTER = (10, 60, 300)


class RedeliveryNeeded(Exception):
    """The event's answer could not be handed to the retry job: only LINE's redelivery is left."""


class EventProcessor:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        state: StateStore,
        line: LineApi,
        dispatcher: Dispatcher,
        flows: FlowEngine,
        services: Services,
    ) -> None:
        self._sessions = sessions
        self._engine: Engine = sessions.kw["bind"]
        self._state = state
        self._line = line
        self._dispatcher = dispatcher
        self._flows = flows
        self._services = services

    def process_all(self, events: Sequence[Event]) -> int:
        """Handle each event on its own; returns how many LINE should deliver again.

        An event that fails (a bug, the database gone) is rolled back alone: the others in its
        body keep their committed effects, and their redelivery finds them in the inbox.
        """
        failures = 0
        for event, key in zip(events, inbox_keys(events), strict=True):
            try:
                self.process(event, key)
            except RedeliveryNeeded:
                failures += 1
                log.warning("webhook.answer_left_to_redelivery")
            except Exception:
                failures += 1
                log.exception("webhook.event_failed", extra={"event_type": type(event).__name__})
        return failures

    def process(self, event: Event, key: str | None = None) -> bool:
        """Handle one event; False when it was handled before (or unknown) and so not again.

        `key` is its inbox key, its webhookEventId unless the body repeated that id.
        """
        if isinstance(event, UnknownEvent):
            log.info("webhook.unknown_event", extra={"event_type": getattr(event, "type", "?")})
            return False
        event_id = key or getattr(event, "webhook_event_id", None)
        reply_token = getattr(event, "reply_token", None)
        now = utcnow()
        # One connection (one pool checkout) carries the event's transaction and then the
        # record of its first delivery, each committed on its own as before.
        with self._engine.connect() as connection:
            transaction = connection.begin()
            try:
                claimed = not event_id or inbox.claim(
                    connection,
                    event_id,
                    event_type=_event_type(event),
                    chat_id=_chat_id(event),
                    reply_token=reply_token,
                    now=now,
                )
                if not claimed:
                    transaction.rollback()
                else:
                    turn, messages, bodies, jobs = self._handle(connection, event, event_id, now)
                    transaction.commit()
            except BaseException:
                transaction.rollback()
                raise
            if claimed:
                jobs.release()
                self._send_first(connection, event_id, reply_token, turn, messages, bodies)
        if not claimed:
            assert event_id is not None
            self._redelivered(event, event_id, reply_token)
            return False
        return True

    def _handle(
        self, connection: Connection, event: Event, event_id: str | None, now: datetime
    ) -> tuple[Turn, list[Message], list[dict[str, Any]], _TurnJobs]:
        """Dispatch on a session inside the event's transaction; store the log and the answer."""
        started = time.perf_counter()
        jobs = _TurnJobs(self._services.jobs)
        claimed = connection.get_transaction()
        with Session(
            bind=connection, join_transaction_mode="rollback_only", expire_on_commit=False
        ) as session:
            turn = Turn(
                event=event,
                session=session,
                state=self._state,
                line=self._line,
                services=dataclasses.replace(self._services, jobs=jobs),
                dispatcher=self._dispatcher,
                flows=self._flows,
            )
            messages = self._dispatcher.dispatch(turn)
            session.commit()
        if claimed is None or not claimed.is_active:
            raise RuntimeError("a handler rolled back the event's transaction")
        logged = self._log_in(event, turn, (time.perf_counter() - started) * 1000)
        # The answer's JSON is made once: stored with the event, and sent as it is.
        bodies = messages_json(messages)
        if event_id:
            sealer = self._services.sealer
            inbox.store_answer(connection, event_id, bodies, sealer, now, with_row=logged)
        else:
            connection.execute(*logged)
        return turn, messages, bodies, jobs

    def _send_first(
        self,
        connection: Connection,
        event_id: str | None,
        reply_token: str | None,
        turn: Turn,
        messages: list[Message],
        bodies: list[dict[str, Any]],
    ) -> None:
        """The first try, straight after the commit, while the reply token is fresh."""
        if not messages:
            return
        if event_id is None:  # nothing to retry from: one try, logged
            result = self._line.deliver(reply_token, turn.chat_id, messages, bodies=bodies)
            if result.via in ("reply", "push"):
                with Session(bind=connection, expire_on_commit=False) as session:
                    inbox.finish_unrecorded(session, result, turn.chat_id, turn.intent)
            return
        parcel = inbox.Parcel(
            event_id=event_id,
            chat_id=turn.chat_id,
            reply_token=reply_token,
            reply_uncertain=False,
            messages=messages,
            intent=bounded(turn.intent, 64),
            bodies=bodies,
        )
        result = inbox.attempt(self._line, parcel)
        inbox.finish_on(connection, event_id, result, chat_id=parcel.chat_id, intent=parcel.intent)
        self._retry_later(event_id, result)

    def _redelivered(self, event: Event, event_id: str, reply_token: str | None) -> None:
        """A handled event again: only its answer, if LINE has not accepted it yet."""
        redelivery = bool(getattr(event.delivery_context, "is_redelivery", False))
        log.info("webhook.duplicate_event", extra={"redelivery": redelivery})
        with self._sessions() as session:
            parcel = inbox.take(
                session, event_id, self._services.sealer, fresh_reply_token=reply_token
            )
            if parcel is None:
                return  # sent, refused for good, nothing to send, or being sent right now
            result = inbox.send(session, self._line, parcel)
        self._retry_later(event_id, result)

    def _retry_later(self, event_id: str, result: Delivered) -> None:
        """A transient failure: the retry job tries again with the same key.

        The webhook still answers 200 (a 500 would make LINE resend every event of the body,
        and answer on LINE's schedule, not ours); only when the job cannot be queued is the
        redelivery asked for, which re-sends the stored answer just the same.
        """
        if result.outcome != RETRY:
            return
        from bot.chat.jobs import resend_answer  # the job module imports the app factory's

        try:
            self._services.jobs.enqueue(
                resend_answer,
                event_id,
                job_id=f"outbox-{event_id}",
                retry_after=RESEND_AFTER,
            )
        except Exception as exc:
            raise RedeliveryNeeded from exc

    def _log_in(self, event: Event, turn: Turn, elapsed_ms: float) -> tuple[Insert, dict[str, Any]]:
        """The event's message log row: a Core INSERT (no ORM object to flush for a row never
        read), built once, and its values.

        The log keeps what people asked, never their phone numbers; every value fits its column.
        `created_at` is given, as the column's default would make it: in a statement's WITH,
        SQLAlchemy leaves that Python default unset.
        """
        text = mask_phone_numbers(clean_text(turn.text)) if turn.text and turn.log_text else None
        return _LOG_IN, {
            "log_event_id": getattr(event, "webhook_event_id", None),
            "log_direction": Direction.IN,
            "log_user_id": turn.user_id,
            "log_event_type": bounded(_event_type(event), 32),
            "log_text": text,
            "log_intent": bounded(turn.intent, 64),
            "log_confidence": turn.confidence,
            "log_decision": bounded(turn.decision, 16),
            "log_handling_ms": elapsed_ms,
            "log_created_at": utcnow(),
        }


_LOG_IN_COLUMNS: tuple[str, ...] = ("event_id", "direction", "user_id", "event_type", "text")
_LOG_IN_COLUMNS += ("intent", "confidence", "decision", "handling_ms", "created_at")
# Parameters named apart from every column: in a statement with a WITH, SQLAlchemy would read
# a parameter named like a column of the WITH's table as one more value to set there.
_LOG_IN = insert(_LOG).values({name: bindparam(f"log_{name}") for name in _LOG_IN_COLUMNS})


def inbox_keys(events: Sequence[Event]) -> list[str | None]:
    """Each event's inbox key: its webhookEventId, and for a repeat of an id within one body
    (LINE gives every event its own id, but the SDK's recorded test body gives all 28 the same
    one) that id with its repeat's number, so each is handled once and a resent body is still
    recognised event by event."""
    seen: dict[str, int] = {}
    keys: list[str | None] = []
    for event in events:
        event_id = getattr(event, "webhook_event_id", None)
        if not event_id:
            keys.append(None)
            continue
        repeat = seen.get(event_id, 0)
        seen[event_id] = repeat + 1
        keys.append(event_id if repeat == 0 else f"{event_id[:56]}#{repeat}")
    return keys


def _event_type(event: Event) -> str:
    if isinstance(event, MessageEvent):
        return f"message.{event.message.type}"
    return str(event.type)


def _chat_id(event: Event) -> str | None:
    source = event.source
    if source is None:
        return None
    return (
        getattr(source, "group_id", None)
        or getattr(source, "room_id", None)
        or getattr(source, "user_id", None)
    )


class _TurnJobs(JobRunner):
    """The turn's job runner: enqueues wait for the event's commit, and vanish with a rollback."""

    def __init__(self, runner: JobRunner) -> None:
        self._runner = runner
        self._held: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.runs_in_process = runner.runs_in_process

    def enqueue(self, func: JobFunction, *args: Any, **options: Any) -> None:
        self._held.append(("enqueue", (func, *args), options))

    def enqueue_at(self, when: datetime, func: JobFunction, *args: Any, **options: Any) -> None:
        self._held.append(("enqueue_at", (when, func, *args), options))

    def cancel(self, job_id: str) -> bool:
        return self._runner.cancel(job_id)

    def scheduled_job_ids(self, prefix: str = "") -> list[str]:
        return self._runner.scheduled_job_ids(prefix)

    def close(self) -> None:
        self._held.clear()

    def release(self) -> None:
        """Hand the held jobs to the real runner, now that what they read is committed."""
        held, self._held = self._held, []
        for method, args, options in held:
            try:
                getattr(self._runner, method)(*args, **options)
            except Exception:
                # The effects are committed; a job lost with its queue is logged, not fatal.
                log.exception("turn.job_not_queued", extra={"job_id": options.get("job_id")})
