"""POST /callback: what LINE sends, and what the bot must do with it."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from bot.chat.models import Direction, MessageLog
from bot.core.db import get_session
from bot.core.users import LineUser
from tests.conftest import make_bot_app
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import (
    encode,
    load_body,
    make_follow_event,
    make_sticker_event,
    make_text_event,
    make_unfollow_event,
    sign,
    signed_post,
    webhook_body,
)
from tests.support.fakes import RecordingLine


@pytest.fixture
def line() -> RecordingLine:
    return RecordingLine(profiles={"U4af4980629aabbccddeeff0011223344": "สมชาย"})


@pytest.fixture
def app(db_url: str, line: RecordingLine):  # type: ignore[no-untyped-def]
    return make_bot_app(db_url, LINE_API=line)


def _log_rows(app) -> list[MessageLog]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return list(get_session().scalars(select(MessageLog).order_by(MessageLog.id)))


def test_a_signed_text_event_is_answered_and_logged(app, client, line) -> None:
    response = signed_post(client, load_body("text"), CHANNEL_SECRET)

    assert response.status_code == 200
    assert len(line.deliveries) == 1
    assert line.deliveries[0]["reply_token"] == "b60d432864f44d079f6d8efe86cf404b"
    rows = _log_rows(app)
    assert [(r.direction, r.event_type) for r in rows] == [
        (Direction.IN, "message.text"),
        (Direction.OUT, "reply"),
    ]
    assert rows[0].handling_ms is not None and rows[0].handling_ms >= 0


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="missing header"),
        pytest.param(
            {"X-Line-Signature": sign(b"something else", CHANNEL_SECRET)}, id="other body"
        ),
        pytest.param({"X-Line-Signature": "not-base64!!"}, id="garbage"),
    ],
)
def test_a_bad_or_missing_signature_gets_400_and_nothing_is_done(
    app, client, line, headers
) -> None:
    response = client.post("/callback", data=encode(load_body("text")), headers=headers)

    assert response.status_code == 400
    assert line.deliveries == []
    assert _log_rows(app) == []


def test_a_tampered_body_is_rejected(app, client, line) -> None:
    raw = encode(load_body("text"))
    signature = sign(raw, CHANNEL_SECRET)
    tampered = raw.replace("สวัสดีค่ะ".encode(), "โอนเงินให้ด่วน".encode())

    response = client.post("/callback", data=tampered, headers={"X-Line-Signature": signature})

    assert response.status_code == 400
    assert line.deliveries == []


def test_a_body_signed_with_another_secret_is_rejected(client, line) -> None:
    response = signed_post(client, load_body("text"), "another-channel-secret")

    assert response.status_code == 400
    assert line.deliveries == []


def test_a_body_over_one_mebibyte_gets_413(client, line) -> None:
    body = load_body("text")
    body["padding"] = "x" * (1024 * 1024)

    response = signed_post(client, body, CHANNEL_SECRET)

    assert response.status_code == 413
    assert line.deliveries == []


@pytest.mark.parametrize(
    "raw", [b"{not json", b'{"destination": "U1"}', "ข้อความ".encode("tis-620")]
)
def test_a_malformed_body_gets_400(client, line, raw: bytes) -> None:
    response = signed_post(client, raw, CHANNEL_SECRET)

    assert response.status_code == 400
    assert line.deliveries == []


def test_lines_connection_check_with_no_events_gets_200(client, line) -> None:
    response = signed_post(client, {"destination": "Uf00", "events": []}, CHANNEL_SECRET)

    assert response.status_code == 200
    assert line.deliveries == []


def test_the_consoles_verify_events_never_reach_the_api(client, line) -> None:
    response = signed_post(client, load_body("verify"), CHANNEL_SECRET)

    assert response.status_code == 200
    assert line.deliveries == []


def test_an_unknown_event_type_is_acknowledged_and_ignored(app, client, line) -> None:
    body = load_body("text")
    body["events"][0] = {**body["events"][0], "type": "somethingNew"}

    response = signed_post(client, body, CHANNEL_SECRET)

    assert response.status_code == 200
    assert line.deliveries == []
    assert _log_rows(app) == []


def test_follow_stores_the_user_with_the_profile_name_and_welcomes_them(app, client, line) -> None:
    response = signed_post(client, load_body("follow"), CHANNEL_SECRET)

    assert response.status_code == 200
    welcome = line.deliveries[0]["messages"][0]
    assert "คุณสมชาย" in welcome["text"] and "ยินดีต้อนรับ" in welcome["text"]
    assert len(welcome["quickReply"]["items"]) >= 6
    with app.app_context():
        user = get_session().get(LineUser, "U4af4980629aabbccddeeff0011223344")
        assert user is not None and user.display_name == "สมชาย"
        assert user.followed_at is not None and not user.is_blocked


class ProfileDownOnce(RecordingLine):
    """LINE's profile API fails for the follow, then answers."""

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.asked = 0

    def profile(self, user_id: str):  # type: ignore[no-untyped-def]
        self.asked += 1
        return None if self.asked == 1 else super().profile(user_id)


def test_a_profile_the_follow_could_not_fetch_is_filled_in_by_a_job(db_url: str) -> None:
    line = ProfileDownOnce(profiles={"U4af4980629aabbccddeeff0011223344": "สมชาย"})
    app = make_bot_app(db_url, LINE_API=line)

    signed_post(app.test_client(), load_body("follow"), CHANNEL_SECRET)

    assert "คุณสมชาย" not in line.texts()[0]  # answered at once, without the name
    deadline = time.monotonic() + 10
    while True:
        with app.app_context():
            user = get_session().get(LineUser, "U4af4980629aabbccddeeff0011223344")
            if user is not None and user.display_name == "สมชาย":
                break
        assert time.monotonic() < deadline, "the profile job never filled the name in"
        time.sleep(0.05)
    assert line.asked == 2


def test_unfollow_marks_the_user_blocked_until_they_follow_again(app, client, line) -> None:
    signed_post(client, load_body("follow"), CHANNEL_SECRET)
    signed_post(client, webhook_body(make_unfollow_event()), CHANNEL_SECRET)

    with app.app_context():
        user = get_session().get(LineUser, "U4af4980629aabbccddeeff0011223344")
        assert user is not None and user.is_blocked and user.unfollowed_at is not None

    signed_post(client, webhook_body(make_follow_event(unblocked=True)), CHANNEL_SECRET)
    assert "ยินดีต้อนรับกลับมา" in line.texts()[-1]
    with app.app_context():
        user = get_session().get(LineUser, "U4af4980629aabbccddeeff0011223344")
        assert user is not None and not user.is_blocked


def test_in_a_group_the_bot_answers_only_when_mentioned(client, line) -> None:
    mentioned = load_body("group_text")
    not_mentioned = webhook_body(
        make_text_event("คุยกันเองในกลุ่ม", group_id="Ca56f94637cc4347f90a25382909b24b9")
    )

    signed_post(client, not_mentioned, CHANNEL_SECRET)
    assert line.deliveries == []
    signed_post(client, mentioned, CHANNEL_SECRET)
    assert len(line.deliveries) == 1
    assert line.deliveries[0]["to"] == "Ca56f94637cc4347f90a25382909b24b9"


def test_phone_numbers_never_reach_the_message_log(app, client) -> None:
    signed_post(
        client, webhook_body(make_text_event("ติดต่อกลับที่ 081-234-5678 นะคะ")), CHANNEL_SECRET
    )

    logged = _log_rows(app)[0].text or ""
    assert "5678" not in logged and "[เบอร์โทร]" in logged


def test_a_non_text_message_gets_the_menu_with_a_thai_explanation(client, line) -> None:
    signed_post(client, webhook_body(make_sticker_event("446", "1988")), CHANNEL_SECRET)

    assert "ข้อความตัวอักษร" in line.texts()[0]
