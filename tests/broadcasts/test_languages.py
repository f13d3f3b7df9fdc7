"""An announcement with a Malay text: each person receives it in their language, exactly once.

Malay speakers (LineUser.speaks == 'ms': chose Malay, wrote in Malay, or a LINE app in Malay)
get the Malay text; everyone else, and everyone when no Malay was written, gets the Thai.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import requests
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.broadcasts import create_broadcast
from bot.broadcasts.models import Broadcast, BroadcastBatch
from bot.broadcasts.service import BroadcastError, freeze, malay_version
from bot.core.orm import utcnow
from bot.core.users import LineUser
from linesim.server import RunningSim
from tests.broadcasts.conftest import add_people, sessions
from tests.broadcasts.test_cli import run
from tests.broadcasts.test_sending import create_and_send, wait_until_final
from tests.conftest import BotWithEmulator
from tests.support.chat import say, texts

THAI_NEWS = "ค่าแรงขั้นต่ำใหม่มีผลแล้วค่ะ"
MALAY_NEWS = "Gaji minimum baharu sudah berkuat kuasa."


def received(emulator: RunningSim) -> dict[str, Counter[str]]:
    """Per person, how many times they received each text (from the emulator's record)."""
    sent = requests.get(f"{emulator.url}/_sim/messages?endpoint=multicast", timeout=30).json()
    got: dict[str, Counter[str]] = {}
    for request in sent["messages"]:
        for user_id in request["to"]:
            got.setdefault(user_id, Counter()).update(m["text"] for m in request["messages"])
    return got


def speak(
    session: Session, user_ids: list[str], *, reply: str | None = None, app: str | None = None
) -> None:
    for user_id in user_ids:
        user = session.get(LineUser, user_id)
        assert user is not None
        user.reply_language, user.language = reply, app
    session.commit()


def test_each_person_receives_the_announcement_in_their_language_exactly_once(
    bot_app: Flask, emulator: RunningSim
) -> None:
    with sessions(bot_app)() as session:
        thai = add_people(session, emulator, 520)
        chose_malay = add_people(session, emulator, 510)
        app_in_malay = add_people(session, emulator, 3)
        chose_thai_on_a_malay_app = add_people(session, emulator, 2)
        speak(session, chose_malay, reply="ms")
        speak(session, app_in_malay, app="ms-MY")
        speak(session, chose_thai_on_a_malay_app, reply="th", app="ms")
    messages = [{"type": "text", "text": THAI_NEWS}]

    broadcast_id = create_and_send(
        bot_app, messages=messages, messages_ms=malay_version(messages, [MALAY_NEWS])
    )
    state = wait_until_final(bot_app, broadcast_id)

    assert state["status"] == "sent"
    assert state["recipients"] == state["accepted"] == 1035
    got = received(emulator)
    for user_id in thai + chose_thai_on_a_malay_app:
        assert got[user_id] == Counter({THAI_NEWS: 1})
    for user_id in chose_malay + app_in_malay:
        assert got[user_id] == Counter({MALAY_NEWS: 1})
    with sessions(bot_app)() as session:
        batches = session.execute(
            select(BroadcastBatch.language, BroadcastBatch.size, BroadcastBatch.retry_key)
            .where(BroadcastBatch.broadcast_id == broadcast_id)
            .order_by(BroadcastBatch.seq)
        ).all()
    # Batches of at most 500, each of one language, each under its own retry key.
    assert [(language, size) for language, size, _ in batches] == [
        ("th", 500),
        ("th", 22),
        ("ms", 500),
        ("ms", 13),
    ]
    assert len({key for _, _, key in batches}) == 4


def test_without_a_malay_text_everyone_gets_the_thai(bot_app: Flask, emulator: RunningSim) -> None:
    with sessions(bot_app)() as session:
        malay = add_people(session, emulator, 2)
        speak(session, malay, reply="ms")
        thai = add_people(session, emulator, 2)

    broadcast_id = create_and_send(bot_app, messages=[{"type": "text", "text": THAI_NEWS}])
    wait_until_final(bot_app, broadcast_id)

    got = received(emulator)
    assert {user_id: got[user_id] for user_id in malay + thai} == {
        user_id: Counter({THAI_NEWS: 1}) for user_id in malay + thai
    }


def test_a_malay_version_replaces_the_texts_in_order_and_keeps_pictures(db_session: Session):
    picture = {"type": "image", "originalContentUrl": "https://x.test/a.jpg",
               "previewImageUrl": "https://x.test/a.jpg"}  # fmt: skip
    messages = [{"type": "text", "text": "หนึ่ง"}, picture, {"type": "text", "text": "สอง"}]

    assert malay_version(messages, ["Satu"]) == [{"type": "text", "text": "Satu"}, picture,
                                                 {"type": "text", "text": "สอง"}]  # fmt: skip
    assert malay_version(messages, ["", "  "]) is None  # nothing written: no Malay version
    with pytest.raises(BroadcastError, match="at most one Malay text per Thai text"):
        malay_version(messages, ["Satu", "Dua", "Tiga"])


def test_a_two_language_announcement_never_goes_through_lines_broadcast_endpoint(
    db_session: Session,
) -> None:
    # LINE's broadcast endpoint sends one message set to everyone: it cannot carry two.
    add_people(db_session, None, 3)
    messages = [{"type": "text", "text": THAI_NEWS}]
    broadcast = create_broadcast(
        db_session, messages, messages_ms=malay_version(messages, [MALAY_NEWS])
    )

    frozen = freeze(db_session, broadcast.id, utcnow(), use_broadcast_endpoint=True)

    assert frozen.frozen and frozen.recipients == 3
    assert db_session.get(Broadcast, broadcast.id).via == "multicast"


def test_the_cli_takes_a_malay_text_with_text_ms(bot_app: Flask, emulator: RunningSim) -> None:
    with sessions(bot_app)() as session:
        malay = add_people(session, emulator, 1)
        speak(session, malay, reply="ms")
        thai = add_people(session, emulator, 1)

    broadcast_id = run(bot_app, "create", "--text", THAI_NEWS, "--text-ms", MALAY_NEWS)
    run(bot_app, "send", broadcast_id, "--wait")

    got = received(emulator)
    assert got[malay[0]] == Counter({MALAY_NEWS: 1})
    assert got[thai[0]] == Counter({THAI_NEWS: 1})
    with sessions(bot_app)() as session:
        stored = session.get(Broadcast, int(broadcast_id))
        assert stored.messages_ms == [{"type": "text", "text": MALAY_NEWS}]


def test_saying_cakap_melayu_in_the_chat_makes_the_next_announcement_arrive_in_malay(
    db_url: str,
) -> None:
    running = BotWithEmulator(db_url, BROADCAST_USE_BROADCAST_ENDPOINT="0", QUIET_HOURS="off")
    try:
        aminah = running.sim.user("U" + "a1" * 16, display_name="Aminah")
        somchai = running.sim.user("U" + "b2" * 16, display_name="สมชาย")
        for chat in (aminah, somchai):
            chat.follow()
        say(aminah, "cakap Melayu")
        messages = [{"type": "text", "text": THAI_NEWS}]

        broadcast_id = create_and_send(
            running.app, messages=messages, messages_ms=malay_version(messages, [MALAY_NEWS])
        )
        assert wait_until_final(running.app, broadcast_id)["status"] == "sent"

        got = received(running.emulator)
        assert got[aminah.user_id] == Counter({MALAY_NEWS: 1})
        assert got[somchai.user_id] == Counter({THAI_NEWS: 1})
        # "Notis Saya" on the menu lists it as she received it.
        aminah.postback("action=my_announcements")
        listed = texts(aminah.last_reply(5.0))
        assert listed.startswith("1 notis terkini untuk anda:") and MALAY_NEWS in listed
        sent_on = listed.split("• ", 1)[1].split("\n", 1)[0]  # "2/12/2026": the Common Era
        assert re.fullmatch(r"\d{1,2}/\d{1,2}/20\d\d", sent_on), sent_on
    finally:
        running.stop()
