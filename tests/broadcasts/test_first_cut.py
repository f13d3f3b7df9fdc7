"""The audience cut in two parts: a first part whose batches can go at once, then the rest.

PostgreSQL only (SQLite always cuts the whole audience at once). Each person still lands in
exactly one batch, and the broadcast cannot close before the rest is cut, whoever cuts it.
"""

from __future__ import annotations

from collections import Counter

import pytest
from flask import Flask
from linebot.v3.messaging import TextMessage
from sqlalchemy import select

from bot.broadcasts import create_broadcast, summary
from bot.broadcasts.jobs import limiter
from bot.broadcasts.lane import drain
from bot.broadcasts.models import BatchStatus, Broadcast, BroadcastBatch
from bot.broadcasts.sender import Sender
from bot.broadcasts.service import (
    complete_freeze,
    cut_unfinished,
    finish_if_done,
    freeze,
    malay_version,
)
from bot.core.i18n import LANGUAGES, MALAY, THAI
from bot.core.users import LineUser
from linesim.server import RunningSim
from tests.broadcasts.conftest import add_people, deliveries, sessions

pytestmark = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)

NEWS = [TextMessage(text="ค่าแรงขั้นต่ำใหม่มีผลแล้วค่ะ")]


def _people_in_two_languages(app: Flask, emulator: RunningSim) -> tuple[list[str], list[str]]:
    with sessions(app)() as session:
        thai = add_people(session, emulator, 7)
        malay = add_people(session, emulator, 3)
        for user_id in malay:
            session.get(LineUser, user_id).reply_language = MALAY
        session.commit()
    return thai, malay


def _batches(app: Flask, broadcast_id: int) -> list[BroadcastBatch]:
    with sessions(app)() as session:
        return list(
            session.scalars(
                select(BroadcastBatch)
                .where(BroadcastBatch.broadcast_id == broadcast_id)
                .order_by(BroadcastBatch.seq)
            )
        )


def test_a_first_cut_keeps_the_broadcast_open_until_the_rest_is_cut_each_person_once(
    bot_app: Flask, emulator: RunningSim, clock
) -> None:
    thai, malay = _people_in_two_languages(bot_app, emulator)
    messages = [{"type": "text", "text": "ข่าว"}]
    with sessions(bot_app)() as session, session.begin():
        broadcast = create_broadcast(
            session, messages, messages_ms=malay_version(messages, ["Berita"])
        )
        session.flush()
        broadcast_id = broadcast.id
        first = freeze(session, broadcast_id, clock(), batch_size=2, first=4)
    assert (first.complete, first.batches, first.recipients) == (False, 2, 4)

    # Every batch of the first part answered: still not closable, the rest is not cut yet.
    with sessions(bot_app)() as session, session.begin():
        for batch in session.scalars(select(BroadcastBatch)):
            batch.status = BatchStatus.ACCEPTED
        session.flush()
        assert cut_unfinished(session, broadcast_id)
        assert finish_if_done(session, broadcast_id, clock()) is False
        assert session.get(Broadcast, broadcast_id).via is None

    with sessions(bot_app)() as session, session.begin():
        rest = complete_freeze(session, broadcast_id, batch_size=2)
    with sessions(bot_app)() as session, session.begin():
        assert complete_freeze(session, broadcast_id, batch_size=2) is None  # only once
        assert not cut_unfinished(session, broadcast_id)
        stored = session.get(Broadcast, broadcast_id)
        assert (stored.via, stored.recipients_count) == ("multicast", 10)

    assert rest is not None and (rest.complete, rest.recipients, rest.batches) == (True, 10, 6)
    batches = _batches(bot_app, broadcast_id)
    assert [b.seq for b in batches] == list(range(6))
    assert len({b.retry_key for b in batches}) == 6
    languages = {user_id: b.language for b in batches for user_id in b.user_ids}
    assert Counter(user_id for b in batches for user_id in b.user_ids) == Counter(thai + malay)
    assert languages == {**dict.fromkeys(thai, THAI), **dict.fromkeys(malay, MALAY)}


def test_a_sender_cuts_the_rest_a_dead_lane_left_and_everyone_gets_it_once(
    bot_app: Flask, emulator: RunningSim, clock
) -> None:
    # The lane that froze the first part died before cutting the rest: nobody holds the row,
    # so the first sender to run out of batches cuts the rest itself.
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 9)
        broadcast = create_broadcast(session, NEWS)
        session.flush()
        frozen = freeze(session, broadcast.id, clock(), batch_size=2, first=3)
        session.commit()
        broadcast_id = broadcast.id
    assert (frozen.complete, frozen.batches) == (False, 2)
    sender = Sender(bot_app.extensions["asabot.line"].messaging, limiter(bot_app), timeout=5.0)

    sent = drain(
        sessions(bot_app),
        sender,
        broadcast_id,
        "multicast",
        {language: NEWS for language in LANGUAGES},
        clock,
        senders=2,
        per_claim=2,
    )

    # The first part's 2 batches (2 + 1 people), then the rest in LINE's batches of 500: one.
    assert sent == 3
    assert [b.size for b in _batches(bot_app, broadcast_id)] == [2, 1, 6]
    assert deliveries(emulator) == {user_id: 1 for user_id in people}
    with sessions(bot_app)() as session:
        state = summary(session, broadcast_id)
    assert (state["status"], state["recipients"], state["accepted"]) == ("sent", 9, 9)
