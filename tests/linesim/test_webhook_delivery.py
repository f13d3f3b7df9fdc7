"""Webhook delivery: a 2-second-style timeout, and background redelivery with the same id."""

from __future__ import annotations

import time

from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    MessagingApi,
    ReplyMessageRequest,
    TextMessage,
)

from linesim import RunningSim, SimClient
from linesim.webhook import sign
from tests.linesim.support import TOKEN, Receiver

USER = "U" + "4" * 32


def wait_until(check: object, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.02)


def test_a_slow_bot_times_out(linesim_client: SimClient, linesim_receiver: Receiver) -> None:
    linesim_client.configure(webhookTimeout=0.2)
    linesim_receiver.delay = 1.0

    started = time.monotonic()
    result = linesim_client.send({"userId": USER, "type": "text", "text": "ช้า"})

    assert _without_timing(result["delivery"]) == {
        "status": None,
        "attempts": 1,
        "error": "timeout",
    }
    assert time.monotonic() - started < 0.9
    assert linesim_client.stats()["webhook"] == {"sent": 1, "failed": 1, "redelivered": 0}


def test_without_redelivery_a_failure_is_not_resent(
    linesim_client: SimClient, linesim_receiver: Receiver
) -> None:
    linesim_receiver.fail_first = 1

    result = linesim_client.send({"userId": USER, "type": "text", "text": "x"})
    time.sleep(0.2)

    assert _without_timing(result["delivery"]) == {
        "status": 500,
        "attempts": 1,
        "error": "status 500",
    }
    assert len(linesim_receiver.bodies) == 1


def test_redelivery_resends_the_same_event_marked_as_redelivered(
    linesim_client: SimClient, linesim_receiver: Receiver
) -> None:
    linesim_client.configure(redelivery=True)
    linesim_receiver.fail_first = 1

    result = linesim_client.send({"userId": USER, "type": "text", "text": "ส่งใหม่"})
    linesim_receiver.wait_for(2)

    first, second = linesim_receiver.events
    assert result["delivery"]["status"] == 500
    assert first.webhook_event_id == second.webhook_event_id == result["webhookEventId"]
    assert (first.delivery_context.is_redelivery, second.delivery_context.is_redelivery) == (
        False,
        True,
    )
    assert linesim_receiver.bad_signatures == 0
    wait_until(lambda: linesim_client.stats()["webhook"]["redelivered"] == 1)
    assert [w["isRedelivery"] for w in linesim_client.webhooks()] == [False, True]


def test_redelivery_gives_up_after_the_bounded_attempts(
    linesim_client: SimClient, linesim_receiver: Receiver
) -> None:
    linesim_client.configure(redelivery=True, redeliveryAttempts=2, redeliveryBackoff=0.02)
    linesim_receiver.fail_first = 100

    linesim_client.send({"userId": USER, "type": "follow"})
    linesim_receiver.wait_for(3)
    time.sleep(0.3)

    assert len(linesim_receiver.bodies) == 3
    assert linesim_client.stats()["webhook"] == {"sent": 3, "failed": 3, "redelivered": 2}


def test_a_redelivered_body_is_signed_afresh(
    linesim_client: SimClient, linesim_receiver: Receiver
) -> None:
    linesim_client.configure(redelivery=True)
    linesim_receiver.fail_first = 1

    linesim_client.send({"userId": USER, "type": "text", "text": "x"})
    linesim_receiver.wait_for(2)

    bodies = linesim_receiver.bodies
    assert bodies[0]["raw"] != bodies[1]["raw"]
    for body in bodies:
        assert body["headers"]["X-Line-Signature"] == sign(
            body["raw"].encode(), linesim_receiver.secret
        )
        assert body["headers"]["User-Agent"].startswith("LineBotWebhook/")


def test_a_bot_that_replies_inside_its_webhook(
    linesim_server: RunningSim, linesim_client: SimClient, linesim_receiver: Receiver
) -> None:
    def echo(event: object) -> None:
        with ApiClient(Configuration(host=linesim_server.url, access_token=TOKEN)) as client:
            MessagingApi(client).reply_message(
                ReplyMessageRequest(
                    reply_token=event.reply_token,  # type: ignore[attr-defined]
                    messages=[TextMessage(text="ได้รับแล้วค่ะ: " + event.message.text)],  # type: ignore[attr-defined]
                )
            )

    linesim_receiver.on_event = echo
    chat = linesim_client.user(USER, display_name="สมชาย")

    chat.say("ค่าแรงขั้นต่ำ")

    assert chat.last_text(timeout=2) == "ได้รับแล้วค่ะ: ค่าแรงขั้นต่ำ"


def test_no_webhook_url_means_no_delivery(linesim_client: SimClient) -> None:
    linesim_client.configure(webhookUrl=None)

    result = linesim_client.send({"userId": USER, "type": "text", "text": "x"})

    assert _without_timing(result["delivery"]) == {
        "status": None,
        "attempts": 0,
        "error": "no webhook url",
    }


def _without_timing(delivery: dict) -> dict:
    """The delivery result less its measured duration, which must be a non-negative number."""
    delivery = dict(delivery)
    assert delivery.pop("elapsedMs") >= 0
    return delivery
