"""Correctly signed but bad: each kind the fuzzing found gets 200 or 400, never a 500."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest
from sqlalchemy import select

from bot.chat.models import Direction, MessageLog
from bot.core.db import get_session
from tests.conftest import make_bot_app
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import load_body, signed_post
from tests.support.fakes import RecordingLine

# LINE waits this long for the webhook's answer before it counts a delivery as failed.
LINE_DEADLINE_SECONDS = 2.0


@pytest.fixture
def line() -> RecordingLine:
    return RecordingLine()


@pytest.fixture
def app(db_url: str, line: RecordingLine):  # type: ignore[no-untyped-def]
    return make_bot_app(db_url, LINE_API=line)


def _good_event(event_id: str = "01HXZQ4V4T9G1Q8Q0Z8N5J6GOOD", token: str = "good") -> dict:
    return load_body("text", webhookEventId=event_id, replyToken=token)["events"][0]


def _body(*events: Any) -> dict[str, Any]:
    return {"destination": "Uf0", "events": list(events)}


def _ascii(body: dict[str, Any]) -> bytes:
    """JSON with escapes, as LINE sends a lone surrogate or NUL: `"\\u0000"`."""
    return json.dumps(body).encode()


def _log_rows(app) -> list[MessageLog]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return list(get_session().scalars(select(MessageLog).order_by(MessageLog.id)))


def _answered(line: RecordingLine) -> list[str | None]:
    return [d["reply_token"] for d in line.deliveries]


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"type": "x"}, id="unknown type, nothing else"),
        pytest.param({"type": "message", "timestamp": 1}, id="message without a message"),
        pytest.param(
            {**_good_event("01HXZQ4V4T9G1Q8Q0Z8N5J6BAD1", "bad"), "source": {"type": "alien"}},
            id="unknown source type",
        ),
        pytest.param("event", id="not an object"),
        pytest.param(
            {**_good_event("01HXZQ4V4T9G1Q8Q0Z8N5J6BAD2", "bad"), "timestamp": 2**64},
            id="timestamp 2^64",
        ),
        pytest.param(
            {
                **_good_event("01HXZQ4V4T9G1Q8Q0Z8N5J6BAD3", "bad"),
                "source": {"type": "user", "userId": "U" + "a" * 5000},
            },
            id="over-long user id",
        ),  # fmt: skip
        pytest.param(
            {"type": "message", "message": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]},
            id="deep inside an event",
        ),  # fmt: skip
    ],
)
def test_a_bad_event_is_skipped_and_the_good_one_beside_it_is_answered(
    app, client, line, bad, caplog: pytest.LogCaptureFixture
) -> None:
    response = signed_post(client, _ascii(_body(bad, _good_event())), CHANNEL_SECRET)

    assert response.status_code == 200
    assert _answered(line) == ["good"]
    assert [row.direction for row in _log_rows(app)] == [Direction.IN, Direction.OUT]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_malformed_event_is_logged_by_field_without_what_was_written(
    client, line, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "นายจ้างค้างค่าแรงสามเดือน"
    bad = _good_event("01HXZQ4V4T9G1Q8Q0Z8N5J6BAD4", "bad")
    bad["message"] = {"type": "text", "text": secret}  # no id, no quoteToken
    caplog.set_level(logging.INFO)

    assert signed_post(client, _ascii(_body(bad)), CHANNEL_SECRET).status_code == 200

    (record,) = [r for r in caplog.records if r.getMessage() == "webhook.event_malformed"]
    assert record.problem == "invalid id, quoteToken"  # type: ignore[attr-defined]
    assert all(secret not in r.getMessage() + str(vars(r)) for r in caplog.records)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"[" * 1000 + b"]" * 1000, id="1000 brackets"),
        pytest.param(b'{"events": ' + b"[" * 5000 + b"]" * 5000 + b"}", id="deep events"),
        pytest.param(b'{"events": [{"timestamp": ' + b"9" * 5000 + b"}]}", id="5000 digits"),
        pytest.param(b'{"events": [], "x": NaN}', id="NaN"),
        pytest.param(b'{"events": {"0": {}}}', id="events not a list"),
        pytest.param(b"[]", id="not an object"),
    ],
)
def test_a_body_that_cannot_be_read_gets_400(client, line, raw: bytes) -> None:
    assert signed_post(client, raw, CHANNEL_SECRET).status_code == 400
    assert line.deliveries == []


def test_a_follow_from_a_group_is_acknowledged_without_an_answer(client, line) -> None:
    body = load_body(
        "follow", source={"type": "group", "groupId": "Ca56f94637cc4347f90a25382909b24b9"}
    )

    assert signed_post(client, body, CHANNEL_SECRET).status_code == 200
    assert line.deliveries == []


def test_nul_control_characters_and_lone_surrogates_never_reach_the_database(
    app, client, line
) -> None:
    body = load_body("text")
    body["events"][0]["message"]["text"] = "ค่าแรง\x00ขั้นต่ำ\x1b[31m\ud800\r\nเท่าไหร่\x7f"

    response = signed_post(client, _ascii(body), CHANNEL_SECRET)

    assert response.status_code == 200 and len(line.deliveries) == 1
    assert _log_rows(app)[0].text == "ค่าแรงขั้นต่ำ[31m\nเท่าไหร่"


def test_an_over_long_postback_intent_is_answered_and_logged_within_its_column(
    app, client, line
) -> None:
    body = load_body("text")
    event = body["events"][0]
    del event["message"]
    event.update(type="postback", postback={"data": "action=intent&intent=" + "x" * 280})

    assert signed_post(client, body, CHANNEL_SECRET).status_code == 200
    assert len(line.deliveries) == 1
    assert all(len(row.intent or "") <= 64 for row in _log_rows(app))


def test_a_900000_character_text_is_answered_within_lines_deadline(
    db_url: str, line: RecordingLine, trained_nlu: Any
) -> None:
    from bot.content.answers import warm_up
    from bot.content.thai import tokens

    client = make_bot_app(db_url, LINE_API=line, NLU=trained_nlu).test_client()
    tokens("ค่าแรงขั้นต่ำ")  # what bot/wsgi.py loads before gunicorn forks
    warm_up()
    body = load_body("text")
    body["events"][0]["message"]["text"] = "hello world " * 75_000  # 900,000 characters

    started = time.perf_counter()
    response = signed_post(client, body, CHANNEL_SECRET)
    elapsed = time.perf_counter() - started

    assert response.status_code == 200 and len(line.deliveries) == 1
    assert elapsed < LINE_DEADLINE_SECONDS, f"{elapsed:.2f} s"
