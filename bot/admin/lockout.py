"""Lock-out after failed logins: by account and by address, each with a doubling wait.

- **By address**: many failures from one address (an IPv4 address, or the /64 an IPv6 host can
  hop within) slow that address down, whatever usernames it tries: one stranger spraying
  thirty usernames is stopped after `address_failures`.
- **By account**: failures for one username slow that username down, so a password cannot be
  guessed from many addresses either. An address the account logged in from before (within
  TRUST_DAYS) is counted on its own instead, so a stranger elsewhere cannot lock the owner out.

Each lock starts at FIRST_WAIT_SECONDS after the failure that reached the limit and doubles with
every further failure, up to `minutes`; failures older than `minutes` are forgotten, and a
success forgets an account's earlier failures.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bot.admin.models import LoginAttempt

FIRST_WAIT_SECONDS = 30
TRUST_DAYS = 30


@dataclass(frozen=True)
class LockoutPolicy:
    failures: int = 5  # per account (or per account and known address)
    address_failures: int = 20  # per address, all usernames together
    minutes: int = 15  # the longest wait, and how long a failure is remembered


@dataclass(frozen=True)
class Lock:
    """Why a login is refused before its password is looked at, and for how long."""

    by: str  # "account" or "address"
    seconds: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def address_key(ip: str | None) -> str | None:
    """What the address lock counts: the IPv4 address, or the IPv6 /64 network."""
    if not ip:
        return None
    try:
        parsed = ipaddress.ip_address(ip)
    except ValueError:
        return ip[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False))
    return str(parsed)


def current_lock(
    session: Session,
    username: str,
    address: str | None,
    policy: LockoutPolicy,
    now: datetime,
) -> Lock | None:
    """The lock on this username from this address now, if any (the longer of the two)."""
    window_start = now - timedelta(minutes=policy.minutes)
    locks = []
    if address is not None:
        by_address = LoginAttempt.address == address
        wait = _wait(session, by_address, window_start, policy.address_failures, policy, now)
        if wait:
            locks.append(Lock("address", wait))
    since = max(window_start, _last_success(session, username) or window_start)
    account = LoginAttempt.username == username
    if address is not None and _trusted(session, username, address, now):
        account = account & (LoginAttempt.address == address)
    wait = _wait(session, account, since, policy.failures, policy, now)
    if wait:
        locks.append(Lock("account", wait))
    return max(locks, key=lambda lock: lock.seconds, default=None)


def _wait(
    session: Session,
    which: ColumnElement[bool],
    since: datetime,
    limit: int,
    policy: LockoutPolicy,
    now: datetime,
) -> int:
    """Seconds still to wait after the failures `which` selects since `since` (0: none)."""
    count, last = session.execute(
        select(func.count(), func.max(LoginAttempt.created_at)).where(
            which, LoginAttempt.success.is_(False), LoginAttempt.created_at > since
        )
    ).one()
    if not count or count < limit or last is None:
        return 0
    wait = min(FIRST_WAIT_SECONDS * 2 ** min(count - limit, 20), policy.minutes * 60)
    remaining = (_aware(last) + timedelta(seconds=wait) - now).total_seconds()
    return max(0, math.ceil(remaining))


def _last_success(session: Session, username: str) -> datetime | None:
    found = session.scalar(
        select(func.max(LoginAttempt.created_at)).where(
            LoginAttempt.username == username, LoginAttempt.success.is_(True)
        )
    )
    return None if found is None else _aware(found)


def _trusted(session: Session, username: str, address: str, now: datetime) -> bool:
    """Has this account logged in from this address lately (then it is counted apart)?"""
    found = session.scalar(
        select(LoginAttempt.id)
        .where(
            LoginAttempt.username == username,
            LoginAttempt.address == address,
            LoginAttempt.success.is_(True),
            LoginAttempt.created_at > now - timedelta(days=TRUST_DAYS),
        )
        .limit(1)
    )
    return found is not None


def _aware(when: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone columns; they were written in UTC.
    return when if when.tzinfo else when.replace(tzinfo=UTC)
