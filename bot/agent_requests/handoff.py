"""Conversations with an officer: one service the chat and the console both call.

Every change of state is one conditional UPDATE, so two officers (or an officer and the clock)
acting at once cannot both win: the loser's UPDATE matches no row and it is told so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.admin.models import StaffUser
from bot.agent_requests.models import Handoff, HandoffMessage, HandoffStatus
from bot.core.orm import utcnow
from bot.core.users import LineUser
from bot.volunteers.models import Volunteer

OPEN = (HandoffStatus.WAITING, HandoffStatus.ACTIVE)


def open_handoff_of(session: Session, user_id: str) -> Handoff | None:
    """The person's conversation that is waiting or with an officer, if any."""
    return session.scalar(
        select(Handoff).where(Handoff.user_id == user_id, Handoff.status.in_(OPEN))
    )


def ask(session: Session, user_id: str, *, now: datetime | None = None) -> tuple[Handoff, bool]:
    """Open a waiting conversation for the person (or return theirs); True when it is new."""
    now = now or utcnow()
    found = open_handoff_of(session, user_id)
    if found is not None:
        return found, False
    if session.get(LineUser, user_id) is None:
        session.add(LineUser(id=user_id))
        session.flush()
    volunteer = session.get(Volunteer, user_id)
    try:
        with session.begin_nested():
            found = Handoff(
                user_id=user_id,
                province_code=volunteer.province_code if volunteer else None,
                status=HandoffStatus.WAITING,
                requested_at=now,
                last_activity_at=now,
            )
            session.add(found)
    except IntegrityError:
        # The same person asked twice at once: the other request's row is theirs.
        found = open_handoff_of(session, user_id)
        assert found is not None
        return found, False
    return found, True


def note_message(
    session: Session,
    handoff: Handoff,
    *,
    sender: str,
    kind: str,
    text: str | None = None,
    line_message_id: str | None = None,
    staff_id: int | None = None,
    retry_key: str | None = None,
    now: datetime | None = None,
) -> HandoffMessage:
    """Add a line to the transcript and move the conversation's last activity."""
    now = now or utcnow()
    message = HandoffMessage(
        handoff_id=handoff.id,
        sender=sender,
        kind=kind,
        text=text,
        line_message_id=line_message_id,
        staff_id=staff_id,
        retry_key=retry_key,
        created_at=now,
    )
    session.add(message)
    handoff.last_activity_at = now
    return message


def take(
    session: Session, handoff_id: int, staff: StaffUser, *, now: datetime | None = None
) -> bool:
    """ "รับเรื่อง": the waiting conversation becomes `staff`'s; False when someone was first."""
    now = now or utcnow()
    result = session.execute(
        update(Handoff)
        .where(Handoff.id == handoff_id, Handoff.status == HandoffStatus.WAITING)
        .values(
            status=HandoffStatus.ACTIVE, officer_id=staff.id, taken_at=now, last_activity_at=now
        )
        .execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def transfer(session: Session, handoff_id: int, from_staff: StaffUser, to_staff_id: int) -> bool:
    """Give an officer's conversation to another officer; False unless `from_staff` owns it."""
    result = session.execute(
        update(Handoff)
        .where(
            Handoff.id == handoff_id,
            Handoff.status == HandoffStatus.ACTIVE,
            Handoff.officer_id == from_staff.id,
        )
        .values(officer_id=to_staff_id)
        .execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def close(
    session: Session,
    handoff_id: int,
    reason: str,
    *,
    staff: StaffUser | None = None,
    note: str | None = None,
    only_from: Sequence[HandoffStatus] = OPEN,
    quiet_since: datetime | None = None,
    now: datetime | None = None,
) -> bool:
    """Hand the person back to the bot; False when it was closed (or moved on) already.

    An officer may close only a conversation they own (`staff`); the clock passes `only_from`
    so a conversation taken a moment ago is not closed as unanswered, and `quiet_since` so one
    with a message a moment ago is not closed as idle.
    """
    query = update(Handoff).where(Handoff.id == handoff_id, Handoff.status.in_(list(only_from)))
    if quiet_since is not None:
        query = query.where(Handoff.last_activity_at < quiet_since)
    if staff is not None:
        query = query.where(Handoff.officer_id == staff.id)
    result = session.execute(
        query.values(
            status=HandoffStatus.CLOSED,
            closed_at=now or utcnow(),
            closed_reason=reason,
            close_note=note or None,
        ).execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def rate(session: Session, handoff_id: int, user_id: str, score: int) -> bool:
    """Keep the person's 1-5 rating of a finished conversation; once, and only their own."""
    if not 1 <= score <= 5:
        return False
    result = session.execute(
        update(Handoff)
        .where(
            Handoff.id == handoff_id,
            Handoff.user_id == user_id,
            Handoff.status == HandoffStatus.CLOSED,
            Handoff.rating.is_(None),
        )
        .values(rating=score)
        .execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def transcript(session: Session, handoff_id: int, after_id: int = 0) -> list[HandoffMessage]:
    """The conversation's lines after `after_id`, oldest first (the console polls with it)."""
    return list(
        session.scalars(
            select(HandoffMessage)
            .where(HandoffMessage.handoff_id == handoff_id, HandoffMessage.id > after_id)
            .order_by(HandoffMessage.id)
        )
    )


def _delete(session: Session, ids: list[int]) -> int:
    if not ids:
        return 0
    # The transcript first: SQLite enforces no ON DELETE CASCADE without its foreign-key pragma.
    session.execute(delete(HandoffMessage).where(HandoffMessage.handoff_id.in_(ids)))
    session.execute(delete(Handoff).where(Handoff.id.in_(ids)))
    return len(ids)


def forget_person(session: Session, user_id: str) -> int:
    """Delete a person's conversations and transcripts (a PDPA erasure); returns how many."""
    return _delete(
        session, list(session.scalars(select(Handoff.id).where(Handoff.user_id == user_id)))
    )


def erase_closed_before(session: Session, before: datetime) -> int:
    """Delete conversations closed before `before`: transcripts follow complaint retention."""
    ids = session.scalars(
        select(Handoff.id).where(Handoff.status == HandoffStatus.CLOSED, Handoff.closed_at < before)
    )
    return _delete(session, list(ids))
