"""Registration end to end: people chat with the bot through the LINE emulator, then staff
announce to one province and the emulator's record shows who received it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.broadcasts.cli import broadcast
from bot.core.crypto import Cipher
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from bot.volunteers.registry import phone_of
from tests.conftest import BotWithEmulator
from tests.support.chat import say, tap, texts
from tests.support.fakes import PhraseNLU

SOMCHAI = "U" + "a1" * 16  # Yala volunteer, registers from the rich menu
AMINAH = "U" + "b2" * 16  # Yala graduate, types, then says "หยุดรับข่าว"
DAUD = "U" + "c3" * 16  # Pattani volunteer: another province
NISA = "U" + "d4" * 16  # Yala volunteer who then blocks the bot
PHONE_KEY = Fernet.generate_key().decode()
NEWS = "หน่วยเคลื่อนที่ผู้ตรวจการแผ่นดินมาที่ว่าการอำเภอเมืองยะลาวันศุกร์นี้ค่ะ"


# Stands in for the trained classifier: names the intent of two exact phrases, nothing more.
INTENT_ONLY = PhraseNLU(
    {"ลงทะเบียนอาสาสมัครแรงงาน": "volunteer_register", "หยุดรับข่าว": "announcements"},
    confidence=0.95,
)


@pytest.fixture
def bot(db_url: str) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(
        db_url, NLU=INTENT_ONLY, QUIET_HOURS="off", COMPLAINT_PHONE_KEY=PHONE_KEY
    )
    yield running
    running.stop()


def register_from_menu(chat: Any, role: str, area: str, district: str | None = None) -> str:
    chat.postback("action=intent&intent=volunteer_register")  # the rich menu's button
    assert "ลงทะเบียนในฐานะอะไรคะ" in chat.last_text()
    assert "อยู่จังหวัดหรืออำเภอไหนคะ" in texts(tap(chat, role))
    asked = texts(tap(chat, area))
    if district is not None:
        assert "อำเภออะไรของจังหวัด" in asked
        asked = texts(tap(chat, district))
    assert "ให้ชื่อและเบอร์โทรไว้" in asked
    return texts(tap(chat, "ข้าม"))


def test_people_register_in_chat_and_a_province_announcement_reaches_exactly_them(
    bot: BotWithEmulator,
) -> None:
    sim = bot.sim
    somchai, aminah, daud, nisa = (
        sim.user(SOMCHAI, display_name="สมชาย"),
        sim.user(AMINAH, display_name="อามีนะห์"),
        sim.user(DAUD, display_name="ดาวุด"),
        sim.user(NISA, display_name="นิสา"),
    )
    for chat in (somchai, aminah, daud, nisa):
        chat.follow()
        chat.last_reply()  # the greeting

    # Somchai: the rich menu's button, a tap per question, name and phone with consent.
    somchai.postback("action=intent&intent=volunteer_register")
    tap(somchai, "อาสาสมัครแรงงาน")
    tap(somchai, "ยะลา")
    tap(somchai, "เมืองยะลา")
    assert "ชื่อ-นามสกุล" in texts(tap(somchai, "ยินยอม"))
    assert "เบอร์โทร" in texts(say(somchai, "สมชาย ใจดี"))
    done = texts(say(somchai, "081-234-5678"))
    assert "ลงทะเบียนเรียบร้อยค่ะ: อาสาสมัครแรงงาน อำเภอเมืองยะลา จังหวัดยะลา" in done

    # Aminah types her way in (a district named: no province question), then opts out.
    assert "ลงทะเบียนในฐานะอะไรคะ" in texts(say(aminah, "ลงทะเบียนอาสาสมัครแรงงาน"))
    tap(aminah, "บัณฑิตแรงงาน")
    assert "ให้ชื่อและเบอร์โทรไว้" in texts(say(aminah, "เบตง"))
    assert "ลงทะเบียนเรียบร้อยค่ะ: บัณฑิตแรงงาน อำเภอเบตง จังหวัดยะลา" in texts(tap(aminah, "ข้าม"))
    assert "หยุดส่งข่าวประกาศให้แล้วค่ะ" in texts(say(aminah, "หยุดรับข่าว"))

    assert "ลงทะเบียนเรียบร้อยค่ะ" in register_from_menu(daud, "อาสาสมัครแรงงาน", "ปัตตานี", "หนองจิก")
    assert "ลงทะเบียนเรียบร้อยค่ะ" in register_from_menu(nisa, "อาสาสมัครแรงงาน", "ยะลา", "รามัน")
    nisa.unfollow()  # blocks the bot

    with bot.app.extensions["asabot.sessions"]() as session:
        saved = {v.user_id: v for v in session.scalars(select(Volunteer))}
        assert (saved[SOMCHAI].role, saved[SOMCHAI].district_code) == (Role.VOLUNTEER, "9501")
        assert saved[SOMCHAI].full_name == "สมชาย ใจดี"
        assert phone_of(saved[SOMCHAI], Cipher(PHONE_KEY)) == "0812345678"
        assert saved[AMINAH].full_name is None and not saved[AMINAH].wants_announcements
        assert saved[DAUD].province_code == "94"
        assert session.get(LineUser, NISA).is_blocked

    # Staff announce to Yala.
    cli = bot.app.test_cli_runner()
    created = cli.invoke(broadcast, ["create", "--text", NEWS, "--province", "ยะลา"])
    assert created.exit_code == 0, created.output
    sent = cli.invoke(broadcast, ["send", created.output.strip(), "--wait", "--timeout", "30"])
    assert sent.exit_code == 0, sent.output
    state = json.loads(sent.output.strip().splitlines()[-1])
    assert (state["status"], state["recipients"], state["accepted"]) == ("sent", 1, 1)

    multicasts = sim.messages(endpoint="multicast")
    assert [m["to"] for m in multicasts] == [[SOMCHAI]]
    assert multicasts[0]["messages"] == [{"type": "text", "text": NEWS}]
    for chat in (aminah, daud, nisa):
        assert all(d["endpoint"] != "multicast" for d in chat.messages())
    assert somchai.messages()[-1]["messages"][0]["text"] == NEWS
