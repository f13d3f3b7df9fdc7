"""The inbox and outbox of webhook events: each event's effects and answer, committed once.

An event is claimed by inserting its row into `chat_inbox` (keyed on webhookEventId) in the
transaction that then carries the event's effects; the answer is stored in the same row before
that transaction commits, and sent after it. So:
- a redelivery of a handled event finds the row and only sends the stored answer if LINE has
  not accepted it yet; a second delivery arriving at the same moment waits on the row's insert
  (PostgreSQL's unique index, SQLite's write lock) and then finds it;
- an event whose handling died before the commit left no row: its redelivery handles it;
- a worker that died after the commit left a pending answer: a redelivery, the retry job or
  the sweep sends it, pushing with the retry key derived from the event, so LINE delivers it
  once however often it is tried.
A sender takes a short lease on the row first, so two senders never send one answer at once.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, cast

from linebot.v3.messaging.models import Message
from sqlalchemy import (
    Connection,
    Insert,
    Table,
    Update,
    and_,
    bindparam,
    case,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.chat.models import Delivery, Direction, InboxEvent, MessageLog
from bot.core.crypto import Cipher, seal_json, unseal_json
from bot.core.line import FAILED, RETRY, SENT, Bodies, Delivered, LineApi
from bot.core.orm import utcnow
from bot.core.users import LineUser

log = logging.getLogger(__name__)
_INBOX = cast(Table, InboxEvent.__table__)  # Core statements: one round trip, no ORM load
_LOG = cast(Table, MessageLog.__table__)

# Retry keys are UUIDs; deriving them from the event id makes every try of one answer the same.
RETRY_KEY_NAMESPACE = uuid.UUID("6f1c0c52-2d4e-4f55-9a57-6f0ad9d1a514")
# Long enough for a reply and a push to time out (LINE_REQUEST_TIMEOUT 5 s each), short enough
# for a redelivery or the sweep to take over soon after a worker died holding it.
LEASE = timedelta(seconds=30)
# LINE remembers a retry key for 24 hours; past 23 an answer is given up rather than risk a twin.
GIVE_UP_AFTER = timedelta(hours=23)
# Settled rows are kept this long, far past any redelivery LINE makes, then deleted (the message
# log keeps the history); a redelivery arriving later still would be handled again.
KEEP_SETTLED = timedelta(days=30)
# The sweep leaves the first minute to the webhook's own try and the retry job's first ones.
SWEEP_AFTER = timedelta(minutes=1)


def retry_key(event_id: str) -> str:
    """The X-Line-Retry-Key of every push of this event's answer."""
    return str(uuid.uuid5(RETRY_KEY_NAMESPACE, event_id))


def claim(
    connection: Connection,
    event_id: str,
    *,
    event_type: str,
    chat_id: str | None,
    reply_token: str | None,
    now: datetime,
) -> bool:
    """Insert the event's row in the open transaction; False when it was handled already.

    A concurrent insert of the same id blocks until the other transaction ends: its commit
    makes this one find the row, its rollback lets this one handle the event.
    """
    values = {
        "event_id": event_id,
        "event_type": event_type[:32],
        "chat_id": chat_id,
        "reply_token": reply_token[:255] if reply_token else None,
        "received_at": now,
        "delivery": Delivery.NONE.value,
        "attempts": 0,
        "reply_uncertain": False,
    }
    statement = _CLAIM[connection.dialect.name == "postgresql"]
    return connection.execute(statement, values).first() is not None


def _claim_statement(dialect: Any) -> Insert:
    columns: tuple[str, ...] = ("event_id", "event_type", "chat_id", "reply_token")
    columns += ("received_at", "delivery", "attempts", "reply_uncertain")
    return (
        dialect.insert(_INBOX)
        .values({name: bindparam(name) for name in columns})
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(_INBOX.c.event_id)  # a row back: inserted (rowcount is -1)
    )


# The event path's statements are built once, with bound parameters: building one per event,
# its values and then its cache key, took more of the CPU than running it (cProfile).
_CLAIM = {True: _claim_statement(postgresql), False: _claim_statement(sqlite)}


def store_answer(
    connection: Connection,
    event_id: str,
    bodies: Bodies,
    sealer: Cipher | None,
    now: datetime,
    *,
    with_row: tuple[Insert, dict[str, Any]] | None = None,
) -> None:
    """Keep the answer (its messages' JSON) with the event, in its transaction; the caller
    holds the lease. `with_row`, another INSERT of the transaction and its parameters (the
    event's log row), goes in the same statement on PostgreSQL."""
    values: dict[str, Any] = {"delivery": Delivery.NONE.value}
    if bodies:
        values = {
            "delivery": Delivery.PENDING.value,
            "messages": seal_json(list(bodies), sealer),
            "lease_until": now + LEASE,
        }
    stored = _stored_statement(tuple(values))
    params = {f"stored_{name}": value for name, value in values.items()}
    params["stored_event_id"] = event_id
    if with_row is None:
        connection.execute(stored, params)
    elif connection.dialect.name == "postgresql":
        row, row_params = with_row
        connection.execute(_with_cte(row, stored, "stored"), {**row_params, **params})
    else:
        connection.execute(*with_row)
        connection.execute(stored, params)


@lru_cache(maxsize=8)
def _stored_statement(columns: tuple[str, ...]) -> Update:
    return (
        update(_INBOX)
        .where(_INBOX.c.event_id == bindparam("stored_event_id"))
        .values({name: bindparam(f"stored_{name}") for name in columns})
    )


@lru_cache(maxsize=32)
def _with_cte(primary: Insert, first: Update, name: str) -> Insert:
    """`primary` with `first` in its WITH: one statement, both run (PostgreSQL runs a
    data-modifying WITH whether or not the statement reads it)."""
    return primary.add_cte(first.cte(name))


@dataclass
class Parcel:
    """An answer ready to send: what one attempt needs."""

    event_id: str
    chat_id: str | None
    reply_token: str | None
    reply_uncertain: bool
    messages: list[Message]
    intent: str | None = None
    bodies: Bodies | None = None  # the messages' JSON, when it is at hand (sent as it is)


def take(
    session: Session,
    event_id: str,
    sealer: Cipher | None,
    *,
    fresh_reply_token: str | None = None,
    now: datetime | None = None,
) -> Parcel | None:
    """Lease a pending answer for sending; None when there is none or another sender holds it.

    A redelivery's fresh reply token replaces the stored one, unless a reply with the stored
    one may have gone through (then only that token can tell, by being refused as used).
    """
    now = now or utcnow()
    table = _INBOX
    values: dict[str, Any] = {"lease_until": now + LEASE}
    if fresh_reply_token:
        values["reply_token"] = case(
            (table.c.reply_uncertain, table.c.reply_token), else_=fresh_reply_token[:255]
        )
    leased = session.execute(
        update(table)
        .where(
            table.c.event_id == event_id,
            table.c.delivery == Delivery.PENDING.value,
            or_(table.c.lease_until.is_(None), table.c.lease_until < now),
        )
        .values(**values)
    )
    session.commit()
    if leased.rowcount != 1:  # type: ignore[attr-defined]
        return None
    row = session.get(InboxEvent, event_id, populate_existing=True)
    if row is None:
        return None
    raw = unseal_json(row.messages, sealer) if row.messages else None
    if not raw:
        # Sealed with another key (SECRET_KEY changed): nothing left that could be sent.
        finish(session, event_id, Delivered(FAILED, None, error="stored answer unreadable"))
        return None
    return Parcel(
        event_id=event_id,
        chat_id=row.chat_id,
        reply_token=row.reply_token,
        reply_uncertain=row.reply_uncertain,
        messages=[Message.from_dict(m) for m in raw],
        bodies=raw,
    )


def send(session: Session, line: LineApi, parcel: Parcel) -> Delivered:
    """One attempt at a leased answer, recorded; returns how it went."""
    result = attempt(line, parcel)
    finish(session, parcel.event_id, result, chat_id=parcel.chat_id, intent=parcel.intent)
    return result


def attempt(line: LineApi, parcel: Parcel) -> Delivered:
    """Hand a leased answer to LINE once; the caller records the result (`finish`)."""
    try:
        return line.deliver(
            parcel.reply_token,
            parcel.chat_id,
            parcel.messages,
            retry_key=retry_key(parcel.event_id),
            reply_uncertain=parcel.reply_uncertain,
            bodies=parcel.bodies,
        )
    except Exception as exc:
        # Not LINE's answer but ours (a bug): the answer stays pending, and a reply may have
        # left, so only the same token or the push's retry key may be tried again.
        log.exception("outbox.send_failed")
        return Delivered(RETRY, None, error=type(exc).__name__, reply_uncertain=True)


def finish(
    session: Session,
    event_id: str,
    result: Delivered,
    *,
    chat_id: str | None = None,
    intent: str | None = None,
) -> None:
    """Record an attempt and free the lease; the answer's text is dropped once it is settled."""
    now = utcnow()
    _record(session.connection(), event_id, result, chat_id, intent, now)
    if result.unreachable and chat_id and chat_id.startswith("U"):
        _mark_unreachable(session, chat_id, now)
    session.commit()


def finish_on(
    connection: Connection,
    event_id: str,
    result: Delivered,
    *,
    chat_id: str | None = None,
    intent: str | None = None,
) -> None:
    """`finish` on a bare connection outside any transaction (the webhook's first try).

    The same rows as `finish`, in one short transaction of Core statements (one statement in
    autocommit on PostgreSQL), with no ORM session to open; a push refused as to a non-friend,
    which marks the person, takes `finish` itself.
    """
    if result.unreachable and chat_id and chat_id.startswith("U"):
        with Session(bind=connection, expire_on_commit=False) as session:
            finish(session, event_id, result, chat_id=chat_id, intent=intent)
        return
    if connection.dialect.name == "postgresql":
        # There the record is one statement, atomic by itself: in autocommit, its commit comes
        # back with it, one round trip instead of the statement's and a COMMIT's. The pool
        # puts the connection's isolation level back when it is returned.
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        _record(autocommit, event_id, result, chat_id, intent, utcnow())
        return
    with connection.begin():
        _record(connection, event_id, result, chat_id, intent, utcnow())


def _record(
    connection: Connection,
    event_id: str,
    result: Delivered,
    chat_id: str | None,
    intent: str | None,
    now: datetime,
) -> None:
    """The attempt on the inbox row and, for an answer LINE took, its outgoing log row."""
    values: dict[str, Any] = {"lease_until": None, "last_error": _error(result)}
    if result.outcome == SENT:
        values.update(delivery=Delivery.SENT.value, via=result.via, delivered_at=now, messages=None)
    elif result.outcome == FAILED:
        values.update(delivery=Delivery.FAILED.value, messages=None)
    elif result.reply_uncertain:
        values["reply_uncertain"] = True
    if result.reply_spent:  # refused once, refused always: the next try pushes at once
        values["reply_token"] = None
    attempt_row = _attempt_statement(tuple(values))
    params = {f"attempt_{name}": value for name, value in values.items()}
    params["attempt_event_id"] = event_id
    if not (result.outcome == SENT and result.via in ("reply", "push")):
        connection.execute(attempt_row, params)
        return
    logged = _log_out_params(event_id, result.via, chat_id, intent)
    if connection.dialect.name == "postgresql":
        connection.execute(_with_cte(_LOG_OUT, attempt_row, "attempt"), {**logged, **params})
    else:
        connection.execute(attempt_row, params)
        connection.execute(_LOG_OUT, logged)


@lru_cache(maxsize=32)
def _attempt_statement(columns: tuple[str, ...]) -> Update:
    values: dict[str, Any] = {name: bindparam(f"attempt_{name}") for name in columns}
    values["attempts"] = _INBOX.c.attempts + 1
    return update(_INBOX).where(_INBOX.c.event_id == bindparam("attempt_event_id")).values(values)


def finish_unrecorded(
    session: Session, result: Delivered, chat_id: str | None, intent: str | None
) -> None:
    """The message log of an answer to an event without an id (no inbox row to update)."""
    if result.outcome == SENT and result.via in ("reply", "push"):
        session.execute(_LOG_OUT, _log_out_params(None, result.via, chat_id, intent))
        session.commit()


# A Core INSERT, not an ORM object: no unit of work to flush for a row never read back.
_LOG_OUT_COLUMNS = ("event_id", "direction", "user_id", "event_type", "intent", "created_at")
# Parameters named apart from every column (as events.py's log row's): in a statement with a
# WITH, SQLAlchemy would read a parameter named like a column of the WITH's table as one more
# value to set there.
_LOG_OUT = insert(_LOG).values({name: bindparam(f"log_{name}") for name in _LOG_OUT_COLUMNS})


def _log_out_params(
    event_id: str | None, via: str, chat_id: str | None, intent: str | None
) -> dict[str, Any]:
    # `created_at` as the column's default would make it: SQLAlchemy leaves that Python default
    # unset in a statement's WITH, and a bound parameter must be given anyway.
    return {
        "log_event_id": event_id,
        "log_direction": Direction.OUT,
        "log_user_id": chat_id,
        "log_event_type": via,
        "log_intent": intent,
        "log_created_at": utcnow(),
    }


def pending_ids(session: Session, *, now: datetime | None = None, limit: int = 200) -> list[str]:
    """Answers the sweep should send: pending past SWEEP_AFTER, not leased, not too old."""
    now = now or utcnow()
    rows = session.scalars(
        select(InboxEvent.event_id)
        .where(
            InboxEvent.delivery == Delivery.PENDING,
            InboxEvent.received_at < now - SWEEP_AFTER,
            InboxEvent.received_at >= now - GIVE_UP_AFTER,
            or_(InboxEvent.lease_until.is_(None), InboxEvent.lease_until < now),
        )
        .order_by(InboxEvent.received_at)
        .limit(limit)
    )
    return list(rows)


def expire_old(session: Session, *, now: datetime | None = None) -> int:
    """Give up answers still unsent near the retry key's 24 hours; their text is dropped."""
    now = now or utcnow()
    done = session.execute(
        update(_INBOX)
        .where(
            and_(
                _INBOX.c.delivery == Delivery.PENDING.value,
                _INBOX.c.received_at < now - GIVE_UP_AFTER,
            )
        )
        .values(delivery=Delivery.EXPIRED.value, messages=None, lease_until=None)
    )
    session.commit()
    count = int(done.rowcount or 0)  # type: ignore[attr-defined]
    if count:
        log.warning("outbox.expired", extra={"count": count})
    return count


def purge_settled(session: Session, *, now: datetime | None = None) -> int:
    """Delete inbox rows past KEEP_SETTLED whose answer is settled (or was none)."""
    now = now or utcnow()
    done = session.execute(
        _INBOX.delete().where(
            _INBOX.c.received_at < now - KEEP_SETTLED,
            _INBOX.c.delivery != Delivery.PENDING.value,
        )
    )
    session.commit()
    return int(done.rowcount or 0)  # type: ignore[attr-defined]


def _error(result: Delivered) -> str | None:
    if result.status is None and result.error is None:
        return None
    text = f"{result.status or '-'} {result.error or ''}".strip()
    return text[:255]


def _mark_unreachable(session: Session, user_id: str, now: datetime) -> None:
    """LINE refused a push as to a non-friend: the unfollow we may never have seen."""
    user = session.get(LineUser, user_id)
    if user is None:
        user = LineUser(id=user_id)
        session.add(user)
    if not user.is_blocked:
        user.mark_unreachable(now)
        log.info("outbox.user_unreachable")
