"""Complaints reported in chat: the case, its evidence, its status history, reference counters."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Enum,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.core.orm import Base, utcnow


def _values(enum_type: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in enum_type]


class ComplaintStatus(enum.StrEnum):
    RECEIVED = "received"
    FORWARDED = "forwarded"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED_UNRESOLVABLE = "closed_unresolvable"


# Finished cases: the reporter may rate them, and their personal data ages out.
RATEABLE = frozenset({ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED_UNRESOLVABLE})
# The actor of a case's first event, the filing itself: answered in the chat, never pushed.
REPORTER_ACTOR = "reporter"


class Affected(enum.StrEnum):
    SELF = "self"
    OTHER = "other"  # someone the volunteer is helping
    GROUP = "group"


class ReferenceCounter(Base):
    """The last reference number handed out per Buddhist-era year (one row per year)."""

    __tablename__ = "complaint_reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer)


class Complaint(Base):
    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # AS-2569-000001
    # The chat draft it came from: a second confirm of the same draft finds this row.
    draft_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    # None after the reporter's data was erased.
    user_id: Mapped[str | None] = mapped_column(String(64), index=True)
    affected: Mapped[Affected] = mapped_column(
        Enum(Affected, native_enum=False, length=16, values_callable=_values)
    )
    # The volunteer confirmed the person they report for agreed (None when reporting for self).
    affected_consented: Mapped[bool | None] = mapped_column(Boolean)
    category: Mapped[str] = mapped_column(String(32), index=True)
    details: Mapped[str | None] = mapped_column(Text)
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(String(4))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    place_text: Mapped[str | None] = mapped_column(String(500))
    # Fernet token of the phone number; never stored in clear.
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    routed_to: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[ComplaintStatus] = mapped_column(
        Enum(ComplaintStatus, native_enum=False, length=24, values_callable=_values), index=True
    )
    consent_version: Mapped[str] = mapped_column(String(32))
    consented_at: Mapped[datetime]
    # The language the complaint was made in ('th' | 'ms'): staff see it beside the story, which
    # is kept as typed. The consent notice is one version in both languages.
    language: Mapped[str] = mapped_column(String(2), default="th", server_default="th")
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    rated_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    erased_at: Mapped[datetime | None]

    attachments: Mapped[list[ComplaintAttachment]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="ComplaintAttachment.id"
    )
    events: Mapped[list[ComplaintEvent]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="ComplaintEvent.id"
    )


class ComplaintAttachment(Base):
    """Evidence: an image or file the reporter sent, stored in the media store by a job."""

    __tablename__ = "complaint_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[str] = mapped_column(String(64), index=True)  # LINE message id
    kind: Mapped[str] = mapped_column(String(8))  # image | file
    file_name: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(100))
    path: Mapped[str] = mapped_column(String(500))  # relative to MEDIA_DIR
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    stored_at: Mapped[datetime | None]  # None until the download job has the bytes
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    complaint: Mapped[Complaint] = relationship(back_populates="attachments")


class ComplaintEvent(Base):
    """One status change, with when, who and why: the case's history."""

    __tablename__ = "complaint_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ComplaintStatus] = mapped_column(
        Enum(ComplaintStatus, native_enum=False, length=24, values_callable=_values)
    )
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))  # reporter | cli | staff:<id>
    notified_at: Mapped[datetime | None]  # when the reporter was told
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    complaint: Mapped[Complaint] = relationship(back_populates="events")
