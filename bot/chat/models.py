"""The chat's tables: the message log, the inbox/outbox of webhook events, the flows' drafts."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Enum, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.orm import Base, utcnow


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


class MessageLog(Base):
    __tablename__ = "message_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str | None] = mapped_column(String(64), index=True)  # webhookEventId
    direction: Mapped[Direction] = mapped_column(
        Enum(Direction, native_enum=False, length=8, values_callable=lambda e: [m.value for m in e])
    )
    user_id: Mapped[str | None] = mapped_column(String(64), index=True)
    event_type: Mapped[str] = mapped_column(String(32))  # message.text, follow, postback, reply...
    # Incoming text with phone numbers masked; None for flows that collect personal data.
    text: Mapped[str | None] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(64), index=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    decision: Mapped[str | None] = mapped_column(String(16))  # accept | clarify | out_of_scope
    handling_ms: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Delivery(enum.StrEnum):
    """Where an event's answer stands: the outbox side of the inbox row."""

    NONE = "none"  # the event asked for no answer
    PENDING = "pending"  # stored, not yet accepted by LINE: a redelivery or the sweep sends it
    SENT = "sent"  # LINE accepted it (a reply, a push, or a push answered 409)
    FAILED = "failed"  # LINE refused it for good (a 4xx other than 429): never sent again
    EXPIRED = "expired"  # still unsent after OUTBOX_GIVE_UP: LINE forgets retry keys at 24 h


class InboxEvent(Base):
    """One webhook event handled: written in the same transaction as the event's effects.

    The row exists only when the effects were committed, so a redelivered event finds it and
    does nothing but send the stored answer if LINE has not accepted it yet; an event whose
    handling died uncommitted left no row and is handled again.
    """

    __tablename__ = "chat_inbox"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # webhookEventId
    event_type: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str | None] = mapped_column(String(64))  # where a push goes
    # The reply token of the first delivery; a redelivery may bring a fresh one.
    reply_token: Mapped[str | None] = mapped_column(String(255))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    delivery: Mapped[Delivery] = mapped_column(
        Enum(
            Delivery, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
        ),
        default=Delivery.NONE,
        index=True,
    )
    via: Mapped[str | None] = mapped_column(String(8))  # reply | push, once sent
    # The answer (JSON of the SDK's messages), sealed like drafts; cleared once sent or refused.
    messages: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A reply may have reached LINE (timed out, connection cut): never reply again with another
    # token, and read "invalid reply token" for that one as "it was used by that reply".
    reply_uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(String(255))  # status and LINE's message
    # A sender holds the row until then, so two senders never send the same answer at once.
    lease_until: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]


class FlowDraft(Base):
    """A flow in progress, one per chat (key: flow:<source type>:<source id>), sealed at rest."""

    __tablename__ = "chat_drafts"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
