"""Profiles, uploaded content, the loading animation and injected faults."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from linesim import SimClient
from tests.linesim.support import Api, text


def test_profile_of_a_follower(linesim_client: SimClient, linesim_api: Api) -> None:
    chat = linesim_client.user(display_name="สมชาย", status_message="อาสาแรงงาน")

    profile = linesim_api.get(f"/v2/bot/profile/{chat.user_id}").json()

    assert profile == {
        "userId": chat.user_id,
        "displayName": "สมชาย",
        "language": "th",
        "statusMessage": "อาสาแรงงาน",
    }


def test_no_profile_for_strangers_or_after_blocking(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    chat = linesim_client.user(display_name="ก")
    chat.unfollow()

    assert linesim_api.get(f"/v2/bot/profile/{chat.user_id}").status_code == 404
    assert linesim_api.get("/v2/bot/profile/U" + "f" * 32).json() == {"message": "Not found"}
    chat.follow(is_unblocked=True)
    assert linesim_api.get(f"/v2/bot/profile/{chat.user_id}").status_code == 200


def test_content_of_uploaded_files(linesim_client: SimClient, linesim_api: Api) -> None:
    chat = linesim_client.user(display_name="ข")
    image_id = chat.send_image(b"\xff\xd8jpeg-bytes")["messageId"]
    file_id = chat.send_file(b"%PDF-1.7", "คำร้อง.pdf")["messageId"]

    image = linesim_api.get(f"/v2/bot/message/{image_id}/content")
    document = linesim_api.get(f"/v2/bot/message/{file_id}/content")
    missing = linesim_api.get("/v2/bot/message/123/content")

    assert (image.content, image.headers["Content-Type"]) == (b"\xff\xd8jpeg-bytes", "image/jpeg")
    assert document.content == b"%PDF-1.7"
    assert missing.status_code == 404


def test_loading_animation_accepts_multiples_of_five(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    user = linesim_client.user(display_name="ค").user_id

    ok = linesim_api.post("/v2/bot/chat/loading/start", {"chatId": user, "loadingSeconds": 20})
    odd = linesim_api.post("/v2/bot/chat/loading/start", {"chatId": user, "loadingSeconds": 7})
    group = linesim_api.post("/v2/bot/chat/loading/start", {"chatId": "C" + "0" * 32})

    assert ok.status_code == 202
    assert odd.json()["details"][0]["property"] == "loadingSeconds"
    assert group.json()["details"][0]["property"] == "chatId"


def test_error_rate_answers_500_and_delivers_nothing(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    user = linesim_client.user(display_name="ง").user_id
    linesim_client.configure(errorRate=1.0)

    answer = linesim_api.post("/v2/bot/message/push", {"to": user, "messages": [text("x")]})

    assert answer.status_code == 500
    assert answer.headers["x-line-request-id"]
    assert linesim_client.messages() == []
    assert linesim_client.stats()["status"]["5xx"] == 1


def test_a_partial_error_rate_fails_some_requests(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    linesim_client.configure(errorRate=0.5)

    codes = {linesim_api.get("/v2/bot/message/quota").status_code for _ in range(30)}

    assert codes == {200, 500}


def test_latency_is_added(linesim_client: SimClient, linesim_api: Api) -> None:
    linesim_client.configure(latencyMs=150)

    started = time.monotonic()
    linesim_api.get("/v2/bot/message/quota")

    assert time.monotonic() - started >= 0.15


def test_a_dropped_connection_after_acceptance_is_safe_to_retry_with_the_key(
    linesim_client: SimClient, linesim_api: Api
) -> None:
    user = linesim_client.user(display_name="จ").user_id
    key = {"X-Line-Retry-Key": str(uuid.uuid4())}
    body = {"to": user, "messages": [text("แจ้งผลคำร้องค่ะ")]}
    linesim_client.configure(dropRate=1.0)

    with pytest.raises(requests.ConnectionError):
        linesim_api.post("/v2/bot/message/push", body, headers=key)
    linesim_client.configure(dropRate=0.0)
    retry = linesim_api.post("/v2/bot/message/push", body, headers=key)

    assert retry.status_code == 409
    assert len(linesim_client.messages(to=user)) == 1
