"""Requests to talk to a member of staff ("คุยกับเจ้าหน้าที่"), for the console to follow up.

No message text is kept (PDPA): only who asked, their registered area, when, and who followed up.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.orm import Base, utcnow


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
        Enum(
            AgentRequestStatus,
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=AgentRequestStatus.OPEN,
        index=True,
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # the latest ask
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    handled_at: Mapped[datetime | None]
