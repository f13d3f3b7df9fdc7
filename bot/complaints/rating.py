"""The reporter's 1–5 stars for a finished case, and which case a typed rating belongs to."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.complaints.errors import ComplaintError
from bot.complaints.models import RATEABLE, Complaint
from bot.core.orm import utcnow

# A rating typed days after the "how did we do" push still belongs to that case.
RATING_WINDOW = timedelta(days=14)


def rate(session: Session, complaint: Complaint, user_id: str, stars: int) -> None:
    """The reporter's 1–5 rating of a finished case (a later rating replaces an earlier one)."""
    if complaint.user_id != user_id:
        raise ComplaintError("only the reporter can rate a complaint")
    if complaint.status not in RATEABLE:
        raise ComplaintError("a complaint can be rated once it is finished")
    if not 1 <= stars <= 5:
        raise ComplaintError("a rating is 1 to 5")
    complaint.rating = stars
    complaint.rated_at = utcnow()
    session.commit()


def awaiting_rating(
    session: Session, user_id: str, *, now: datetime | None = None
) -> Complaint | None:
    """The reporter's most recently finished case that has no rating yet, if recent."""
    now = now or utcnow()
    return session.scalars(
        select(Complaint)
        .where(
            Complaint.user_id == user_id,
            Complaint.status.in_(RATEABLE),
            Complaint.rating.is_(None),
            Complaint.updated_at >= now - RATING_WINDOW,
        )
        .order_by(Complaint.updated_at.desc(), Complaint.id.desc())
        .limit(1)
    ).first()
