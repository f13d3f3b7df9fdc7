"""The LINE users who talk to the bot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.orm import Base, utcnow


class LineUser(Base):
    __tablename__ = "line_users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # LINE userId, U + 32 hex
    display_name: Mapped[str | None] = mapped_column(String(200))
    picture_url: Mapped[str | None] = mapped_column(String(1000))
    language: Mapped[str | None] = mapped_column(String(16))
    followed_at: Mapped[datetime | None]
    unfollowed_at: Mapped[datetime | None]
    # Set by an unfollow (in LINE, unfollowing is blocking), or when LINE refuses a push as to
    # someone who is not a friend (an unfollow we never saw); cleared by the next follow.
    # Nothing is ever sent to a blocked user.
    blocked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None]

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None

    def mark_followed(self, when: datetime) -> None:
        self.followed_at = when
        self.blocked_at = None

    def mark_unfollowed(self, when: datetime) -> None:
        self.unfollowed_at = when
        self.blocked_at = when

    def mark_unreachable(self, when: datetime) -> None:
        """LINE says this person does not receive our messages: treated as blocked."""
        self.blocked_at = when
