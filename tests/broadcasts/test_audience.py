"""Who an announcement reaches: roles, provinces and districts, opt-out and unfollow honoured."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from bot.broadcasts.audience import UnknownPlace, audience_query, district_code, province_code
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.broadcasts.conftest import add_people

YALA, PATTANI, SONGKHLA = "95", "94", "90"
SABA_YOI, CHANA = "9006", "9003"


def audience(session: Session, **filters: list[str]) -> set[str]:
    return set(session.scalars(audience_query(**filters)))


def test_no_filter_reaches_everyone_who_follows_registered_or_not(db_session: Session) -> None:
    registered = add_people(db_session, None, 2)
    unregistered = add_people(db_session, None, 1, role=None, province=None)
    db_session.add(LineUser(id="U" + "1" * 32))  # never registered, no registry row at all
    db_session.commit()

    assert audience(db_session) == {*registered, *unregistered, "U" + "1" * 32}


def test_roles_provinces_and_districts_select_exactly_their_people(db_session: Session) -> None:
    yala_volunteers = add_people(db_session, None, 2, role=Role.VOLUNTEER, province=YALA)
    yala_graduates = add_people(db_session, None, 2, role=Role.GRADUATE, province=YALA)
    pattani_public = add_people(db_session, None, 1, role=Role.PUBLIC, province=PATTANI)
    saba_yoi = add_people(db_session, None, 1, province=SONGKHLA, district=SABA_YOI)
    chana = add_people(db_session, None, 1, province=SONGKHLA, district=CHANA)

    assert audience(db_session, roles=["graduate"]) == set(yala_graduates)
    assert audience(db_session, provinces=[YALA]) == {*yala_volunteers, *yala_graduates}
    assert audience(db_session, districts=[SABA_YOI]) == set(saba_yoi)
    # Places add up; roles narrow.
    assert audience(db_session, provinces=[PATTANI], districts=[CHANA]) == {
        *pattani_public,
        *chana,
    }
    assert audience(db_session, roles=["volunteer"], provinces=[YALA], districts=[SABA_YOI]) == {
        *yala_volunteers,
        *saba_yoi,
    }


def test_opted_out_and_blocked_users_are_in_no_audience(db_session: Session) -> None:
    stays, opts_out, blocks = add_people(db_session, None, 3)
    db_session.get(Volunteer, opts_out).announcements_off_at = datetime.now(UTC)
    db_session.get(LineUser, blocks).mark_unfollowed(datetime.now(UTC))
    db_session.commit()

    for filters in ({}, {"roles": ["volunteer"]}, {"provinces": [YALA]}):
        assert audience(db_session, **filters) == {stays}


def test_following_again_and_opting_back_in_restore_the_user(db_session: Session) -> None:
    (user_id,) = add_people(db_session, None, 1)
    user, entry = db_session.get(LineUser, user_id), db_session.get(Volunteer, user_id)
    user.mark_unfollowed(datetime.now(UTC))
    entry.announcements_off_at = datetime.now(UTC)
    db_session.commit()
    assert audience(db_session) == set()

    user.mark_followed(datetime.now(UTC))
    entry.announcements_off_at = None
    db_session.commit()
    assert audience(db_session, provinces=[YALA]) == {user_id}


@pytest.mark.parametrize(
    ("name", "code"), [("ยะลา", "95"), ("Pattani", "94"), ("นราธิวาส", "96"), ("95", "95")]
)
def test_provinces_are_named_in_thai_or_english(name: str, code: str) -> None:
    assert province_code(name) == code


def test_districts_resolve_to_dopa_codes_and_unknown_places_are_refused() -> None:
    assert district_code("สะบ้าย้อย") == SABA_YOI
    assert district_code("Chana") == CHANA
    with pytest.raises(UnknownPlace):
        district_code("ไม่มีอำเภอนี้")
    with pytest.raises(UnknownPlace):
        province_code("Atlantis")
