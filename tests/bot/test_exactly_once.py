"""Every answer reaches LINE once, through the emulator and the real SDK, when LINE fails.

A 5xx is retried (the reply token is still good), an expired token is answered by a push whose
X-Line-Retry-Key is derived from the event, a push whose answer was lost is retried with that
key and LINE's 409 counts as delivered, a permanent refusal is given up (200 to the webhook).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests
from flask import Flask
from sqlalchemy import func, select, update

from bot.chat.inbox import retry_key
from bot.chat.jobs import AnswerNotAccepted, resend_answer
from bot.chat.models import Delivery, Direction, InboxEvent, MessageLog
from bot.core.crypto import seal_json
from bot.core.db import get_session
from bot.core.services import get_services
from bot.core.users import LineUser
from tests.support.events import encode, sign

from .all_event_kinds import EVENT_ID, USER, all_event_kinds


def _row(app: Flask, event_id: str) -> InboxEvent:
    with app.app_context():
        row = get_session().get(InboxEvent, event_id)
        assert row is not None
        return row


def _wait_for(app: Flask, event_id: str, check: Any, timeout: float = 5.0) -> InboxEvent:
    deadline = time.monotonic() + timeout
    while True:
        row = _row(app, event_id)
        if check(row) or time.monotonic() > deadline:
            return row
        time.sleep(0.05)


def test_a_reply_line_failed_with_500_is_retried_and_delivered_once(bot_with_emulator, sim):
    app = bot_with_emulator.app
    chat = sim.user("U" + "e" * 32)
    sim.configure(errorRate=1.0)

    sent = chat.say("สวัสดีค่ะ")
    event_id = sent["webhookEventId"]
    assert sent["delivery"]["status"] == 200  # the effects are committed: no redelivery needed
    # The webhook's own try and the retry job's first one both met the 500.
    row = _wait_for(app, event_id, lambda r: r.attempts >= 2)
    assert row.delivery is Delivery.PENDING and row.last_error == "500 Internal Server Error"

    sim.configure(errorRate=0.0)
    with app.app_context():
        assert resend_answer(event_id) == "sent"
        assert resend_answer(event_id) == "nothing to send"

    assert [d["endpoint"] for d in chat.messages()] == ["reply"]
    assert _row(app, event_id).via == "reply"


def test_an_expired_reply_token_is_answered_by_a_push_with_the_events_own_retry_key(
    bot_with_emulator, sim
):
    app = bot_with_emulator.app
    chat = sim.user("U" + "f" * 32)
    sim.configure(replyTokenTtl=0.0)  # spent before the bot answers

    event_id = chat.say("สวัสดีค่ะ")["webhookEventId"]

    pushes = [d for d in chat.messages() if d["endpoint"] == "push"]
    assert len(pushes) == 1 and pushes[0]["retryKey"] == retry_key(event_id)
    row = _row(app, event_id)
    assert row.delivery is Delivery.SENT and row.via == "push"


def test_a_push_whose_answer_was_lost_is_retried_with_the_same_key_and_arrives_once(
    bot_with_emulator, sim
):
    app = bot_with_emulator.app
    chat = sim.user("U" + "1" * 32)
    sim.configure(replyTokenTtl=0.0)
    event_id = chat.say("สวัสดีค่ะ")["webhookEventId"]
    answer = [m for d in chat.messages() for m in d["messages"]]
    with app.app_context():  # as if LINE took the push but its answer never came back
        session = get_session()
        stored = seal_json(answer, get_services().sealer)
        session.execute(
            update(InboxEvent).values(
                delivery=Delivery.PENDING, via=None, messages=stored, reply_token=None
            )
        )
        session.commit()
    sim.configure(dropRate=1.0)
    with app.app_context():
        with pytest.raises(AnswerNotAccepted):
            resend_answer(event_id)  # cut again: still pending
    sim.configure(dropRate=0.0)

    with app.app_context():
        assert resend_answer(event_id) == "sent"  # LINE's 409: accepted the first time

    pushes = [d for d in chat.messages() if d["endpoint"] in ("reply", "push")]
    assert [d["endpoint"] for d in pushes] == ["push"]
    assert pushes[0]["retryKey"] == retry_key(event_id)
    assert _row(app, event_id).last_error == "409 The retry key is already accepted"


def test_a_reply_whose_answer_was_cut_is_not_sent_again(bot_with_emulator, sim):
    app = bot_with_emulator.app
    chat = sim.user("U" + "7" * 32)
    sim.configure(dropRate=1.0)  # LINE delivers the reply, the bot never hears back

    event_id = chat.say("สวัสดีค่ะ")["webhookEventId"]
    row = _wait_for(app, event_id, lambda r: r.attempts >= 2)
    assert row.delivery is Delivery.PENDING and row.reply_uncertain
    sim.configure(dropRate=0.0)
    with app.app_context():
        # The token is refused as used: by the reply that went through, so no push follows.
        assert resend_answer(event_id) == "sent"

    assert [d["endpoint"] for d in chat.messages()] == ["reply"]


def test_the_sdks_28_event_body_signed_gets_200_and_each_event_is_handled_and_logged_once(
    bot_with_emulator, sim
):
    app = bot_with_emulator.app
    raw = encode(all_event_kinds())
    headers = {"X-Line-Signature": sign(raw), "Content-Type": "application/json"}
    url = f"{bot_with_emulator.bot.url}/callback"

    first = requests.post(url, data=raw, headers=headers, timeout=30)
    sends_after_first = sim.stats()["requests"]
    again = requests.post(url, data=raw, headers=headers, timeout=30)  # LINE redelivering

    assert (first.status_code, again.status_code) == (200, 200)
    with app.app_context():
        session = get_session()
        logged = session.scalar(
            select(func.count()).select_from(MessageLog).where(MessageLog.direction == Direction.IN)
        )
        rows = list(session.scalars(select(InboxEvent)))
        user = session.get(LineUser, USER)
    assert logged == 27  # the 28th is of a type no SDK knows: acknowledged, not handled
    assert len(rows) == 27 and {r.event_id.split("#")[0] for r in rows} == {EVENT_ID}
    # The unknown token is refused, then the push (nobody there is a friend): given up for good.
    assert {r.delivery for r in rows} <= {Delivery.FAILED, Delivery.NONE}
    assert all(r.messages is None for r in rows)
    assert user is not None and user.is_blocked  # LINE said: not a friend
    assert sim.stats()["requests"] == sends_after_first  # the redelivery sent nothing
    assert sim.messages() == []


def test_a_push_to_someone_who_is_not_a_friend_is_given_up_and_they_are_marked_unreachable(
    bot_with_emulator, sim
):
    app = bot_with_emulator.app
    body = all_event_kinds()
    body["events"] = body["events"][:1]  # a text from a user the emulator does not know
    raw = encode(body)
    headers = {"X-Line-Signature": sign(raw), "Content-Type": "application/json"}

    answer = requests.post(f"{bot_with_emulator.bot.url}/callback", data=raw, headers=headers)

    assert answer.status_code == 200
    row = _row(app, EVENT_ID)
    assert row.delivery is Delivery.FAILED and row.last_error == "400 Failed to send messages"
    with app.app_context():
        user = get_session().get(LineUser, USER)
        assert user is not None and user.is_blocked
        # Nothing is retried: the sweep has nothing to send.
        get_session().execute(update(InboxEvent).values(lease_until=None))
        assert resend_answer(EVENT_ID) == "nothing to send"
