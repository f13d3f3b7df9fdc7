"""Telling reporters about status changes in LINE, and re-sending the pushes that failed."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from linebot.v3.messaging import ApiException
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.complaints.messages import status_update_messages
from bot.complaints.models import REPORTER_ACTOR, Complaint, ComplaintEvent
from bot.core.i18n import Translator
from bot.core.line import LineApi
from bot.core.notify import push_to_user
from bot.core.orm import utcnow
from bot.core.users import LineUser

log = logging.getLogger(__name__)

# LINE remembers a retry key for 24 hours; after that the same key is a new request, and a push
# that did land (only its answer was lost) would land twice. Resending stops well inside that.
NOTIFY_RETRY_WINDOW = timedelta(hours=23)


@dataclass(frozen=True)
class PendingNotices:
    """What one `notify_pending` run did."""

    sent: int = 0
    skipped_blocked: int = 0
    failed: int = 0


def tell_reporter(
    session: Session, line: LineApi, complaint: Complaint, event: ComplaintEvent
) -> bool:
    """Push the status update with the event's retry key; True (and notified_at set) when told.

    False when the reporter blocked the bot (or was erased). A 409 means LINE already accepted
    this very push (an earlier try whose answer was lost): the reporter was told.
    """
    if complaint.user_id is None:
        return False
    messages = status_update_messages(complaint, event, reporter_language(session, complaint))
    try:
        sent = push_to_user(session, line, complaint.user_id, messages, _status_retry_key(event))
    except ApiException as exc:
        if exc.status != 409:
            raise
        sent = True
    if sent:
        event.notified_at = utcnow()
        session.commit()
    return sent


def reporter_language(session: Session, complaint: Complaint) -> Translator:
    """The language the reporter is answered in now (LineUser.speaks: they may have switched
    since filing); the complaint's own when the person never chose or wrote one."""
    user = session.get(LineUser, complaint.user_id) if complaint.user_id else None
    if user is not None and user.reply_language:
        return Translator(user.speaks)
    return Translator(complaint.language or "th")


def _status_retry_key(event: ComplaintEvent) -> str:
    # A fixed retry key per event: pushing the same change twice reaches the user once.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"asabot:complaint-event:{event.id}"))


def notify_pending(
    session: Session, line: LineApi, *, now: datetime | None = None
) -> PendingNotices:
    """Re-send status pushes that failed: each case's newest staff event the reporter never got.

    Only events younger than NOTIFY_RETRY_WINDOW, with the event's own retry key, so LINE never
    delivers one twice. An older pending event of the same case is superseded by the newest (it
    carries the current status), and the reporter's own "received" event was answered in chat.
    """
    now = now or utcnow()
    newest = (
        select(func.max(ComplaintEvent.id))
        .group_by(ComplaintEvent.complaint_id)
        .scalar_subquery()
    )
    pending = session.scalars(
        select(ComplaintEvent)
        .join(Complaint, Complaint.id == ComplaintEvent.complaint_id)
        .where(
            ComplaintEvent.id.in_(newest),
            ComplaintEvent.notified_at.is_(None),
            ComplaintEvent.actor != REPORTER_ACTOR,
            ComplaintEvent.created_at >= now - NOTIFY_RETRY_WINDOW,
            Complaint.user_id.is_not(None),
        )
        .order_by(ComplaintEvent.id)
    ).all()
    sent = skipped = failed = 0
    for event in pending:
        complaint = event.complaint
        try:
            told = tell_reporter(session, line, complaint, event)
        except Exception:
            failed += 1
            log.warning("complaint.status_push_retry_failed", extra={"complaint_id": complaint.id})
            continue
        if told:
            sent += 1
        else:
            skipped += 1
    log.info(
        "complaint.pending_notices",
        extra={"sent": sent, "skipped_blocked": skipped, "failed": failed},
    )
    return PendingNotices(sent=sent, skipped_blocked=skipped, failed=failed)
