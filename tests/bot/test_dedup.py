"""Every webhook event is handled once, however often LINE delivers it."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import make_bot_app
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import encode, load_body, make_text_event, sign, signed_post
from tests.support.fakes import RecordingLine


@pytest.fixture(params=["memory", "redis"])
def state_redis_url(request: pytest.FixtureRequest) -> str | None:
    return request.getfixturevalue("redis_url") if request.param == "redis" else None


@pytest.fixture
def line() -> RecordingLine:
    return RecordingLine()


@pytest.fixture
def app(db_url: str, line: RecordingLine, state_redis_url: str | None):  # type: ignore[no-untyped-def]
    return make_bot_app(db_url, LINE_API=line, REDIS_URL=state_redis_url)


def test_a_redelivered_event_is_handled_once(client, line) -> None:
    first = load_body("text")
    redelivery = load_body("text", deliveryContext={"isRedelivery": True})

    assert signed_post(client, first, CHANNEL_SECRET).status_code == 200
    assert signed_post(client, redelivery, CHANNEL_SECRET).status_code == 200

    assert len(line.deliveries) == 1


def test_the_same_event_posted_concurrently_from_two_threads_is_handled_once(app, line) -> None:
    raw = encode(load_body("text"))
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


def test_different_events_in_one_body_are_each_handled(client, line) -> None:
    body = load_body("text")
    body["events"].append(make_text_event("สวัสดีค่ะ", reply_token="r2"))

    signed_post(client, body, CHANNEL_SECRET)

    assert [d["reply_token"] for d in line.deliveries] == ["b60d432864f44d079f6d8efe86cf404b", "r2"]


class _FailingOnce(RecordingLine):
    failed = False

    def deliver(self, reply_token, to, messages):  # type: ignore[no-untyped-def]
        if not self.failed:
            self.failed = True
            raise ConnectionError("LINE did not answer")
        return super().deliver(reply_token, to, messages)


def test_an_event_that_failed_is_handled_again_when_line_redelivers_it(
    db_url, state_redis_url
) -> None:
    line = _FailingOnce()
    client = make_bot_app(db_url, LINE_API=line, REDIS_URL=state_redis_url).test_client()
    raw = encode(load_body("text"))
    headers = {"X-Line-Signature": sign(raw, CHANNEL_SECRET)}

    assert client.post("/callback", data=raw, headers=headers).status_code == 500
    assert client.post("/callback", data=raw, headers=headers).status_code == 200
    assert len(line.deliveries) == 1
