"""The message log: one row per event received and per message batch sent."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, Float, Integer, String, Text
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
