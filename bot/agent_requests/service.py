"""Requests to talk to staff: the bot records them, the console lists and closes them.

One service both sides call (the bot never imports the console, the console never the webhook).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.admin.models import StaffUser
from bot.agent_requests.handoff import forget_person
from bot.agent_requests.models import AgentRequest, AgentRequestStatus
from bot.core.orm import utcnow
from bot.core.users import LineUser
from bot.volunteers.models import Volunteer


def _open_request(session: Session, user_id: str) -> AgentRequest | None:
    return session.scalar(
        select(AgentRequest).where(
            AgentRequest.user_id == user_id, AgentRequest.status == AgentRequestStatus.OPEN
        )
    )


def record_request(session: Session, user_id: str, *, now: datetime | None = None) -> AgentRequest:
    """Open a request for `user_id`, or move the time of the one already open; no text is kept."""
    now = now or utcnow()
    volunteer = session.get(Volunteer, user_id)
    province = volunteer.province_code if volunteer else None
    district = volunteer.district_code if volunteer else None
    found = _open_request(session, user_id)
    if found is None:
        if session.get(LineUser, user_id) is None:
            # Someone who befriended the bot before it kept users: known from now on.
            session.add(LineUser(id=user_id))
            session.flush()
        try:
            with session.begin_nested():
                found = AgentRequest(
                    user_id=user_id,
                    province_code=province,
                    district_code=district,
                    status=AgentRequestStatus.OPEN,
                    requested_at=now,
                    created_at=now,
                )
                session.add(found)
        except IntegrityError:
            # Another worker opened one for the same user a moment ago: that one is moved.
            found = _open_request(session, user_id)
            assert found is not None
    found.requested_at = now
    found.province_code, found.district_code = province, district
    return found


def mark_handled(
    session: Session, request_id: int, staff: StaffUser, *, now: datetime | None = None
) -> bool:
    """Close an open request as followed up by `staff`; False when it was closed already."""
    # One UPDATE guarded by the status: of two staff pressing at once, only one is recorded.
    result = session.execute(
        update(AgentRequest)
        .where(AgentRequest.id == request_id, AgentRequest.status == AgentRequestStatus.OPEN)
        .values(status=AgentRequestStatus.HANDLED, handled_by=staff.id, handled_at=now or utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def forget_user(session: Session, user_id: str) -> int:
    """Delete a user's requests and officer conversations (a PDPA erasure); returns how many."""
    forget_person(session, user_id)  # transcripts go with the requests, under `erase-user`
    result = session.execute(delete(AgentRequest).where(AgentRequest.user_id == user_id))
    return int(result.rowcount)  # type: ignore[attr-defined]
