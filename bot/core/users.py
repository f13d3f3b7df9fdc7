"""The LINE users who talk to the bot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, String, and_, func, not_, or_
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.i18n import MALAY, MALAY_TAGS, language_code
from bot.core.orm import Base, utcnow


class LineUser(Base):
    __tablename__ = "line_users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # LINE userId, U + 32 hex
    display_name: Mapped[str | None] = mapped_column(String(200))
    picture_url: Mapped[str | None] = mapped_column(String(1000))
    # The language of the person's LINE app, from their profile: a hint, never a choice.
    language: Mapped[str | None] = mapped_column(String(16))
    # The language the bot answers in ('th' or 'ms'): stated by the person (the rich menu's
    # language tile, "cakap Melayu", "ภาษาไทย"), else what their last message was written in.
    reply_language: Mapped[str | None] = mapped_column(String(2))
    # When the person said which language they want; a stated choice beats detection.
    language_stated_at: Mapped[datetime | None]
    followed_at: Mapped[datetime | None]
    unfollowed_at: Mapped[datetime | None]
    # Set by an unfollow (in LINE, unfollowing is blocking), or when LINE refuses a push as to
    # someone who is not a friend (an unfollow we never saw); cleared by the next follow.
    # Nothing is ever sent to a blocked user.
    blocked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None]

    @property
    def speaks(self) -> str:
        """The language to answer in: the chosen or last detected one, else the LINE app's."""
        return language_code(self.reply_language or self.language)

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


def speaks_clause(language: str) -> ColumnElement[bool]:
    """`LineUser.speaks == language` as SQL, for choosing people by language in one query."""
    app = func.lower(func.replace(func.coalesce(LineUser.language, ""), "_", "-"))
    app_malay = or_(*(or_(app == tag, app.like(f"{tag}-%")) for tag in MALAY_TAGS))
    chosen = func.coalesce(LineUser.reply_language, "")
    malay = or_(
        func.lower(chosen).in_(MALAY_TAGS),
        and_(chosen == "", app_malay),
    )
    return malay if language == MALAY else not_(malay)
