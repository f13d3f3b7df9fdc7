"""Erasing reporters' personal data (PDPA): on request, and once the retention period is over.

The anonymous case record stays, for statistics.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.complaints.models import RATEABLE, Complaint, ComplaintEvent
from bot.core.orm import utcnow

log = logging.getLogger(__name__)


def erase_user(session: Session, user_id: str, media_dir: Path) -> int:
    """Erase a reporter's personal data; returns how many complaints were erased."""
    complaints = list(session.scalars(select(Complaint).where(Complaint.user_id == user_id)))
    now = utcnow()
    for complaint in complaints:
        _erase_personal_data(complaint, media_dir, now)
    session.commit()
    log.info("complaint.user_erased", extra={"complaints": len(complaints)})
    return len(complaints)


def erase_expired(
    session: Session, media_dir: Path, *, years: int, now: datetime | None = None
) -> int:
    """Erase the personal data of cases finished more than `years` ago (the PDPA notice's promise).

    A case counts as finished from its last event, so a case reopened by staff starts again.
    Open cases are kept whatever their age: someone is still working on them.
    Returns how many complaints were erased.
    """
    now = now or utcnow()
    cutoff = _years_before(now, years)
    last_event = (
        select(func.max(ComplaintEvent.created_at))
        .where(ComplaintEvent.complaint_id == Complaint.id)
        .correlate(Complaint)
        .scalar_subquery()
    )
    complaints = list(
        session.scalars(
            select(Complaint).where(
                Complaint.status.in_(RATEABLE),
                Complaint.erased_at.is_(None),
                last_event < cutoff,
            )
        )
    )
    for complaint in complaints:
        _erase_personal_data(complaint, media_dir, now)
    session.commit()
    log.info("complaint.expired_erased", extra={"complaints": len(complaints), "years": years})
    return len(complaints)


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February in a year that has none
        return moment.replace(year=moment.year - years, day=28)


def _erase_personal_data(complaint: Complaint, media_dir: Path, now: datetime) -> None:
    """Clear everything that identifies the reporter or the people in the case."""
    for attachment in list(complaint.attachments):
        (media_dir / attachment.path).unlink(missing_ok=True)
        complaint.attachments.remove(attachment)
    complaint.user_id = None
    complaint.draft_id = None
    complaint.details = None
    complaint.phone_encrypted = None
    complaint.latitude = complaint.longitude = None
    complaint.place_text = None
    complaint.erased_at = now
    for event in complaint.events:
        event.note = None  # staff notes may quote the reporter
