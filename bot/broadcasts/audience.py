"""Who an announcement reaches: followers who did not opt out, narrowed by role and place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geothai
from sqlalchemy import Select, or_, select

from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer


class UnknownPlace(ValueError):
    """A province or district name geothai does not know."""


def audience_query(
    roles: Sequence[str] = (), provinces: Sequence[str] = (), districts: Sequence[str] = ()
) -> Select[Any]:
    """The user ids in the audience; no filters at all means everyone.

    Roles narrow the audience; provinces and districts together name the places, and a person
    in any of them is in. Blocked users (unfollowed) and those who opted out are never in.
    """
    if not (roles or provinces or districts):
        # Everyone who follows, registered or not, minus the few who opted out: an anti-join
        # on those few instead of joining the whole registry (the 100,000-person case).
        opted_out = select(Volunteer.user_id).where(
            Volunteer.user_id == LineUser.id, Volunteer.announcements_off_at.is_not(None)
        )
        return select(LineUser.id).where(LineUser.blocked_at.is_(None), ~opted_out.exists())
    query = (
        select(LineUser.id)
        .join(Volunteer, Volunteer.user_id == LineUser.id)
        .where(LineUser.blocked_at.is_(None), Volunteer.announcements_off_at.is_(None))
    )
    if roles:
        query = query.where(Volunteer.role.in_([Role(r) for r in roles]))
    places = []
    if provinces:
        places.append(Volunteer.province_code.in_(list(provinces)))
    if districts:
        places.append(Volunteer.district_code.in_(list(districts)))
    if places:
        query = query.where(or_(*places))
    return query


def province_code(name_or_code: str) -> str:
    """A province's DOPA code from its Thai or English name (or the code itself)."""
    text = name_or_code.strip()
    if text.isdigit() and geothai.province(text) is not None:
        return text
    for hit in geothai.search(text, limit=10):
        if hit.level == "province" and geothai.normalize(text) in (
            geothai.normalize(hit.area.name_th),
            geothai.normalize(hit.area.name_en),
        ):
            return hit.area.code
    raise UnknownPlace(f"unknown province: {name_or_code!r}")


def district_code(name_or_code: str) -> str:
    """A district's DOPA code from its name (refused when the name is in two provinces)."""
    text = name_or_code.strip()
    if text.isdigit() and geothai.district(text) is not None:
        return text
    wanted = geothai.normalize(text)
    exact = [
        hit.area.code
        for hit in geothai.search(text, limit=10)
        if hit.level == "district"
        and wanted in (geothai.normalize(hit.area.name_th), geothai.normalize(hit.area.name_en))
    ]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise UnknownPlace(f"unknown district: {name_or_code!r}")
    raise UnknownPlace(f"district name {name_or_code!r} is ambiguous; use its code: {exact}")
