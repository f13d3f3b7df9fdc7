"""The real line-bot-sdk client and the emulator agree: requests, answers, errors, headers."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    BroadcastRequest,
    Configuration,
    ErrorResponse,
    MessagingApi,
    MessagingApiBlob,
    MulticastRequest,
    NarrowcastRequest,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
    TextMessage,
)
from linebot.v3.messaging import MessageAction as Action

from linesim import RunningSim, SimClient
from tests.linesim.support import TOKEN

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


@pytest.fixture
def api_client(linesim_server: RunningSim) -> Iterator[ApiClient]:
    with ApiClient(Configuration(host=linesim_server.url, access_token=TOKEN)) as client:
        yield client


def test_reply_succeeds_once_then_the_token_is_refused(
    api_client: ApiClient, linesim_client: SimClient
) -> None:
    chat = linesim_client.user(display_name="สมชาย")
    token = chat.say("สวัสดีค่ะ")["replyToken"]
    api = MessagingApi(api_client)
    quick = QuickReply(items=[QuickReplyItem(action=Action(label="เมนู", text="เมนู"))])

    answer = api.reply_message(
        ReplyMessageRequest(
            reply_token=token, messages=[TextMessage(text="สวัสดีค่ะ", quick_reply=quick)]
        )
    )
    with pytest.raises(ApiException) as refused:
        api.reply_message(
            ReplyMessageRequest(reply_token=token, messages=[TextMessage(text="อีกครั้ง")])
        )

    assert answer.sent_messages[0].id.isdigit()
    assert answer.sent_messages[0].quote_token
    assert chat.last_text() == "สวัสดีค่ะ"
    assert chat.last_reply()[0]["quickReply"]["items"][0]["action"]["label"] == "เมนู"
    assert refused.value.status == 400
    error = ErrorResponse.from_json(refused.value.body)
    assert error.message == "Invalid reply token"
    assert refused.value.headers["x-line-request-id"]


def test_push_with_retry_key_is_delivered_once_and_the_repeat_gets_409(
    api_client: ApiClient, linesim_client: SimClient
) -> None:
    chat = linesim_client.user(display_name="อามีนะห์")
    api = MessagingApi(api_client)
    request = PushMessageRequest(to=chat.user_id, messages=[TextMessage(text="แจ้งเตือนค่ะ")])
    key = str(uuid.uuid4())

    first = api.push_message_with_http_info(request, x_line_retry_key=key)
    with pytest.raises(ApiException) as repeat:
        api.push_message_with_http_info(request, x_line_retry_key=key)

    assert first.status_code == 200
    assert repeat.value.status == 409
    assert repeat.value.headers["x-line-accepted-request-id"] == first.headers["x-line-request-id"]
    body = json.loads(repeat.value.body)
    assert body["message"] == "The retry key is already accepted"
    assert body["sentMessages"][0]["id"] == first.data.sent_messages[0].id
    assert (
        ErrorResponse.from_json(repeat.value.body).sent_messages[0].id
        == first.data.sent_messages[0].id
    )
    assert len(chat.messages()) == 1


def test_blob_api_downloads_what_the_user_uploaded(
    api_client: ApiClient, linesim_client: SimClient
) -> None:
    chat = linesim_client.user(display_name="ฮาซัน")
    message_id = chat.send_image(PNG, content_type="image/png")["messageId"]

    blob = MessagingApiBlob(api_client)
    content = blob.get_message_content_with_http_info(message_id)

    assert bytes(content.data) == PNG
    assert content.headers["Content-Type"] == "image/png"


def test_profile_quota_loading_and_group_sends_parse(
    api_client: ApiClient, linesim_client: SimClient
) -> None:
    chat = linesim_client.user(display_name="สุนิสา")
    other = linesim_client.user(display_name="ยูโซะ")
    api = MessagingApi(api_client)

    profile = api.get_profile(chat.user_id)
    api.multicast(
        MulticastRequest(to=[chat.user_id, other.user_id], messages=[TextMessage(text="ประกาศ")])
    )
    api.broadcast(BroadcastRequest(messages=[TextMessage(text="ข่าว")]))
    narrow = api.narrowcast_with_http_info(
        NarrowcastRequest(messages=[TextMessage(text="เฉพาะกลุ่ม")])
    )
    progress = api.get_narrowcast_progress(narrow.headers["x-line-request-id"])
    loading = api.show_loading_animation_with_http_info(
        ShowLoadingAnimationRequest(chat_id=chat.user_id, loading_seconds=10)
    )

    assert (profile.display_name, profile.user_id, profile.language) == ("สุนิสา", chat.user_id, "th")
    assert narrow.status_code == 202
    assert (progress.phase, progress.success_count, progress.target_count) == ("succeeded", 2, 2)
    assert loading.status_code == 202
    assert api.get_message_quota().type.value == "none"
    assert api.get_message_quota_consumption().total_usage == 2 + 2 + 2
    assert [d["endpoint"] for d in chat.messages()] == ["multicast", "broadcast", "narrowcast"]


def test_validation_error_parses_with_details(
    api_client: ApiClient, linesim_client: SimClient
) -> None:
    chat = linesim_client.user(display_name="มะ")
    api = MessagingApi(api_client)

    with pytest.raises(ApiException) as refused:
        api.push_message(
            PushMessageRequest(to=chat.user_id, messages=[TextMessage(text="ก" * 5001)])
        )

    error = ErrorResponse.from_json(refused.value.body)
    assert refused.value.status == 400
    assert error.message == "The request body has 1 error(s)"
    assert error.details[0].var_property == "messages[0].text"


def test_wrong_token_is_401_for_the_sdk(linesim_server: RunningSim) -> None:
    with ApiClient(Configuration(host=linesim_server.url, access_token="wrong")) as client:
        with pytest.raises(ApiException) as refused:
            MessagingApi(client).get_message_quota()

    assert refused.value.status == 401
    assert "access token" in ErrorResponse.from_json(refused.value.body).message
