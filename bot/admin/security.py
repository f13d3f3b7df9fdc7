"""Passwords, log-in checks and CSRF tokens: the console's security primitives, no Flask views.

The lock-out rules are in lockout.py.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from bot.admin.lockout import Lock, LockoutPolicy, address_key, current_lock
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


@dataclass(frozen=True)
class LoginResult:
    staff: StaffUser | None  # None: refused
    lock: Lock | None = None  # set when refused (or now locked) for too many failures


def authenticate(
    session: Session,
    username: str,
    password: str,
    *,
    ip: str | None,
    policy: LockoutPolicy,
    now: datetime | None = None,
) -> LoginResult:
    """Check a login and record the attempt; a locked account or address is refused first."""
    username = username.strip().lower()[:64]
    address = address_key(ip)
    now = now or utcnow()
    lock = current_lock(session, username, address, policy, now)
    if lock is not None:
        # Refused whatever the password, and the try still counts (the wait doubles).
        session.add(_attempt(username, ip, address, success=False, now=now))
        session.commit()
        return LoginResult(None, current_lock(session, username, address, policy, now) or lock)
    staff = session.scalar(select(StaffUser).where(StaffUser.username == username))
    good = check_password_hash(staff.password_hash if staff else _DUMMY_HASH, password)
    ok = bool(staff is not None and staff.active and good)
    session.add(_attempt(username, ip, address, success=ok, now=now))
    if ok and staff is not None:
        staff.last_login_at = now
    session.commit()
    if ok:
        return LoginResult(staff)
    return LoginResult(None, current_lock(session, username, address, policy, now))


def revoke_sessions(staff: StaffUser) -> None:
    """End every session of `staff` at its next request (log-out, new password, disabled)."""
    staff.session_version = (staff.session_version or 0) + 1


def _attempt(
    username: str, ip: str | None, address: str | None, *, success: bool, now: datetime
) -> LoginAttempt:
    ip = ip[:64] if ip else None
    return LoginAttempt(username=username, ip=ip, address=address, success=success, created_at=now)


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
