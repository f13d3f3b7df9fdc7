"""Who sees which menu: volunteers get theirs on registering, and lose it on leaving the role."""

from __future__ import annotations

import requests
from sqlalchemy.orm import Session

from bot.core.line import LineApi
from bot.core.orm import utcnow
from bot.core.users import LineUser
from bot.richmenu import link_menu_for_role
from bot.richmenu.service import role_members
from bot.richmenu.sync import BuiltMenu, sync_menus
from bot.volunteers.models import Role, Volunteer
from linesim.server import RunningSim
from tests.conftest import BotWithEmulator
from tests.support.channel import ACCESS_TOKEN
from tests.support.chat import tap, texts

SOMCHAI = "U" + "5" * 32
AMINAH = "U" + "6" * 32


def shown(emulator: RunningSim, user_id: str) -> dict[str, str] | None:
    body = requests.get(
        f"{emulator.url}/_sim/richmenu", params={"userId": user_id}, timeout=5
    ).json()
    if body["richMenu"] is None:
        return None
    return {"name": body["richMenu"]["name"], "source": body["source"]}


def test_registering_as_a_volunteer_switches_that_user_alone_to_the_volunteer_menu(
    db_session: Session, line: LineApi, built_menus: list[BuiltMenu], emulator: RunningSim
) -> None:
    sync_menus(line, built_menus)
    public, volunteer = (m.name for m in built_menus[:2])
    assert shown(emulator, SOMCHAI) == {"name": public, "source": "default"}

    assert link_menu_for_role(db_session, line, SOMCHAI, Role.VOLUNTEER) is True

    assert shown(emulator, SOMCHAI) == {"name": volunteer, "source": "user"}
    assert shown(emulator, AMINAH) == {"name": public, "source": "default"}
    # Labour graduates are part of the network: the same menu, given as a plain string too.
    assert link_menu_for_role(db_session, line, AMINAH, "graduate") is True
    assert shown(emulator, AMINAH) == {"name": volunteer, "source": "user"}


def test_leaving_the_role_or_registering_as_public_brings_back_the_default_menu(
    db_session: Session, line: LineApi, built_menus: list[BuiltMenu], emulator: RunningSim
) -> None:
    sync_menus(line, built_menus)
    public = built_menus[0].name
    link_menu_for_role(db_session, line, SOMCHAI, Role.VOLUNTEER)
    link_menu_for_role(db_session, line, AMINAH, Role.VOLUNTEER)

    assert link_menu_for_role(db_session, line, SOMCHAI, None) is True
    assert link_menu_for_role(db_session, line, AMINAH, Role.PUBLIC) is True

    assert shown(emulator, SOMCHAI) == {"name": public, "source": "default"}
    assert shown(emulator, AMINAH) == {"name": public, "source": "default"}


def test_a_blocked_user_is_not_touched_and_an_unsynced_channel_fails_softly(
    db_session: Session, line: LineApi, built_menus: list[BuiltMenu], emulator: RunningSim
) -> None:
    # Before any sync there is no alias: registration must go on, the menu simply stays.
    assert link_menu_for_role(db_session, line, SOMCHAI, Role.VOLUNTEER) is False

    sync_menus(line, built_menus)
    blocked = LineUser(id=AMINAH)
    blocked.mark_unfollowed(utcnow())
    db_session.add(blocked)
    db_session.flush()
    assert link_menu_for_role(db_session, line, AMINAH, Role.VOLUNTEER) is False
    assert shown(emulator, AMINAH) == {"name": built_menus[0].name, "source": "default"}


def test_an_unreachable_line_api_does_not_raise(db_session: Session) -> None:
    nowhere = LineApi("http://127.0.0.1:9", "token", timeout=0.5)
    try:
        assert link_menu_for_role(db_session, nowhere, SOMCHAI, Role.VOLUNTEER) is False
    finally:
        nowhere.close()


def test_role_members_are_registered_unblocked_holders_of_the_roles(db_session: Session) -> None:
    now = utcnow()
    people = {
        "U" + "a" * 32: (Role.VOLUNTEER, now, False),
        "U" + "b" * 32: (Role.GRADUATE, now, False),
        "U" + "c" * 32: (Role.PUBLIC, now, False),
        "U" + "d" * 32: (Role.VOLUNTEER, None, False),  # chose about news, never registered
        "U" + "e" * 32: (Role.VOLUNTEER, now, True),  # blocked the bot
    }
    for user_id, (role, registered_at, blocked) in people.items():
        user = LineUser(id=user_id)
        if blocked:
            user.mark_unfollowed(now)
        db_session.add(user)
        db_session.flush()
        db_session.add(Volunteer(user_id=user_id, role=role, registered_at=registered_at))
    db_session.flush()

    assert role_members(db_session, ["volunteer", "graduate"]) == ["U" + "a" * 32, "U" + "b" * 32]


def test_the_registration_flow_switches_the_menu_and_registering_as_public_switches_it_back(
    menu_bot: BotWithEmulator, built_menus: list[BuiltMenu]
) -> None:
    emulator = menu_bot.emulator
    line = LineApi(emulator.url, ACCESS_TOKEN)
    sync_menus(line, built_menus)
    line.close()
    public, volunteer = (m.name for m in built_menus[:2])
    chat = menu_bot.sim.user(SOMCHAI, display_name="สมชาย")
    chat.follow()

    # What the volunteer menu's "ลงทะเบียน" button sends (the intent also starts from typing).
    chat.postback("action=intent&intent=volunteer_register")
    tap(chat, "อาสาสมัครแรงงาน")
    tap(chat, "จะนะ (สงขลา)")
    assert "ลงทะเบียนเรียบร้อยค่ะ" in texts(tap(chat, "ข้าม"))
    assert shown(emulator, SOMCHAI) == {"name": volunteer, "source": "user"}

    chat.postback("action=intent&intent=volunteer_register")
    tap(chat, "ประชาชนทั่วไป")
    tap(chat, "จะนะ (สงขลา)")
    assert "ลงทะเบียนเรียบร้อยค่ะ" in texts(tap(chat, "ข้าม"))
    assert shown(emulator, SOMCHAI) == {"name": public, "source": "default"}
