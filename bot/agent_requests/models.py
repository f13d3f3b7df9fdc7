"""Requests to talk to a member of staff ("คุยกับเจ้าหน้าที่"), for the console to follow up.

No message text is kept (PDPA): only who asked, their registered area, when, and who followed up.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.orm import Base, utcnow


def _enum(kind: type[enum.Enum]) -> Enum:
    return Enum(kind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class AgentRequestStatus(enum.StrEnum):
    OPEN = "open"
    HANDLED = "handled"


class AgentRequest(Base):
    __tablename__ = "agent_requests"
    __table_args__ = (
        # One open request per user, as a rule of the database: a repeat only moves its time.
        Index(
            "uq_agent_requests_open_user",
            "user_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Erasing the LINE user erases their requests with them.
    user_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("line_users.id", ondelete="CASCADE"), index=True
    )
    # From the user's registration when the request was last made; None when not registered.
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(String(4))
    status: Mapped[AgentRequestStatus] = mapped_column(
        _enum(AgentRequestStatus), default=AgentRequestStatus.OPEN, index=True
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # the latest ask
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    handled_at: Mapped[datetime | None]


class HandoffStatus(enum.StrEnum):
    """Where a person's conversation is: waiting for an officer, with one, or back with the bot."""

    WAITING = "waiting"
    ACTIVE = "active"
    CLOSED = "closed"


class Handoff(Base):
    """One conversation with an officer: asked for, taken by one officer, ended by someone."""

    __tablename__ = "handoffs"
    __table_args__ = (
        # At most one open conversation per person: the bot steps aside for exactly one.
        Index(
            "uq_handoffs_open_user",
            "user_id",
            unique=True,
            sqlite_where=text("status != 'closed'"),
            postgresql_where=text("status != 'closed'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("line_users.id", ondelete="CASCADE"), index=True
    )
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    status: Mapped[HandoffStatus] = mapped_column(
        _enum(HandoffStatus), default=HandoffStatus.WAITING, index=True
    )
    officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL"), index=True
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    taken_at: Mapped[datetime | None]
    # The last message either way: the idle timeout counts from here.
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    # officer | person | no_officer | idle: who or what ended it.
    closed_reason: Mapped[str | None] = mapped_column(String(16))
    close_note: Mapped[str | None] = mapped_column(Text)  # the officer's note, for colleagues
    rating: Mapped[int | None] = mapped_column(Integer)  # 1-5, asked after an officer ends it
    # The newest markAsReadToken of the person's messages: spent when the owner has seen them.
    read_token: Mapped[str | None] = mapped_column(String(255))


class HandoffMessage(Base):
    """One line of a conversation's transcript, as the officer sees it (phones masked)."""

    __tablename__ = "handoff_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoffs.id", ondelete="CASCADE"), index=True
    )
    # person | officer | notice (what the bot told the person about the conversation)
    sender: Mapped[str] = mapped_column(String(8))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))  # text | image | location | sticker | file
    text: Mapped[str | None] = mapped_column(Text)
    # LINE's message id of a photo the person sent, for the console to show.
    line_message_id: Mapped[str | None] = mapped_column(String(32))
    # The X-Line-Retry-Key an officer's message went with: one key, one message, however many
    # times the form is sent.
    retry_key: Mapped[str | None] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
