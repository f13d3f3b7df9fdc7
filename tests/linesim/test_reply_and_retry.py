"""Reply tokens are single-use and expire; retry keys make sends idempotent for 24 hours."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from linesim import SimClient, SimConfig, create_app
from tests.linesim.support import TOKEN, Api, text

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_a_reply_token_works_once(linesim_client: SimClient, linesim_api: Api) -> None:
    chat = linesim_client.user(display_name="สมชาย")
    token = chat.say("สวัสดี")["replyToken"]

    first = linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": token, "messages": [text("ค่ะ")]}
    )
    second = linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": token, "messages": [text("ซ้ำ")]}
    )

    assert first.status_code == 200
    assert second.status_code == 400
    assert second.json() == {"message": "Invalid reply token"}
    assert [d["messages"][0]["text"] for d in chat.messages()] == ["ค่ะ"]


def test_an_unknown_reply_token_is_refused(linesim_api: Api) -> None:
    answer = linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": "0" * 32, "messages": [text("x")]}
    )

    assert answer.status_code == 400
    assert answer.json()["message"] == "Invalid reply token"


def test_a_reply_token_expires_after_its_ttl(linesim_client: SimClient, linesim_api: Api) -> None:
    linesim_client.configure(replyTokenTtl=0.1)
    token = linesim_client.user(display_name="ก").say("สวัสดี")["replyToken"]
    time.sleep(0.2)

    answer = linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": token, "messages": [text("ช้า")]}
    )

    assert answer.status_code == 400
    assert answer.json()["message"] == "Invalid reply token"


def test_a_refused_reply_does_not_spend_the_token(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    token = linesim_client.user(display_name="ข").say("สวัสดี")["replyToken"]

    bad = linesim_api.post("/v2/bot/message/reply", {"replyToken": token, "messages": []})
    good = linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": token, "messages": [text("ค่ะ")]}
    )

    assert (bad.status_code, good.status_code) == (400, 200)


def test_a_group_reply_goes_to_the_group(linesim_client: SimClient, linesim_api: Api) -> None:
    chat = linesim_client.user(display_name="ค").in_group("C" + "a" * 32)
    token = chat.say("ถามหน่อย", mention=True)["replyToken"]

    linesim_api.post(
        "/v2/bot/message/reply", {"replyToken": token, "messages": [text("ตอบในกลุ่มค่ะ")]}
    )

    assert chat.last_text() == "ตอบในกลุ่มค่ะ"
    assert linesim_client.messages(endpoint="reply")[0]["to"] == ["C" + "a" * 32]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v2/bot/message/multicast", {"to": ["USER"], "messages": [text("m")]}),
        ("/v2/bot/message/broadcast", {"messages": [text("b")]}),
        ("/v2/bot/message/narrowcast", {"messages": [text("n")]}),
    ],
)
def test_retry_keys_work_on_every_send_endpoint(
    linesim_client: SimClient, linesim_api: Api, path: str, body: dict
) -> None:
    user = linesim_client.user(display_name="ง").user_id
    body = {**body, "to": [user]} if "to" in body else body
    key = {"X-Line-Retry-Key": str(uuid.uuid4())}

    first = linesim_api.post(path, body, headers=key)
    again = linesim_api.post(path, body, headers=key)

    assert first.status_code in (200, 202)
    assert again.status_code == 409
    assert again.json() == {"message": "The retry key is already accepted"}
    assert again.headers["x-line-accepted-request-id"] == first.headers["x-line-request-id"]
    assert len(linesim_client.messages(to=user)) == 1


def test_a_retry_key_on_reply_is_a_bad_request(linesim_client: SimClient, linesim_api: Api) -> None:
    token = linesim_client.user(display_name="จ").say("x")["replyToken"]

    answer = linesim_api.post(
        "/v2/bot/message/reply",
        {"replyToken": token, "messages": [text("y")]},
        headers={"X-Line-Retry-Key": str(uuid.uuid4())},
    )

    assert answer.status_code == 400
    assert "X-Line-Retry-Key" in answer.json()["message"]
    assert linesim_client.messages() == []


def test_a_retry_key_on_a_read_endpoint_is_a_bad_request(linesim_api: Api) -> None:
    answer = linesim_api.get(
        "/v2/bot/message/quota", headers={"X-Line-Retry-Key": str(uuid.uuid4())}
    )

    assert answer.status_code == 400


def test_a_retry_key_must_be_a_uuid(linesim_client: SimClient, linesim_api: Api) -> None:
    user = linesim_client.user(display_name="ฉ").user_id

    answer = linesim_api.post(
        "/v2/bot/message/push",
        {"to": user, "messages": [text("y")]},
        headers={"X-Line-Retry-Key": "abc"},
    )

    assert answer.status_code == 400


def test_a_refused_request_does_not_use_up_its_retry_key(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    user = linesim_client.user(display_name="ช").user_id
    key = {"X-Line-Retry-Key": str(uuid.uuid4())}

    bad = linesim_api.post(
        "/v2/bot/message/push", {"to": user, "messages": [text("")]}, headers=key
    )
    good = linesim_api.post(
        "/v2/bot/message/push", {"to": user, "messages": [text("ok")]}, headers=key
    )

    assert (bad.status_code, good.status_code) == (400, 200)


def test_a_retry_key_is_forgotten_after_24_hours() -> None:
    now = [1_800_000_000.0]
    app = create_app(SimConfig(access_token=TOKEN), clock=lambda: now[0])
    client = app.test_client()
    user = client.post("/_sim/users", json={"displayName": "ซ"}).get_json()["userId"]
    headers = {**AUTH, "X-Line-Retry-Key": str(uuid.uuid4())}
    body = {"to": user, "messages": [text("เตือน")]}

    first = client.post("/v2/bot/message/push", json=body, headers=headers)
    now[0] += 24 * 3600 - 1
    within = client.post("/v2/bot/message/push", json=body, headers=headers)
    now[0] += 2
    after = client.post("/v2/bot/message/push", json=body, headers=headers)

    assert (first.status_code, within.status_code, after.status_code) == (200, 409, 200)


def test_concurrent_requests_with_one_retry_key_deliver_once(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    user = linesim_client.user(display_name="ฌ").user_id
    key = {"X-Line-Retry-Key": str(uuid.uuid4())}
    body = {"to": user, "messages": [text("ครั้งเดียว")]}

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(
            pool.map(
                lambda _: linesim_api.post("/v2/bot/message/push", body, headers=key).status_code,
                range(8),
            )
        )

    assert codes == [200] + [409] * 7
    assert len(linesim_client.messages(to=user)) == 1
