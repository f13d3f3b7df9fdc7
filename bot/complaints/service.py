"""Complaint operations shared by the chat and the staff console, one function per event.

Callers pass the session, the LINE seam and the cipher; nothing here reads Flask globals.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from linebot.v3.messaging import ApiException
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.complaints.crypto import PhoneCipher
from bot.complaints.models import (
    Affected,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
)
from bot.complaints.references import find_reference, next_reference
from bot.complaints.routing import route
from bot.core.line import LineApi
from bot.core.notify import push_to_user
from bot.core.orm import utcnow

log = logging.getLogger(__name__)

REPORTER_ACTOR = "reporter"  # the filing itself: answered in the chat, never pushed
RATEABLE = frozenset({ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED_UNRESOLVABLE})
_MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]+")  # LINE's message ids are digits


@dataclass(frozen=True)
class Evidence:
    message_id: str
    kind: str  # image | file
    file_name: str | None = None


@dataclass(frozen=True)
class NewComplaint:
    """Everything the chat flow collected, validated, ready to become one complaint."""

    draft_id: str
    user_id: str
    affected: Affected
    category: str
    details: str
    consent_version: str
    consented_at: datetime
    affected_consented: bool | None = None
    province_code: str | None = None
    district_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    place_text: str | None = None
    phone: str | None = None
    evidence: Sequence[Evidence] = field(default_factory=tuple)


class ComplaintError(ValueError):
    """A request that cannot be done; the message is safe to show to staff."""


EVIDENCE_DIR = "evidence"  # under MEDIA_DIR


def evidence_path(message_id: str) -> str:
    """Where a message's bytes live, relative to MEDIA_DIR (the download job writes it)."""
    return f"{EVIDENCE_DIR}/{message_id}"


def discard_draft_evidence(session: Session, media_dir: Path, message_ids: Iterable[str]) -> int:
    """Delete the evidence files of a draft that will not be filed; returns how many went.

    They are personal data kept for a complaint that is not coming. A file a complaint's
    attachment points to is that complaint's, and stays.
    """
    wanted = {m for m in message_ids if _MESSAGE_ID.fullmatch(m)}  # never a path of its own
    if not wanted:
        return 0
    filed = set(
        session.scalars(
            select(ComplaintAttachment.message_id).where(ComplaintAttachment.message_id.in_(wanted))
        )
    )
    removed = 0
    for message_id in wanted - filed:
        path = media_dir / evidence_path(message_id)
        if path.exists():
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        log.info("complaint.draft_evidence_discarded", extra={"files": removed})
    return removed


# Drafts live a day (their TTL slides with each answer); a file older than two days that no
# complaint points to belongs to a draft that was abandoned.
ORPHAN_EVIDENCE_AGE = timedelta(days=2)


def sweep_orphan_evidence(session: Session, media_dir: Path, *, now: datetime | None = None) -> int:
    """Delete evidence files of drafts abandoned without a cancel; returns how many went."""
    folder = media_dir / EVIDENCE_DIR
    if not folder.is_dir():
        return 0
    cutoff = ((now or utcnow()) - ORPHAN_EVIDENCE_AGE).timestamp()
    old = {p.name: p for p in folder.iterdir() if p.is_file() and p.stat().st_mtime < cutoff}
    if not old:
        return 0
    filed = set(
        session.scalars(
            select(ComplaintAttachment.message_id).where(ComplaintAttachment.message_id.in_(old))
        )
    )
    for name in old.keys() - filed:
        old[name].unlink(missing_ok=True)
    removed = len(old.keys() - filed)
    log.info("complaint.orphan_evidence_swept", extra={"files": removed})
    return removed


def create_complaint(
    session: Session,
    new: NewComplaint,
    *,
    cipher: PhoneCipher | None,
    media_dir: Path,
    now: datetime | None = None,
) -> tuple[Complaint, bool]:
    """Write the complaint, its evidence and its first event in one transaction.

    Returns (complaint, created). The same draft confirmed again, even at the same moment from
    another worker, returns the first complaint with created=False.
    """
    existing = find_by_draft(session, new.draft_id)
    if existing is not None:
        return existing, False
    if new.phone and cipher is None:
        raise ComplaintError("phone numbers need COMPLAINT_PHONE_KEY")
    now = now or utcnow()
    try:
        complaint = Complaint(
            reference=next_reference(session, now),
            draft_id=new.draft_id,
            user_id=new.user_id,
            affected=new.affected,
            affected_consented=new.affected_consented,
            category=new.category,
            details=new.details,
            province_code=new.province_code,
            district_code=new.district_code,
            latitude=new.latitude,
            longitude=new.longitude,
            place_text=new.place_text,
            phone_encrypted=cipher.encrypt(new.phone) if cipher and new.phone else None,
            anonymous=not new.phone,
            routed_to=route(new.category),
            status=ComplaintStatus.RECEIVED,
            consent_version=new.consent_version,
            consented_at=new.consented_at,
            created_at=now,
            updated_at=now,
        )
        for item in new.evidence:
            path = evidence_path(item.message_id)
            complaint.attachments.append(
                ComplaintAttachment(
                    message_id=item.message_id,
                    kind=item.kind,
                    file_name=item.file_name,
                    path=path,
                    stored_at=now if (media_dir / path).exists() else None,
                    created_at=now,
                )
            )
        complaint.events.append(
            ComplaintEvent(status=ComplaintStatus.RECEIVED, actor=REPORTER_ACTOR, created_at=now)
        )
        session.add(complaint)
        session.commit()
    except IntegrityError:
        # Another confirm of the same draft won the race; its complaint is the one.
        session.rollback()
        existing = find_by_draft(session, new.draft_id)
        if existing is None:
            raise
        return existing, False
    log.info("complaint.created", extra={"complaint_id": complaint.id, "category": new.category})
    return complaint, True


def find_by_draft(session: Session, draft_id: str) -> Complaint | None:
    return session.scalar(select(Complaint).where(Complaint.draft_id == draft_id))


def find_by_reference(session: Session, text: str) -> Complaint | None:
    """The complaint a reference number (typed loosely or exactly) points to."""
    reference = find_reference(text)
    if reference is None:
        return None
    return session.scalar(select(Complaint).where(Complaint.reference == reference))


def recent_for_user(session: Session, user_id: str, limit: int = 10) -> list[Complaint]:
    return list(
        session.scalars(
            select(Complaint)
            .where(Complaint.user_id == user_id)
            .order_by(Complaint.created_at.desc(), Complaint.id.desc())
            .limit(limit)
        )
    )


def change_status(
    session: Session,
    line: LineApi,
    complaint: Complaint,
    status: ComplaintStatus,
    *,
    note: str | None,
    actor: str,
    now: datetime | None = None,
) -> ComplaintEvent:
    """Record a status change (committed), then tell the reporter in LINE.

    A push that fails leaves the event's notified_at empty; `notify_pending` sends it later.
    """
    now = now or utcnow()
    event = ComplaintEvent(status=status, note=note, actor=actor, created_at=now)
    complaint.events.append(event)
    complaint.status = status
    complaint.updated_at = now
    session.commit()
    log.info("complaint.status_changed", extra={"complaint_id": complaint.id, "status": status})
    if complaint.user_id is None:
        return event
    try:
        _tell_reporter(session, line, complaint, event)
    except Exception:
        log.exception("complaint.status_push_failed", extra={"complaint_id": complaint.id})
    return event


# LINE remembers a retry key for 24 hours; after that the same key is a new request, and a push
# that did land (only its answer was lost) would land twice. Resending stops well inside that.
NOTIFY_RETRY_WINDOW = timedelta(hours=23)


@dataclass(frozen=True)
class PendingNotices:
    """What one `notify_pending` run did."""

    sent: int = 0
    skipped_blocked: int = 0
    failed: int = 0


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
            told = _tell_reporter(session, line, complaint, event)
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


def _status_retry_key(event: ComplaintEvent) -> str:
    # A fixed retry key per event: pushing the same change twice reaches the user once.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"asabot:complaint-event:{event.id}"))


def _tell_reporter(
    session: Session, line: LineApi, complaint: Complaint, event: ComplaintEvent
) -> bool:
    """Push the status update with the event's retry key; True (and notified_at set) when told.

    False when the reporter blocked the bot (or was erased). A 409 means LINE already accepted
    this very push (an earlier try whose answer was lost): the reporter was told.
    """
    from bot.complaints.messages import status_update_messages

    if complaint.user_id is None:
        return False
    messages = status_update_messages(complaint, event)
    try:
        sent = push_to_user(
            session, line, complaint.user_id, messages, _status_retry_key(event)
        )
    except ApiException as exc:
        if exc.status != 409:
            raise
        sent = True
    if sent:
        event.notified_at = utcnow()
        session.commit()
    return sent


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


# A rating typed days after the "how did we do" push still belongs to that case.
RATING_WINDOW = timedelta(days=14)


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


def erase_user(session: Session, user_id: str, media_dir: Path) -> int:
    """Erase a reporter's personal data (PDPA); the anonymous case record stays for statistics.

    Returns how many complaints were erased.
    """
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
