"""Staff of the web console: their accounts, what they did (audit), and their login attempts."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.orm import Base, utcnow


class StaffRole(enum.StrEnum):
    ADMIN = "admin"  # everything
    OFFICER = "officer"  # complaints, broadcasts and volunteers of their own provinces
    OMBUDSMAN = "ombudsman"  # complaints in the Ombudsman's categories, every province


STAFF_ROLE_LABELS: dict[StaffRole, str] = {
    StaffRole.ADMIN: "ผู้ดูแลระบบ",
    StaffRole.OFFICER: "เจ้าหน้าที่จังหวัด",
    StaffRole.OMBUDSMAN: "เจ้าหน้าที่ผู้ตรวจการแผ่นดิน",
}


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))  # werkzeug.security format
    role: Mapped[StaffRole] = mapped_column(
        Enum(
            StaffRole, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
        )
    )
    # DOPA province codes an officer works for; empty for admin and ombudsman.
    provinces: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Copied into the session cookie at login and compared on every request: raising it (log-out,
    # a new password, disabling) ends every session of the account at once.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AuditEntry(Base):
    """Who viewed or changed what, when; never updated, never deleted by the console."""

    __tablename__ = "staff_audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Kept (SET NULL) if the account goes away: the username below still says who it was.
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL"), index=True
    )
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)  # complaint.viewed, ...
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class LoginAttempt(Base):
    """Every login try; recent failures slow down the account and the address they came from."""

    __tablename__ = "staff_login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    ip: Mapped[str | None] = mapped_column(String(64))
    # What the address lock counts: the IPv4 address, or the IPv6 /64 a single host can hop in.
    address: Mapped[str | None] = mapped_column(String(64), index=True)
    success: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class IntentLabel(Base):
    """A staff member's verdict on a message the classifier was unsure about."""

    __tablename__ = "intent_labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("message_log.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
