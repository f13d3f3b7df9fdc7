"""Survey forms (every version loaded), interviews (drafts and submissions), photos, exports.

A draft is a row like a submission, so an interview in progress survives a restart and the
loss of Redis; it names the form version it was started on, and is finished on that version.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.orm import Base, utcnow


def _enum(kind: type[enum.Enum]) -> Enum:
    return Enum(kind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class ResponseStatus(enum.StrEnum):
    ACTIVE = "active"  # the volunteer's chat answers go to it
    PAUSED = "paused"  # พักไว้ก่อน: kept until they come back
    SUBMITTED = "submitted"
    DECLINED = "declined"  # the respondent refused consent: nothing about them is kept


OPEN_STATUSES = (ResponseStatus.ACTIVE, ResponseStatus.PAUSED)


class ExportStatus(enum.StrEnum):
    QUEUED = "queued"
    DONE = "done"
    FAILED = "failed"


class SurveyForm(Base):
    """One version of one XLSForm; the newest version of a form_id still in the folder is active."""

    __tablename__ = "survey_forms"
    __table_args__ = (UniqueConstraint("form_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    form_id: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))  # Thai, for lists
    digest: Mapped[str] = mapped_column(String(64))  # of the definition: same form, same digest
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)  # Form.to_json()
    source_name: Mapped[str] = mapped_column(String(200))
    # The XLSForm file as loaded: the data dictionary of this version's answers.
    source: Mapped[bytes] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class SurveyResponse(Base):
    """One interview: a draft while active or paused, then submitted (or declined)."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        # One open interview per volunteer: what they type goes to exactly one.
        Index(
            "uq_survey_responses_open_user",
            "user_id",
            unique=True,
            sqlite_where=text("status IN ('active', 'paused')"),
            postgresql_where=text("status IN ('active', 'paused')"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)  # KoboToolbox's _uuid
    form_pk: Mapped[int] = mapped_column(ForeignKey("survey_forms.id"), index=True)
    form_id: Mapped[str] = mapped_column(String(40), index=True)
    # The volunteer who interviewed; kept (NULL) if their LINE account is erased.
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("line_users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ResponseStatus] = mapped_column(_enum(ResponseStatus), index=True)
    language: Mapped[str] = mapped_column(String(8), default="th")
    # The volunteer's registered area when the interview started.
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(String(4), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    cursor: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # where the chat is
    consent_at: Mapped[datetime | None]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(index=True)


class SurveyMedia(Base):
    """A photo answer: LINE's message id at once, the stored file once the job fetched it."""

    __tablename__ = "survey_media"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[str] = mapped_column(String(64), index=True)
    question: Mapped[str] = mapped_column(String(64))
    stored_path: Mapped[str | None] = mapped_column(String(300))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    stored_at: Mapped[datetime | None]


class SurveyExport(Base):
    """An export staff asked for in the console, built by a job, downloaded by the same staff."""

    __tablename__ = "survey_exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    form_id: Mapped[str] = mapped_column(String(40), index=True)
    format: Mapped[str] = mapped_column(String(8))  # csv | xlsx
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL"), index=True
    )
    # The provinces the staff member may see, fixed when asked; None: every province.
    provinces: Mapped[list[str] | None] = mapped_column(JSON)
    status: Mapped[ExportStatus] = mapped_column(_enum(ExportStatus), default=ExportStatus.QUEUED)
    file_name: Mapped[str | None] = mapped_column(String(200))
    rows: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
