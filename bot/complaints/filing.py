"""Filing a complaint: what the chat flow collected becomes one case, once per draft."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.complaints.crypto import PhoneCipher
from bot.complaints.errors import ComplaintError
from bot.complaints.evidence import Evidence, evidence_path
from bot.complaints.lookup import find_by_draft
from bot.complaints.models import (
    REPORTER_ACTOR,
    Affected,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
)
from bot.complaints.references import next_reference
from bot.complaints.routing import route
from bot.core.orm import utcnow

log = logging.getLogger(__name__)


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
    language: str = "th"  # the language the person filed in ('th' | 'ms')


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
        # A savepoint of its own: a twin confirm's IntegrityError undoes this complaint alone,
        # not the rest of the caller's transaction (in a chat turn, the event's inbox claim).
        with session.begin_nested():
            complaint = _complaint(session, new, cipher, now)
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
                ComplaintEvent(
                    status=ComplaintStatus.RECEIVED, actor=REPORTER_ACTOR, created_at=now
                )
            )
            session.add(complaint)
        session.commit()
    except IntegrityError:
        # Another confirm of the same draft won the race; its complaint is the one.
        existing = find_by_draft(session, new.draft_id)
        if existing is None:
            raise
        return existing, False
    log.info("complaint.created", extra={"complaint_id": complaint.id, "category": new.category})
    return complaint, True


def _complaint(
    session: Session, new: NewComplaint, cipher: PhoneCipher | None, now: datetime
) -> Complaint:
    """The case row itself, numbered and routed, its phone encrypted."""
    return Complaint(
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
        language=new.language,
        created_at=now,
        updated_at=now,
    )
