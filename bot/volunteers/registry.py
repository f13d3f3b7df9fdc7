"""Registry service functions: the chat flow, the console and the CLI all change it here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.core.crypto import Cipher
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
    cipher: Cipher | None = None,
) -> Volunteer:
    """Register or update; name and phone are kept only when given (given = consented).

    A phone is stored encrypted, so it needs the cipher (no key: phones are not asked).
    """
    if phone and cipher is None:
        raise ValueError("phone numbers need COMPLAINT_PHONE_KEY")
    found = _entry_for(session, user_id)
    found.role = role
    found.province_code = province_code
    found.district_code = district_code
    found.full_name = full_name
    found.phone_encrypted = cipher.encrypt(phone) if cipher and phone else None
    found.consent_at = now if (full_name or phone) else None
    found.registered_at = found.registered_at or now
    found.updated_at = now
    session.flush()
    return found


def phone_of(volunteer: Volunteer, cipher: Cipher | None) -> str | None:
    """The volunteer's phone in clear, for staff; None without one, a key, or the right key."""
    if not volunteer.phone_encrypted or cipher is None:
        return None
    return cipher.decrypt(volunteer.phone_encrypted)


def set_announcements(session: Session, user_id: str, wanted: bool, now: datetime) -> bool:
    """Opt in (True) or out; returns whether anything changed."""
    found = _entry_for(session, user_id)
    if found.wants_announcements == wanted:
        return False
    found.announcements_off_at = None if wanted else now
    found.updated_at = now
    session.flush()
    return True
