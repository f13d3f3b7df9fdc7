"""Registry service functions: the chat flow, the console and the CLI all change it here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer


def entry(session: Session, user_id: str) -> Volunteer | None:
    return session.get(Volunteer, user_id)


def area_of(session: Session, user_id: str) -> str | None:
    """The registered district code, else province code: what area answers should be about."""
    found = session.get(Volunteer, user_id)
    return None if found is None else (found.district_code or found.province_code)


def _entry_for(session: Session, user_id: str) -> Volunteer:
    found = session.get(Volunteer, user_id)
    if found is not None:
        return found
    if session.get(LineUser, user_id) is None:
        # A user the bot never saw follow (an old friend from before the bot): known now.
        session.add(LineUser(id=user_id))
        session.flush()
    found = Volunteer(user_id=user_id)
    session.add(found)
    return found


def register(
    session: Session,
    user_id: str,
    *,
    role: Role,
    province_code: str,
    district_code: str | None,
    now: datetime,
    full_name: str | None = None,
    phone: str | None = None,
) -> Volunteer:
    """Register or update; name and phone are kept only when given (given = consented)."""
    found = _entry_for(session, user_id)
    found.role = role
    found.province_code = province_code
    found.district_code = district_code
    found.full_name = full_name
    found.phone = phone
    found.consent_at = now if (full_name or phone) else None
    found.registered_at = found.registered_at or now
    found.updated_at = now
    session.flush()
    return found


def set_announcements(session: Session, user_id: str, wanted: bool, now: datetime) -> bool:
    """Opt in (True) or out; returns whether anything changed."""
    found = _entry_for(session, user_id)
    if found.wants_announcements == wanted:
        return False
    found.announcements_off_at = None if wanted else now
    found.updated_at = now
    session.flush()
    return True
