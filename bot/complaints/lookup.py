"""Finding complaints: by the draft they came from, by reference number, a reporter's recent."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.complaints.models import Complaint
from bot.complaints.references import find_reference


def find_by_draft(session: Session, draft_id: str) -> Complaint | None:
    """The complaint a chat draft was filed as, if it was."""
    return session.scalar(select(Complaint).where(Complaint.draft_id == draft_id))


def find_by_reference(session: Session, text: str) -> Complaint | None:
    """The complaint a reference number (typed loosely or exactly) points to."""
    reference = find_reference(text)
    if reference is None:
        return None
    return session.scalar(select(Complaint).where(Complaint.reference == reference))


def recent_for_user(session: Session, user_id: str, limit: int = 10) -> list[Complaint]:
    """A reporter's newest complaints first."""
    return list(
        session.scalars(
            select(Complaint)
            .where(Complaint.user_id == user_id)
            .order_by(Complaint.created_at.desc(), Complaint.id.desc())
            .limit(limit)
        )
    )
