"""Broadcast announcements, the batches that carry them to LINE, and who LINE accepted them for.

The audience is frozen into the batches when sending starts: each batch row holds its user ids
as one JSON array (a single INSERT ... SELECT cuts 100,000 people into 200 rows). Once a
broadcast is closed, the people of its accepted batches are written out one row each
(broadcast_recipients), whose primary key makes "nobody twice" a constraint of the database.
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
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from bot.core.i18n import MALAY, THAI
from bot.core.orm import Base, utcnow


def _enum(kind: type[enum.Enum], length: int) -> Enum:
    return Enum(
        kind, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class BroadcastStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class BatchStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    FAILED = "failed"


class Broadcast(Base):
    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # 1-5 LINE message objects as JSON (text, image, flex), exactly as the API takes them.
    messages: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # The same announcement for Malay speakers (LineUser.speaks == 'ms'), when staff wrote one;
    # None: Malay speakers get `messages` too.
    messages_ms: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # Empty lists everywhere mean everyone. Roles narrow; provinces and districts together
    # name the places (a person in any of them is in).
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    provinces: Mapped[list[str]] = mapped_column(JSON, default=list)
    districts: Mapped[list[str]] = mapped_column(JSON, default=list)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[BroadcastStatus] = mapped_column(
        _enum(BroadcastStatus, 16), default=BroadcastStatus.DRAFT, index=True
    )
    requested_at: Mapped[datetime | None]  # the time staff asked for (None: as soon as sent)
    due_at: Mapped[datetime | None]  # when it will go: requested_at moved out of quiet hours
    via: Mapped[str | None] = mapped_column(String(16))  # multicast | broadcast, set at freeze
    recipients_count: Mapped[int] = mapped_column(Integer, default=0)
    accepted_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    batches: WriteOnlyMapped[BroadcastBatch] = relationship(
        back_populates="broadcast", passive_deletes=True
    )
    recipients: WriteOnlyMapped[BroadcastRecipient] = relationship(passive_deletes=True)

    @property
    def everyone(self) -> bool:
        return not (self.roles or self.provinces or self.districts)

    def messages_in(self, language: str) -> list[dict[str, Any]]:
        """What a speaker of `language` receives: the Malay version when written, else Thai."""
        if language == MALAY and self.messages_ms:
            return self.messages_ms
        return self.messages


class BroadcastBatch(Base):
    """At most 500 recipients sent in one request, under a retry key fixed before the first try."""

    __tablename__ = "broadcast_batches"
    __table_args__ = (UniqueConstraint("broadcast_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    retry_key: Mapped[str] = mapped_column(String(36), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    # The frozen recipients of this batch ("to" of its multicast), fixed when sending started.
    user_ids: Mapped[list[str]] = mapped_column(JSON)
    # Everyone in a batch speaks one language: the batch carries Broadcast.messages_in(language).
    language: Mapped[str] = mapped_column(String(2), default=THAI, server_default=THAI)
    status: Mapped[BatchStatus] = mapped_column(
        _enum(BatchStatus, 16), default=BatchStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    http_status: Mapped[int | None] = mapped_column(Integer)  # the last answer LINE gave
    request_id: Mapped[str | None] = mapped_column(String(64))  # x-line-request-id
    error: Mapped[str | None] = mapped_column(Text)  # LINE's reason when it refused the batch
    finished_at: Mapped[datetime | None]

    broadcast: Mapped[Broadcast] = relationship(back_populates="batches")


class BroadcastRecipient(Base):
    """One person LINE accepted a broadcast for, written when the broadcast is closed.

    The primary key (user, broadcast) means no one can be on record twice for one broadcast,
    and serves "my announcements" in the chat (what reached one user) without another index.
    """

    __tablename__ = "broadcast_recipients"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer)  # the batch that carried it (its seq)
