"""Every webhook event's effects commit once, with its inbox row, however LINE delivers it.

The inbox (bot/chat/inbox.py) lives in the database: these run on SQLite and PostgreSQL, with
LINE recorded (tests/support/fakes.py); tests/bot/test_exactly_once.py does the same through
the emulator and the real SDK.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, update

from bot.chat.jobs import sweep_drafts, sweep_outbox
from bot.chat.models import Delivery, Direction, FlowDraft, InboxEvent, MessageLog
from bot.core.db import get_session
from bot.core.orm import utcnow
from bot.core.users import LineUser
from tests.conftest import make_bot_app
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import (
    encode,
    load_body,
    make_follow_event,
    make_text_event,
    sign,
    signed_post,
    webhook_body,
)
from tests.support.fakes import RecordingLine


@pytest.fixture
def line() -> RecordingLine:
    return RecordingLine()


@pytest.fixture
def app(db_url: str, line: RecordingLine) -> Flask:
    return make_bot_app(db_url, LINE_API=line)


def _count(app: Flask, *where: Any, model: Any = MessageLog) -> int:
    with app.app_context():
        return int(get_session().scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _inbox(app: Flask, event_id: str) -> InboxEvent | None:
    with app.app_context():
        return get_session().get(InboxEvent, event_id)


def _fail_once_after(app: Flask, effects: Callable[[Any], Any] | None = None) -> list[int]:
    """Make the next dispatch die after the handler's effects, as a killed worker would before
    its commit; returns the list counting the deaths."""

    def die(_turn: Any) -> None:
        raise RuntimeError("worker died before the commit")

    return _once_after_dispatch(app, die)


def _once_after_dispatch(app: Flask, act: Callable[[Any], None]) -> list[int]:
    """Run `act(turn)` after the handlers of the next dispatch, once; returns the list counting
    the times it ran."""
    processor = app.extensions["asabot.events"]
    real = processor._dispatcher.dispatch
    done: list[int] = []

    def dispatch_then_act(turn: Any) -> Any:
        messages = real(turn)
        if not done:
            done.append(1)
            act(turn)
        return messages

    processor._dispatcher.dispatch = dispatch_then_act
    return done


def test_a_redelivered_event_that_was_answered_is_neither_handled_nor_answered_again(
    app, client, line
) -> None:
    first = load_body("text")
    redelivery = load_body("text", deliveryContext={"isRedelivery": True})

    assert signed_post(client, first).status_code == 200
    assert signed_post(client, redelivery).status_code == 200

    assert len(line.deliveries) == 1
    assert _count(app, MessageLog.direction == Direction.IN) == 1
    row = _inbox(app, first["events"][0]["webhookEventId"])
    assert row is not None and row.delivery is Delivery.SENT and row.via == "reply"
    assert row.messages is None  # the answer's text is not kept once it is delivered


def test_the_same_event_posted_concurrently_from_two_threads_has_one_effect(app, line) -> None:
    raw = encode(webhook_body(make_follow_event(user_id="U" + "a" * 32)))
    headers = {"X-Line-Signature": sign(raw, CHANNEL_SECRET)}
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def post() -> None:
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post("/callback", data=raw, headers=headers).status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200, 200]
    assert len(line.deliveries) == 1
    assert _count(app, MessageLog.direction == Direction.IN) == 1
    assert _count(app, model=InboxEvent) == 1


def test_different_events_in_one_body_are_each_handled(client, line) -> None:
    body = load_body("text")
    body["events"].append(make_text_event("สวัสดีค่ะ", reply_token="r2"))

    signed_post(client, body)

    assert [d["reply_token"] for d in line.deliveries] == ["b60d432864f44d079f6d8efe86cf404b", "r2"]


def test_an_event_whose_handling_died_before_its_commit_is_handled_when_redelivered(
    app, client, line
) -> None:
    user_id = "U" + "b" * 32
    body = webhook_body(make_follow_event(user_id=user_id))
    deaths = _fail_once_after(app)

    assert signed_post(client, body).status_code == 500  # LINE will redeliver it
    assert deaths == [1]
    # Nothing of the dead attempt stayed: no user row, no log, no inbox row, no answer.
    assert _count(app, model=LineUser) == 0
    assert _count(app, model=InboxEvent) == 0
    assert line.deliveries == []

    body["events"][0]["deliveryContext"] = {"isRedelivery": True}
    assert signed_post(client, body).status_code == 200

    assert _count(app, LineUser.id == user_id, model=LineUser) == 1
    assert _count(app, MessageLog.direction == Direction.IN) == 1
    assert len(line.deliveries) == 1


def test_an_event_after_an_answered_one_still_commits_all_or_nothing(app, client, line) -> None:
    # The first event's delivery is recorded in autocommit on PostgreSQL; the pooled connection
    # the next event gets must be transactional again, or its claim would outlive its death.
    assert signed_post(client, webhook_body(make_text_event("สวัสดีค่ะ"))).status_code == 200
    body = webhook_body(make_follow_event(user_id="U" + "e" * 32))
    _fail_once_after(app)

    assert signed_post(client, body).status_code == 500
    assert _inbox(app, body["events"][0]["webhookEventId"]) is None
    assert _count(app, model=InboxEvent) == 1 and len(line.deliveries) == 1


def test_a_handler_that_rolls_back_the_turns_session_fails_the_event_for_redelivery(
    app, client, line
) -> None:
    # The turn opens no savepoint of its own: a rollback undoes the inbox claim too, so the
    # event must not go on as if handled (its answer stored against no row, its effects lost).
    user_id = "U" + "d" * 32
    body = webhook_body(make_follow_event(user_id=user_id))

    def roll_back(turn: Any) -> None:
        turn.session.get(LineUser, user_id)  # the session is in the event's transaction
        turn.session.rollback()

    rollbacks = _once_after_dispatch(app, roll_back)

    assert signed_post(client, body).status_code == 500  # LINE will redeliver it
    assert rollbacks == [1]
    assert _count(app, model=InboxEvent) == 0 and _count(app, model=LineUser) == 0
    assert line.deliveries == []

    body["events"][0]["deliveryContext"] = {"isRedelivery": True}
    assert signed_post(client, body).status_code == 200
    assert _count(app, LineUser.id == user_id, model=LineUser) == 1
    assert len(line.deliveries) == 1


def test_a_failing_event_does_not_make_the_others_in_its_body_run_again(app, client, line) -> None:
    body = webhook_body(
        make_text_event("หนึ่ง", reply_token="t1"),
        make_follow_event(user_id="U" + "c" * 32),
        make_text_event("สาม", reply_token="t3"),
    )
    processor = app.extensions["asabot.events"]
    real = processor._dispatcher.dispatch

    def follow_has_a_bug(turn: Any) -> Any:
        if turn.event.type == "follow":
            raise ZeroDivisionError("a bug")
        return real(turn)

    processor._dispatcher.dispatch = follow_has_a_bug

    assert signed_post(client, body).status_code == 500
    assert signed_post(client, body).status_code == 500  # LINE's redelivery: the bug again

    assert [d["reply_token"] for d in line.deliveries] == ["t1", "t3"]
    assert _count(app, MessageLog.direction == Direction.IN) == 2


def test_an_answer_left_unsent_by_a_worker_killed_after_its_commit_goes_with_the_redelivery(
    app, client, line
) -> None:
    processor = app.extensions["asabot.events"]
    processor._send_first = lambda *args: None  # killed between the commit and the send
    body = load_body("text")
    event_id = body["events"][0]["webhookEventId"]

    assert signed_post(client, body).status_code == 200
    row = _inbox(app, event_id)
    assert row is not None and row.delivery is Delivery.PENDING and line.deliveries == []

    with app.app_context():  # the dead worker's lease runs out
        session = get_session()
        session.execute(update(InboxEvent).values(lease_until=utcnow() - timedelta(seconds=1)))
        session.commit()
    body["events"][0]["deliveryContext"] = {"isRedelivery": True}
    assert signed_post(client, body).status_code == 200
    assert signed_post(client, body).status_code == 200

    assert len(line.deliveries) == 1
    assert _count(app, MessageLog.direction == Direction.IN) == 1
    row = _inbox(app, event_id)
    assert row is not None and row.delivery is Delivery.SENT


def test_the_sweep_sends_an_answer_nobody_redelivered_and_gives_up_near_a_day(
    app, client, line
) -> None:
    app.extensions["asabot.events"]._send_first = lambda *args: None
    old, older = make_text_event("ก่อน"), make_text_event("นานแล้ว")
    signed_post(client, webhook_body(old, older))
    with app.app_context():
        session = get_session()
        for event, age in ((old, timedelta(minutes=10)), (older, timedelta(hours=23, minutes=5))):
            session.execute(
                update(InboxEvent)
                .where(InboxEvent.event_id == event["webhookEventId"])
                .values(received_at=utcnow() - age, lease_until=None)
            )
        session.commit()

        done = sweep_outbox()

    assert done == {"sent": 1, "failed": 0, "pending": 0, "expired": 1}
    assert [d["reply_token"] for d in line.deliveries] == [old["replyToken"]]
    gone = _inbox(app, older["webhookEventId"])
    assert gone is not None and gone.delivery is Delivery.EXPIRED and gone.messages is None


def test_the_hourly_sweep_erases_drafts_past_their_time_and_inbox_rows_settled_a_month_ago(
    app, client
) -> None:
    old, recent = make_text_event("เก่า"), make_text_event("ใหม่")
    signed_post(client, webhook_body(old, recent))
    with app.app_context():
        session = get_session()
        session.add_all(
            [
                FlowDraft(key="flow:user:Ugone", data="{}", expires_at=utcnow() - timedelta(1)),
                FlowDraft(key="flow:user:Ukept", data="{}", expires_at=utcnow() + timedelta(1)),
            ]
        )
        session.execute(
            update(InboxEvent)
            .where(InboxEvent.event_id == old["webhookEventId"])
            .values(received_at=utcnow() - timedelta(days=31))
        )
        session.commit()

        assert sweep_drafts() == 1

        assert list(session.scalars(select(FlowDraft.key))) == ["flow:user:Ukept"]
        assert list(session.scalars(select(InboxEvent.event_id))) == [recent["webhookEventId"]]
