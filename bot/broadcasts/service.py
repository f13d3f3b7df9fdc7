"""Broadcast life cycle in the database: create, schedule, freeze the audience, finish, cancel.

Every transition is one conditional UPDATE, so two workers (or a worker and a person pressing
cancel) can race without both winning.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from linebot.v3.messaging.models import Message
from sqlalchemy import Select, String, cast, func, insert, literal, select, text, true, update
from sqlalchemy.orm import Session

from bot.broadcasts.audience import audience_query
from bot.broadcasts.models import (
    BatchStatus,
    Broadcast,
    BroadcastBatch,
    BroadcastRecipient,
    BroadcastStatus,
)
from bot.broadcasts.quiet_hours import QuietHours
from bot.core.i18n import MALAY, THAI
from bot.core.users import LineUser, speaks_clause
from bot.volunteers.models import Role, Volunteer

MULTICAST_MAX = 500  # LINE's limit of user ids per multicast request
MAX_MESSAGES = 5  # LINE's limit of messages per request
ALLOWED_TYPES = frozenset({"text", "image", "flex"})
NOT_STARTED = (BroadcastStatus.DRAFT, BroadcastStatus.SCHEDULED)


class BroadcastError(ValueError):
    """A request that cannot be honoured; the message says why."""


def create_broadcast(
    session: Session,
    messages: Sequence[Message | dict[str, Any]],
    *,
    roles: Sequence[str] = (),
    provinces: Sequence[str] = (),
    districts: Sequence[str] = (),
    urgent: bool = False,
    created_by: str | None = None,
    messages_ms: Sequence[Message | dict[str, Any]] | None = None,
) -> Broadcast:
    """A draft announcement; places are DOPA codes (see audience.province_code).

    `messages_ms`: the Malay version, sent to Malay speakers instead (None: they get the Thai).
    """
    payload = _payload(messages)
    payload_ms = _payload(messages_ms) if messages_ms else None
    for role in roles:
        Role(role)
    broadcast = Broadcast(
        messages=payload,
        messages_ms=payload_ms,
        roles=list(dict.fromkeys(roles)),
        provinces=list(dict.fromkeys(provinces)),
        districts=list(dict.fromkeys(districts)),
        urgent=urgent,
        created_by=created_by,
    )
    session.add(broadcast)
    session.flush()
    return broadcast


def malay_version(
    messages: Sequence[dict[str, Any]], texts_ms: Sequence[str | None]
) -> list[dict[str, Any]] | None:
    """The Malay version of `messages`: its text messages' texts replaced, in order, by the
    Malay texts given (a text with no Malay stays Thai); None when no Malay text was written.
    """
    written = [(t or "").strip() for t in texts_ms]
    if not any(written):
        return None
    positions = [i for i, m in enumerate(messages) if m.get("type") == "text"]
    if len(written) > len(positions):
        raise BroadcastError(
            f"{len(written)} Malay texts for {len(positions)} Thai text message(s): "
            "give at most one Malay text per Thai text"
        )
    version = [dict(m) for m in messages]
    for position, malay in zip(positions, written, strict=False):
        if malay:
            version[position]["text"] = malay
    return version


def _payload(messages: Sequence[Message | dict[str, Any]]) -> list[dict[str, Any]]:
    payload = [m if isinstance(m, dict) else m.to_dict() for m in messages]
    if not 1 <= len(payload) <= MAX_MESSAGES:
        raise BroadcastError(f"a broadcast holds 1 to {MAX_MESSAGES} messages")
    for number, message in enumerate(payload, 1):
        _check_message(number, message)
    return payload


def _check_message(number: int, message: dict[str, Any]) -> None:
    """Refuse here, with a reason, what LINE would refuse at send time."""
    kind = message.get("type")
    if kind not in ALLOWED_TYPES:
        raise BroadcastError(f"message {number}: type {kind!r} is not text, image or flex")
    if kind == "image":
        for key in ("originalContentUrl", "previewImageUrl"):
            url = message.get(key)
            # LINE fetches images itself, over HTTPS only, from URLs of up to 2000 characters.
            if not isinstance(url, str) or not url.startswith("https://") or len(url) > 2000:
                raise BroadcastError(f"message {number}: {key} must be an https:// URL")
    try:
        # Parse back through the SDK, so a bad message fails here and not at send time.
        Message.from_dict(message)
    except (TypeError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        raise BroadcastError(f"message {number} is not a valid LINE {kind} message: {exc}") from exc


def schedule(
    session: Session, broadcast_id: int, at: datetime | None, now: datetime, quiet: QuietHours
) -> datetime | None:
    """Mark a draft (or re-mark a scheduled one) to go at `at` (None: now).

    Returns the time it must wait for, or None when it may go at once; quiet hours move the
    time to their end unless the broadcast is urgent.
    """
    broadcast = _get(session, broadcast_id)
    if broadcast.status not in NOT_STARTED:
        raise BroadcastError(f"broadcast {broadcast_id} is {broadcast.status.value}")
    wanted = max(at, now) if at is not None else now
    due = wanted if broadcast.urgent else quiet.release_time(wanted)
    result = session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status.in_(NOT_STARTED))
        .values(status=BroadcastStatus.SCHEDULED, requested_at=at, due_at=due)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise BroadcastError(f"broadcast {broadcast_id} started or was cancelled meanwhile")
    return due if due > now else None


def cancel(session: Session, broadcast_id: int, now: datetime) -> bool:
    """Cancel unless sending already started; True when it is now cancelled."""
    _get(session, broadcast_id)
    result = session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status.in_(NOT_STARTED))
        .values(status=BroadcastStatus.CANCELLED, finished_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Freeze:
    frozen: bool  # False when someone else froze it first (or it was cancelled)
    recipients: int = 0
    batches: int = 0
    complete: bool = True  # False: only a first part is cut; complete_freeze cuts the rest


def freeze(
    session: Session,
    broadcast_id: int,
    now: datetime,
    *,
    use_broadcast_endpoint: bool = False,
    batch_size: int = MULTICAST_MAX,
    first: int | None = None,
) -> Freeze:
    """Start sending: fix the audience and cut it into batches, each with its retry key.

    All in the caller's transaction, which must commit before any request goes out: the retry
    key is stored before the first try, so a retry after a crash reuses it. Whoever registers,
    opts out or blocks after the cut does not change who is sent to.

    `first` (PostgreSQL, multicast): cut only about that many people now, so their batches can
    leave while `complete_freeze` cuts everyone else in a transaction of its own (cutting
    100,000 people takes 0.1-0.2 s, a fifth of the whole send). The broadcast's `via` stays
    unset until the cut is complete, and it cannot be closed before.
    """
    started = session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status.in_(NOT_STARTED))
        .values(status=BroadcastStatus.SENDING, started_at=now)
    )
    if started.rowcount != 1:  # type: ignore[attr-defined]
        return Freeze(frozen=False)
    broadcast = _get(session, broadcast_id)
    session.refresh(broadcast)
    # LINE's broadcast endpoint sends everyone the same messages: not for a two-language one.
    via_broadcast = (
        use_broadcast_endpoint
        and broadcast.everyone
        and not broadcast.messages_ms
        and not _anyone_opted_out(session)
    )
    postgresql = session.get_bind().dialect.name == "postgresql"
    if via_broadcast or first is None or not postgresql:
        # One request for everyone when LINE's broadcast endpoint can carry it.
        _cut_rest(session, broadcast, 2**31 - 1 if via_broadcast else batch_size)
        return _cut_done(session, broadcast, "broadcast" if via_broadcast else "multicast")
    audience = audience_query(broadcast.roles, broadcast.provinces, broadcast.districts)
    if broadcast.messages_ms:
        audience = audience.where(speaks_clause(THAI))
    _cut_in_database(session, broadcast_id, audience.limit(first), batch_size)
    batches, total = _cut_so_far(session, broadcast_id)
    if batches == 0:  # nobody to start with: nothing to overlap the rest with either
        _cut_rest(session, broadcast, batch_size)
        return _cut_done(session, broadcast, "multicast")
    return Freeze(frozen=True, recipients=total, batches=batches, complete=False)


def complete_freeze(
    session: Session, broadcast_id: int, *, batch_size: int = MULTICAST_MAX
) -> Freeze | None:
    """Cut the rest of an audience `freeze(first=...)` began; None when there is nothing to
    cut or another process is cutting it (its row lock is held)."""
    broadcast = session.scalar(
        select(Broadcast)
        .where(
            Broadcast.id == broadcast_id,
            Broadcast.status == BroadcastStatus.SENDING,
            Broadcast.via.is_(None),
        )
        .with_for_update(skip_locked=True)
    )
    if broadcast is None:
        return None
    _cut_rest(session, broadcast, batch_size, exclude_frozen=True)
    return _cut_done(session, broadcast, "multicast")


def cut_unfinished(session: Session, broadcast_id: int) -> bool:
    """True while a sending broadcast's audience is only partly cut into batches."""
    return (
        session.scalar(
            select(Broadcast.id).where(
                Broadcast.id == broadcast_id,
                Broadcast.status == BroadcastStatus.SENDING,
                Broadcast.via.is_(None),
            )
        )
        is not None
    )


def _cut_rest(
    session: Session, broadcast: Broadcast, per_batch: int, *, exclude_frozen: bool = False
) -> None:
    """Cut everyone of the audience not yet in a batch, numbered on after the last batch."""
    audience = audience_query(broadcast.roles, broadcast.provinces, broadcast.districts)
    if exclude_frozen:
        person = func.json_array_elements_text(BroadcastBatch.user_ids).table_valued("value")
        frozen = (
            select(person.c.value)
            .select_from(BroadcastBatch)
            .join(person, true())
            .where(BroadcastBatch.broadcast_id == broadcast.id)
        )
        audience = audience.where(LineUser.id.not_in(frozen))
    last = session.scalar(
        select(func.max(BroadcastBatch.seq)).where(BroadcastBatch.broadcast_id == broadcast.id)
    )
    first_seq = 0 if last is None else last + 1
    cut = _cut_in_database if session.get_bind().dialect.name == "postgresql" else _cut_in_python
    if broadcast.messages_ms:
        # Malay speakers and everyone else in batches of their own, numbered on from each other:
        # each person is in exactly one of the two audiences, so in exactly one batch.
        thai, malay = audience.where(speaks_clause(THAI)), audience.where(speaks_clause(MALAY))
        following = cut(session, broadcast.id, thai, per_batch, first_seq, THAI)
        cut(session, broadcast.id, malay, per_batch, following, MALAY)
    else:
        cut(session, broadcast.id, audience, per_batch, first_seq, THAI)


def _cut_so_far(session: Session, broadcast_id: int) -> tuple[int, int]:
    batches, total = session.execute(
        select(func.count(), func.coalesce(func.sum(BroadcastBatch.size), 0)).where(
            BroadcastBatch.broadcast_id == broadcast_id
        )
    ).one()
    return int(batches), int(total)


def _cut_done(session: Session, broadcast: Broadcast, via: str) -> Freeze:
    batches, total = _cut_so_far(session, broadcast.id)
    broadcast.recipients_count = total
    broadcast.via = via  # set last: the cut is complete
    session.flush()
    return Freeze(frozen=True, recipients=total, batches=batches)


def _cut_in_database(
    session: Session,
    broadcast_id: int,
    audience: Select[Any],
    per_batch: int,
    first_seq: int = 0,
    language: str = THAI,
) -> int:
    """PostgreSQL: one INSERT ... SELECT numbers the audience and groups it into batch rows.

    Each person is one row of the audience query (line_users' primary key), numbered once, so
    each lands in exactly one batch; the ids never travel through Python. Batches are numbered
    from `first_seq`; returns the next free number.
    """
    people = audience.subquery()
    numbered = select(
        people.c.id.label("user_id"),
        (first_seq + (func.row_number().over() - 1) // per_batch).label("seq"),
    ).subquery()
    # Grouping 100,000 ids into 200 arrays (about 3.5 MB) then stays in memory instead of
    # spilling to disk at the 4 MB default. gen_random_uuid() is built in from PostgreSQL 13.
    session.execute(text("SET LOCAL work_mem = '64MB'"))
    session.execute(
        insert(BroadcastBatch).from_select(
            [
                "broadcast_id",
                "seq",
                "retry_key",
                "size",
                "user_ids",
                "status",
                "attempts",
                "language",
            ],
            select(
                literal(broadcast_id),
                numbered.c.seq,
                cast(func.gen_random_uuid(), String),
                func.count(),
                func.json_agg(numbered.c.user_id),
                literal(BatchStatus.PENDING.value),
                literal(0),
                literal(language),
            ).group_by(numbered.c.seq),
        )
    )
    last = session.scalar(
        select(func.max(BroadcastBatch.seq)).where(BroadcastBatch.broadcast_id == broadcast_id)
    )
    return first_seq if last is None or last < first_seq else last + 1


def _cut_in_python(
    session: Session,
    broadcast_id: int,
    audience: Select[Any],
    per_batch: int,
    first_seq: int = 0,
    language: str = THAI,
) -> int:
    """SQLite (the demo): the same cut, with the ids read out and written back in batch rows."""
    people = list(session.scalars(audience))
    rows = [
        {
            "broadcast_id": broadcast_id,
            "seq": seq,
            "retry_key": str(uuid.uuid4()),
            "size": len(chunk),
            "user_ids": chunk,
            "status": BatchStatus.PENDING,
            "attempts": 0,
            "language": language,
        }
        for seq, chunk in enumerate(
            (people[start : start + per_batch] for start in range(0, len(people), per_batch)),
            first_seq,
        )
    ]
    if rows:
        session.execute(insert(BroadcastBatch), rows)
    return first_seq + len(rows)


def finish_if_done(session: Session, broadcast_id: int, now: datetime) -> bool:
    """Close a sending broadcast whose batches are all answered; True when this call closed it.

    The call that closes it also writes who LINE accepted it for, one row each: a person in two
    accepted batches would break the primary key and roll the closing back. Not while the
    audience is only partly cut: the row lock waits for a cut in progress, and the batches are
    counted after it.
    """
    state = session.execute(
        select(Broadcast.status, Broadcast.via)
        .where(Broadcast.id == broadcast_id)
        .with_for_update()
    ).first()
    if state is None or state.status != BroadcastStatus.SENDING or state.via is None:
        return False
    totals = dict(
        session.execute(
            select(BroadcastBatch.status, func.coalesce(func.sum(BroadcastBatch.size), 0))
            .where(BroadcastBatch.broadcast_id == broadcast_id)
            .group_by(BroadcastBatch.status)
        ).all()
    )
    if totals.get(BatchStatus.PENDING):
        return False
    accepted = int(totals.get(BatchStatus.ACCEPTED, 0))
    failed = int(totals.get(BatchStatus.FAILED, 0))
    status = BroadcastStatus.FAILED if failed and not accepted else BroadcastStatus.SENT
    error = None
    if failed:
        failed_batches = session.scalar(
            select(func.count()).where(
                BroadcastBatch.broadcast_id == broadcast_id,
                BroadcastBatch.status == BatchStatus.FAILED,
            )
        )
        error = f"{failed_batches} batch(es) refused by LINE; see broadcast_batches.error"
    result = session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SENDING)
        .values(
            status=status,
            accepted_count=accepted,
            failed_count=failed,
            error=error,
            finished_at=now,
        )
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    _record_recipients(session, broadcast_id)
    return True


def _record_recipients(session: Session, broadcast_id: int) -> None:
    """One row per person of every accepted batch, unpacked from the JSON arrays in SQL."""
    unpack = (
        func.json_array_elements_text
        if session.get_bind().dialect.name == "postgresql"
        else func.json_each
    )
    person = unpack(BroadcastBatch.user_ids).table_valued("value")
    session.execute(
        insert(BroadcastRecipient).from_select(
            ["broadcast_id", "user_id", "seq"],
            select(BroadcastBatch.broadcast_id, person.c.value, BroadcastBatch.seq)
            .select_from(BroadcastBatch)
            .join(person, true())
            .where(
                BroadcastBatch.broadcast_id == broadcast_id,
                BroadcastBatch.status == BatchStatus.ACCEPTED,
            ),
        )
    )


def frozen_audience(session: Session, broadcast_id: int) -> list[str]:
    """Every user id in the broadcast's batches, as frozen (one entry per batch membership)."""
    return [
        user_id
        for ids in session.scalars(
            select(BroadcastBatch.user_ids)
            .where(BroadcastBatch.broadcast_id == broadcast_id)
            .order_by(BroadcastBatch.seq)
        )
        for user_id in ids
    ]


def summary(session: Session, broadcast_id: int) -> dict[str, Any]:
    """What `broadcast status` shows: the row and how its batches stand right now."""
    broadcast = _get(session, broadcast_id)
    rows = session.execute(
        select(
            BroadcastBatch.status,
            func.count(),
            func.coalesce(func.sum(BroadcastBatch.size), 0),
        )
        .where(BroadcastBatch.broadcast_id == broadcast_id)
        .group_by(BroadcastBatch.status)
    ).all()
    batches = {status.value: 0 for status in BatchStatus}
    people = {status.value: 0 for status in BatchStatus}
    for status, count, size in rows:
        batches[BatchStatus(status).value] = int(count)
        people[BatchStatus(status).value] = int(size)
    return {
        "id": broadcast.id,
        "status": broadcast.status.value,
        "urgent": broadcast.urgent,
        "audience": {
            "roles": broadcast.roles,
            "provinces": broadcast.provinces,
            "districts": broadcast.districts,
        },
        "requested_at": _iso(broadcast.requested_at),
        "due_at": _iso(broadcast.due_at),
        "started_at": _iso(broadcast.started_at),
        "finished_at": _iso(broadcast.finished_at),
        "via": broadcast.via,
        "recipients": broadcast.recipients_count,
        "accepted": people[BatchStatus.ACCEPTED],
        "failed": people[BatchStatus.FAILED],
        "batches": batches,
        "error": broadcast.error,
    }


def _anyone_opted_out(session: Session) -> bool:
    return (
        session.scalar(
            select(Volunteer.user_id).where(Volunteer.announcements_off_at.is_not(None)).limit(1)
        )
        is not None
    )


def _get(session: Session, broadcast_id: int) -> Broadcast:
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise BroadcastError(f"no broadcast {broadcast_id}")
    return broadcast


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    # SQLite gives naive datetimes back; all are stored in UTC.
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
