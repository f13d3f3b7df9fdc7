"""The volunteer registry: who someone is in the network, where, and whether they want news."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.i18n import L_
from bot.core.orm import Base, utcnow


class Role(enum.StrEnum):
    VOLUNTEER = "volunteer"  # อาสาสมัครแรงงาน
    GRADUATE = "graduate"  # บัณฑิตแรงงาน
    PUBLIC = "public"  # ประชาชนทั่วไป


# Thai, as the console shows them; marked (L_: the registration flow's buttons say the same).
ROLE_LABELS: dict[Role, str] = {
    Role.VOLUNTEER: L_("อาสาสมัครแรงงาน"),
    Role.GRADUATE: L_("บัณฑิตแรงงาน"),
    Role.PUBLIC: L_("ประชาชนทั่วไป"),
}


class Volunteer(Base):
    """One row per LINE user who registered or chose about announcements.

    A row may exist without a role: someone who only said "หยุดรับข่าว" before registering.
    Blocking lives on LineUser (blocked_at); this row never duplicates it.
    """

    __tablename__ = "volunteers"
    # The few who opted out, for the audience's anti-join (migration 0015).
    __table_args__ = (
        Index(
            "ix_volunteers_announcements_off",
            "user_id",
            postgresql_where=text("announcements_off_at IS NOT NULL"),
            sqlite_where=text("announcements_off_at IS NOT NULL"),
        ),
    )

    user_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("line_users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role | None] = mapped_column(
        Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        index=True,
    )
    # DOPA codes from geothai: two digits for a province, four for a district.
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(String(4), index=True)
    # Personal data, kept only with consent (consent_at set when they were given). The phone is
    # encrypted with COMPLAINT_PHONE_KEY like complaints' (registry.phone_of reads it).
    full_name: Mapped[str | None] = mapped_column(String(200))
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    consent_at: Mapped[datetime | None]
    registered_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Set by "หยุดรับข่าว", cleared by "รับข่าว": no announcement reaches them meanwhile.
    announcements_off_at: Mapped[datetime | None]

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None

    @property
    def wants_announcements(self) -> bool:
        return self.announcements_off_at is None
