"""Passwords, lock-out and CSRF tokens: the console's security primitives, no Flask views here."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import MutableMapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from bot.admin.models import LoginAttempt, StaffUser
from bot.core.orm import utcnow

MIN_PASSWORD_LENGTH = 10
CSRF_SESSION_KEY = "csrf_token"
# Checked against when the username does not exist, so both cases take as long.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class PasswordTooWeak(ValueError):
    """The password is too short to be accepted."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordTooWeak(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return generate_password_hash(password)


def is_locked(
    session: Session, username: str, *, failures: int, minutes: int, now: datetime | None = None
) -> bool:
    """True when `username` had `failures` failed logins in the last `minutes`, none succeeding."""
    now = now or utcnow()
    since = now - timedelta(minutes=minutes)
    last_success = session.scalar(
        select(func.max(LoginAttempt.created_at)).where(
            LoginAttempt.username == username, LoginAttempt.success.is_(True)
        )
    )
    if last_success is not None and _aware(last_success) > since:
        since = _aware(last_success)
    recent_failures = session.scalar(
        select(func.count()).where(
            LoginAttempt.username == username,
            LoginAttempt.success.is_(False),
            LoginAttempt.created_at > since,
        )
    )
    return int(recent_failures or 0) >= failures


def authenticate(
    session: Session,
    username: str,
    password: str,
    *,
    ip: str | None,
    failures: int,
    minutes: int,
) -> tuple[StaffUser | None, bool]:
    """Check a login and record the attempt: (the staff user or None, locked)."""
    username = username.strip().lower()
    if is_locked(session, username, failures=failures, minutes=minutes):
        # A locked account answers the same whatever the password, and the try still counts.
        session.add(LoginAttempt(username=username, ip=ip, success=False))
        session.commit()
        return None, True
    staff = session.scalar(select(StaffUser).where(StaffUser.username == username))
    good = check_password_hash(staff.password_hash if staff else _DUMMY_HASH, password)
    ok = bool(staff is not None and staff.active and good)
    session.add(LoginAttempt(username=username, ip=ip, success=ok))
    if ok and staff is not None:
        staff.last_login_at = utcnow()
    session.commit()
    if ok:
        return staff, False
    return None, is_locked(session, username, failures=failures, minutes=minutes)


def csrf_token(store: MutableMapping[str, Any]) -> str:
    """The session's CSRF token, made on first use."""
    token = store.get(CSRF_SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        store[CSRF_SESSION_KEY] = token
    return str(token)


def csrf_valid(store: MutableMapping[str, Any], submitted: str | None) -> bool:
    expected = store.get(CSRF_SESSION_KEY)
    return bool(expected and submitted and hmac.compare_digest(str(expected), submitted))


def _aware(when: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone columns; they were written in UTC.
    from datetime import UTC

    return when if when.tzinfo else when.replace(tzinfo=UTC)
