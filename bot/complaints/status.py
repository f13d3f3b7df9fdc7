"""A staff status change: the event, the new status and its audit entry in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from bot.complaints.models import Complaint, ComplaintEvent, ComplaintStatus
from bot.complaints.notifications import tell_reporter
from bot.core.line import LineApi
from bot.core.orm import utcnow

log = logging.getLogger(__name__)

# Adds the audit entry of a change to the session (the console's audit log); the change's commit
# writes it, so the log never names a change that was not kept, nor misses one that was.
AuditHook = Callable[[ComplaintEvent], object]


def change_status(
    session: Session,
    line: LineApi,
    complaint: Complaint,
    status: ComplaintStatus,
    *,
    note: str | None,
    actor: str,
    audit: AuditHook | None = None,
    now: datetime | None = None,
) -> ComplaintEvent:
    """Record a status change and its audit entry in one commit, then tell the reporter in LINE.

    If the audit entry (or the commit) fails, nothing is kept and the reporter is not told. A
    push that fails leaves the event's notified_at empty; `notify_pending` sends it later.
    """
    now = now or utcnow()
    event = ComplaintEvent(status=status, note=note, actor=actor, created_at=now)
    complaint.events.append(event)
    complaint.status = status
    complaint.updated_at = now
    try:
        if audit is not None:
            session.flush()  # the audit entry names the event by its id
            audit(event)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    log.info("complaint.status_changed", extra={"complaint_id": complaint.id, "status": status})
    if complaint.user_id is None:
        return event
    try:
        tell_reporter(session, line, complaint, event)
    except Exception:
        log.exception("complaint.status_push_failed", extra={"complaint_id": complaint.id})
    return event
