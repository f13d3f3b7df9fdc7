"""Sending in batches through the emulator: retry keys, faults, LINE's answers, exactly once.

These run the jobs in the app's own threads (no Redis); tests/broadcasts/test_workers.py runs
them in real RQ worker processes.
"""

from __future__ import annotations

import time

import requests
from flask import Flask
from linebot.v3.messaging import MulticastRequest, TextMessage
from sqlalchemy import select

from bot.broadcasts import create_broadcast, send_broadcast, summary
from bot.broadcasts.jobs import limiter
from bot.broadcasts.lane import drain
from bot.broadcasts.models import BatchStatus, BroadcastBatch
from bot.broadcasts.sender import Sender
from bot.broadcasts.service import freeze
from bot.core.i18n import LANGUAGES
from linesim.server import RunningSim
from tests.broadcasts.conftest import add_people, deliveries, sessions

NEWS = [TextMessage(text="ค่าแรงขั้นต่ำใหม่มีผลแล้วค่ะ")]


def wait_until_final(app: Flask, broadcast_id: int, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        with sessions(app)() as session:
            state = summary(session, broadcast_id)
        if state["status"] in {"sent", "failed", "cancelled"} or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def create_and_send(app: Flask, messages=NEWS, **audience) -> int:
    with sessions(app)() as session:
        broadcast = create_broadcast(session, messages, **audience)
        session.commit()
        assert send_broadcast(app, session, broadcast.id) is None
        return broadcast.id


def test_an_audience_of_1201_goes_out_in_three_multicasts_each_once(
    bot_app: Flask, emulator: RunningSim
) -> None:
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 1201)
        add_people(session, emulator, 5, province="94")  # Pattani: not in the audience

    broadcast_id = create_and_send(bot_app, provinces=["95"])
    state = wait_until_final(bot_app, broadcast_id)

    assert state["status"] == "sent"
    assert (state["recipients"], state["accepted"], state["failed"]) == (1201, 1201, 0)
    sent = requests.get(f"{emulator.url}/_sim/messages?endpoint=multicast", timeout=10).json()
    assert sorted(len(m["to"]) for m in sent["messages"]) == [201, 500, 500]
    assert deliveries(emulator) == {user_id: 1 for user_id in people}
    assert sent["messages"][0]["messages"][0]["text"] == "ค่าแรงขั้นต่ำใหม่มีผลแล้วค่ะ"


def test_each_batch_goes_under_the_retry_key_stored_before_sending(
    bot_app: Flask, emulator: RunningSim
) -> None:
    with sessions(bot_app)() as session:
        add_people(session, emulator, 700)
    broadcast_id = create_and_send(bot_app)
    wait_until_final(bot_app, broadcast_id)

    with sessions(bot_app)() as session:
        keys = set(session.scalars(select(BroadcastBatch.retry_key)))
    sent = requests.get(f"{emulator.url}/_sim/messages?endpoint=multicast", timeout=10).json()
    assert {m["retryKey"] for m in sent["messages"]} == keys
    assert len(keys) == 2


def test_injected_server_errors_are_retried_and_nobody_gets_it_twice(
    bot_app: Flask, emulator: RunningSim
) -> None:
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 2500)
    requests.post(f"{emulator.url}/_sim/config", json={"errorRate": 0.4}, timeout=5)

    state = wait_until_final(bot_app, create_and_send(bot_app))

    assert state["status"] == "sent" and state["accepted"] == 2500
    assert deliveries(emulator) == {user_id: 1 for user_id in people}
    stats = requests.get(f"{emulator.url}/_sim/stats", timeout=5).json()
    assert stats["status"]["5xx"] > 0  # the faults did happen


def test_a_rate_limited_batch_is_retried_with_the_same_key(
    bot_app: Flask, emulator: RunningSim
) -> None:
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 2000)
    # LINE allows fewer requests than the bot believes: 429s, then retries after backoff.
    requests.post(
        f"{emulator.url}/_sim/config", json={"rateLimits": {"multicast": [2, 1.0]}}, timeout=5
    )

    state = wait_until_final(bot_app, create_and_send(bot_app))

    assert state["status"] == "sent"
    assert deliveries(emulator) == {user_id: 1 for user_id in people}
    assert requests.get(f"{emulator.url}/_sim/stats", timeout=5).json()["status"]["429"] > 0


def test_409_means_line_already_has_the_batch(bot_app: Flask, emulator: RunningSim) -> None:
    """A batch whose first try landed but whose answer was lost is not sent again."""
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 3)
        broadcast = create_broadcast(session, NEWS)
        session.commit()
    # Freeze, then play the lost first try: the same key, the same people, straight to LINE.
    from bot.broadcasts.service import freeze
    from bot.core.orm import utcnow

    with sessions(bot_app)() as session, session.begin():
        freeze(session, broadcast.id, utcnow())
    with sessions(bot_app)() as session:
        key = session.scalars(select(BroadcastBatch.retry_key)).one()
    with bot_app.app_context():
        bot_app.extensions["asabot.line"].messaging.multicast(
            MulticastRequest(to=sorted(people), messages=NEWS), x_line_retry_key=key
        )
        from bot.broadcasts.jobs import run_lane

        run_lane(broadcast.id, 0)

    with sessions(bot_app)() as session:
        batch = session.scalars(select(BroadcastBatch)).one()
        assert (batch.status, batch.http_status) == (BatchStatus.ACCEPTED, 409)
        assert summary(session, broadcast.id)["status"] == "sent"
    assert deliveries(emulator) == {user_id: 1 for user_id in people}


def test_a_batch_line_refuses_is_marked_failed_with_lines_reason(
    bot_app: Flask, emulator: RunningSim
) -> None:
    with sessions(bot_app)() as session:
        add_people(session, emulator, 2)
    too_long = [TextMessage(text="ก" * 5001)]  # over LINE's 5000 characters

    state = wait_until_final(bot_app, create_and_send(bot_app, messages=too_long))

    assert state["status"] == "failed"
    assert (state["accepted"], state["failed"]) == (0, 2)
    with sessions(bot_app)() as session:
        batch = session.scalars(select(BroadcastBatch)).one()
    assert batch.http_status == 400 and batch.attempts == 1
    assert batch.error and batch.error.startswith("400 ")


def test_everyone_with_nobody_opted_out_uses_one_broadcast_request(
    bot_app: Flask, emulator: RunningSim
) -> None:
    bot_app.config["BROADCAST_USE_BROADCAST_ENDPOINT"] = True
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 600)

    state = wait_until_final(bot_app, create_and_send(bot_app))

    assert (state["status"], state["via"], state["accepted"]) == ("sent", "broadcast", 600)
    assert deliveries(emulator, "broadcast") == {user_id: 1 for user_id in people}
    assert deliveries(emulator, "multicast") == {}


def test_the_audience_is_frozen_once_into_batches_holding_each_person_once(
    bot_app: Flask, emulator: RunningSim
) -> None:
    from bot.broadcasts.service import freeze, frozen_audience
    from bot.core.orm import utcnow
    from bot.volunteers.models import Volunteer

    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 1201)
        broadcast = create_broadcast(session, NEWS, provinces=["95"])
        session.commit()
    with sessions(bot_app)() as session, session.begin():
        frozen = freeze(session, broadcast.id, utcnow())
    with sessions(bot_app)() as session:
        assert freeze(session, broadcast.id, utcnow()).frozen is False  # only once
        # After the freeze: one more person in Yala, one who opts out. Neither changes it.
        add_people(session, emulator, 1)
        session.get(Volunteer, people[0]).announcements_off_at = utcnow()
        session.commit()

    with sessions(bot_app)() as session:
        batches = session.scalars(
            select(BroadcastBatch).where(BroadcastBatch.broadcast_id == broadcast.id)
        ).all()
        everyone = frozen_audience(session, broadcast.id)
    assert (frozen.recipients, frozen.batches) == (1201, 3)
    assert sorted(b.size for b in batches) == [201, 500, 500]
    assert all(len(b.user_ids) == b.size for b in batches)
    assert len({b.retry_key for b in batches}) == 3
    assert sorted(everyone) == sorted(people)  # each once, nobody else


def test_once_sent_the_record_names_each_person_line_accepted_it_for(
    bot_app: Flask, emulator: RunningSim
) -> None:
    from bot.broadcasts.models import BroadcastRecipient

    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 700)
    broadcast_id = create_and_send(bot_app)
    assert wait_until_final(bot_app, broadcast_id)["status"] == "sent"

    with sessions(bot_app)() as session:
        recorded = session.execute(
            select(BroadcastRecipient.user_id, BroadcastRecipient.seq).where(
                BroadcastRecipient.broadcast_id == broadcast_id
            )
        ).all()
    assert sorted(user_id for user_id, _ in recorded) == sorted(people)
    assert sorted({seq for _, seq in recorded}) == [0, 1]


def test_batches_claimed_together_each_go_once_with_their_own_answer_recorded(
    bot_app: Flask, emulator: RunningSim, clock
) -> None:
    # Five batches of two, claimed two at a time: claims of 2, 2 and 1, each claim's requests
    # in flight together and its answers committed together.
    with sessions(bot_app)() as session:
        people = add_people(session, emulator, 10)
        broadcast = create_broadcast(session, NEWS)
        session.flush()
        frozen = freeze(session, broadcast.id, clock(), batch_size=2)
        session.commit()
        broadcast_id = broadcast.id
    assert frozen.batches == 5
    sender = Sender(bot_app.extensions["asabot.line"].messaging, limiter(bot_app), timeout=5.0)
    messages = {language: NEWS for language in LANGUAGES}

    sent = drain(sessions(bot_app), sender, broadcast_id, "multicast", messages, clock, per_claim=2)

    assert sent == 5
    assert deliveries(emulator) == {user_id: 1 for user_id in people}
    with sessions(bot_app)() as session:
        batches = session.scalars(select(BroadcastBatch).order_by(BroadcastBatch.seq)).all()
        assert [(b.status, b.http_status, b.attempts) for b in batches] == [
            (BatchStatus.ACCEPTED, 200, 1)
        ] * 5
        assert len({b.request_id for b in batches}) == 5  # each row holds its own answer
        assert summary(session, broadcast_id)["status"] == "sent"
