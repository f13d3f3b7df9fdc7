"""Malay speakers see the Malay rich menus: drawn from menus.yaml's `label_ms`, synced beside the
Thai ones, and linked to a person when they choose Malay (or register speaking it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.core.line import LineApi
from bot.core.orm import utcnow
from bot.core.users import LineUser
from bot.richmenu import link_menu_for_role
from bot.richmenu.definition import MENUS_FILE, MenuFileError, load_menus
from bot.richmenu.service import menu_members
from bot.richmenu.sync import BuiltMenu, sync_menus
from bot.volunteers.models import Role, Volunteer
from linesim.server import RunningSim
from tests.conftest import BotWithEmulator
from tests.richmenu.test_roles import shown
from tests.support.channel import ACCESS_TOKEN
from tests.support.chat import say, tap, texts

AMINAH = "U" + "7" * 32
SOMCHAI = "U" + "8" * 32


def test_each_thai_menu_has_a_malay_twin_with_the_same_tiles_and_actions() -> None:
    public, volunteer, public_ms, volunteer_ms = load_menus()

    for thai, malay in ((public, public_ms), (volunteer, volunteer_ms)):
        assert (malay.id, malay.alias, malay.language) == (
            f"{thai.id}_ms",
            f"{thai.alias}-ms",
            "ms",
        )
        assert (malay.roles, malay.default, malay.base) == (thai.roles, False, thai.id)
        assert [(b.column, b.row, b.icon, b.color, b.kind, b.value) for b in malay.buttons] == [
            (b.column, b.row, b.icon, b.color, b.kind, b.value) for b in thai.buttons
        ]
    assert [b.text for b in public_ms.buttons] == [
        "Tanya Soalan",
        "Buat Aduan",
        "Aduan Saya",
        "Hubungi Pejabat",
        "Berita",
        "Bahasa ภาษา",
    ]
    assert (public_ms.chat_bar_text, volunteer_ms.chat_bar_text) == ("Menu AsaBot", "Menu Relawan")


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("label_ms: Berita,", "", "needs `label_ms`"),
        ("label_ms: Berita,", "label_ms: Berita dari Kementerian Buruh,", "LINE allows 20"),
        ("chat_bar_text_ms: Menu AsaBot", "chat_bar_text_ms: Menu AsaBot untuk semua", "1-14"),
    ],
)
def test_a_broken_malay_label_is_refused_with_where_and_why(
    tmp_path: Path, old: str, new: str, complaint: str
) -> None:
    text = MENUS_FILE.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "menus.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MenuFileError, match=complaint):
        load_menus(broken)


def test_saying_cakap_melayu_links_the_malay_menu_and_thai_brings_the_default_back(
    menu_bot: BotWithEmulator, built_menus: list[BuiltMenu]
) -> None:
    line = LineApi(menu_bot.emulator.url, ACCESS_TOKEN)
    sync_menus(line, built_menus)
    line.close()
    public, _, public_ms, _ = (m.name for m in built_menus)
    chat = menu_bot.sim.user(AMINAH, display_name="Aminah")
    chat.follow()
    assert shown(menu_bot.emulator, AMINAH) == {"name": public, "source": "default"}

    assert "bahasa Melayu" in texts(say(chat, "cakap Melayu"))
    assert shown(menu_bot.emulator, AMINAH) == {"name": public_ms, "source": "user"}

    # The language tile, tapped on the Malay menu, and Thai chosen there.
    chat.postback("action=language")
    tap(chat, "ภาษาไทย")
    assert shown(menu_bot.emulator, AMINAH) == {"name": public, "source": "default"}


def test_a_registered_volunteer_switching_language_gets_their_menu_in_that_language(
    menu_bot: BotWithEmulator, built_menus: list[BuiltMenu]
) -> None:
    line = LineApi(menu_bot.emulator.url, ACCESS_TOKEN)
    sync_menus(line, built_menus)
    _, volunteer, _, volunteer_ms = (m.name for m in built_menus)
    chat = menu_bot.sim.user(SOMCHAI, display_name="Somchai")
    chat.follow()
    with menu_bot.app.extensions["asabot.sessions"]() as session:
        session.add(Volunteer(user_id=SOMCHAI, role=Role.VOLUNTEER, registered_at=utcnow()))
        session.commit()
        assert link_menu_for_role(session, line, SOMCHAI, Role.VOLUNTEER)
    line.close()
    assert shown(menu_bot.emulator, SOMCHAI) == {"name": volunteer, "source": "user"}

    chat.postback("action=language")
    tap(chat, "Bahasa Melayu")
    assert shown(menu_bot.emulator, SOMCHAI) == {"name": volunteer_ms, "source": "user"}

    say(chat, "ภาษาไทย")
    assert shown(menu_bot.emulator, SOMCHAI) == {"name": volunteer, "source": "user"}


def test_a_malay_speaker_registering_as_a_volunteer_gets_the_malay_volunteer_menu(
    db_session: Session, line: LineApi, built_menus: list[BuiltMenu], emulator: RunningSim
) -> None:
    sync_menus(line, built_menus)
    _, _, public_ms, volunteer_ms = (m.name for m in built_menus)
    db_session.add(LineUser(id=AMINAH, reply_language="ms"))
    db_session.add(LineUser(id=SOMCHAI, language="ms"))  # a LINE app in Malay, never said
    db_session.flush()

    assert link_menu_for_role(db_session, line, AMINAH, Role.VOLUNTEER) is True
    assert link_menu_for_role(db_session, line, SOMCHAI, Role.GRADUATE) is True
    assert (
        shown(emulator, AMINAH)
        == shown(emulator, SOMCHAI)
        == {
            "name": volunteer_ms,
            "source": "user",
        }
    )
    # Registering as a member of the public: the Malay public menu, not LINE's Thai default.
    assert link_menu_for_role(db_session, line, AMINAH, Role.PUBLIC) is True
    assert shown(emulator, AMINAH) == {"name": public_ms, "source": "user"}


def test_sync_relinks_each_malay_menus_people_and_only_them(db_session: Session) -> None:
    now = utcnow()
    people = {
        "U" + "a" * 32: ("ms", Role.VOLUNTEER),
        "U" + "b" * 32: ("ms", None),  # follows, never registered
        "U" + "c" * 32: ("ms", Role.PUBLIC),
        "U" + "d" * 32: ("th", Role.VOLUNTEER),
        "U" + "e" * 32: ("th", None),
    }
    for user_id, (language, role) in people.items():
        db_session.add(LineUser(id=user_id, reply_language=language))
        db_session.flush()
        if role is not None:
            db_session.add(Volunteer(user_id=user_id, role=role, registered_at=now))
    db_session.flush()
    public, volunteer, public_ms, volunteer_ms = load_menus()

    assert menu_members(db_session, volunteer_ms) == ["U" + "a" * 32]
    assert menu_members(db_session, public_ms) == ["U" + "b" * 32, "U" + "c" * 32]
    assert menu_members(db_session, volunteer) == ["U" + "d" * 32]
