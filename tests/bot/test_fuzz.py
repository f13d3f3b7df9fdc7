"""Bounded fuzzing of /callback and of chat text: nothing correctly signed gets a 500.

Bodies and texts come from a fixed seed (tests/bot/fuzz_bodies.py), so a failure replays.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from typing import Any

import pytest
from cryptography.fernet import Fernet
from flask import Flask
from linebot.v3.messaging.models import Message
from sqlalchemy import event, func, select

from bot.chat.models import MessageLog
from bot.complaints.models import Complaint
from bot.core.db import get_session
from bot.core.line import SENT, Delivered
from tests.conftest import make_bot_app
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import sign
from tests.support.fakes import RecordingLine

from .fuzz_bodies import fuzz_bodies, nasty_text
from .signed_chat import Chat

pytestmark = pytest.mark.slow

FUZZ_BODIES = 2000
CHAT_PEOPLE = 8


def _fast_commits(app: Flask) -> Flask:
    """Commits that do not wait for the disk: this is about answers, not durability, and
    thousands of fsyncs would make the test take minutes on a busy machine."""

    @event.listens_for(app.extensions["asabot.engine"], "connect")
    def _no_fsync(dbapi_connection: Any, _record: Any) -> None:
        statement = (
            "PRAGMA synchronous=OFF"
            if app.config["DATABASE_URL"].startswith("sqlite")
            else "SET synchronous_commit TO off"
        )
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()

    return app


class ReplyTokens(RecordingLine):
    """Records only which events were answered: turning every reply into a dict would cost
    more than the bot's own work."""

    def deliver(
        self,
        reply_token: str | None,
        to: str | None,
        messages: Sequence[Message],
        *,
        retry_key: str | None = None,
        reply_uncertain: bool = False,
        bodies: Sequence[dict[str, Any]] | None = None,
    ) -> Delivered:
        if not messages:
            return Delivered(SENT, "none")
        self.deliveries.append({"reply_token": reply_token, "to": to, "messages": []})
        return Delivered(SENT, "reply")


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """ERROR records from the bot's own event path (the SDK's INFO lines are not errors)."""
    return [
        f"{r.name}: {r.getMessage()}"
        for r in caplog.records
        if r.levelno >= logging.ERROR and r.name.startswith("bot.")
    ]


def test_signed_malformed_bodies_get_200_or_400_and_the_good_events_beside_them_are_answered(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    line = ReplyTokens()
    client = _fast_commits(make_bot_app(db_url, LINE_API=line)).test_client()
    statuses: dict[int, int] = {}
    unanswered = 0
    caplog.set_level(logging.WARNING)
    for body in fuzz_bodies(FUZZ_BODIES):
        before = len(line.deliveries)
        response = client.post(
            "/callback",
            data=body.raw,
            headers={"X-Line-Signature": sign(body.raw, CHANNEL_SECRET)},
        )
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        answered = {d["reply_token"] for d in line.deliveries[before:]}
        unanswered += sum(1 for token in body.expected_replies if token not in answered)

    assert set(statuses) <= {200, 400}, statuses
    assert statuses[400] > 100 and statuses[200] > 1000  # both kinds were really exercised
    assert unanswered == 0
    assert _errors(caplog) == []


def test_nasty_chat_text_in_and_out_of_a_complaint_never_fails_and_is_stored_clean(
    db_url: str, tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    line = RecordingLine()
    app = _fast_commits(
        make_bot_app(
            db_url,
            LINE_API=line,
            COMPLAINT_PHONE_KEY=Fernet.generate_key().decode(),
            MEDIA_DIR=str(tmp_path / "media"),
        )
    )
    client = app.test_client()
    rng = random.Random(1717)
    caplog.set_level(logging.WARNING)
    for person in range(CHAT_PEOPLE):
        chat = Chat(client, line, f"U{person:032x}", rng)
        for _ in range(8):  # outside a flow: answered, then written to the message log
            chat.say(nasty_text(rng))
        chat.say("\x00ค่าแรง\x00ขั้นต่ำ\ud800")
        chat.postback("action=intent&intent=complaint_file")
        chat.tap("ยินยอม")
        chat.tap("ตัวฉันเอง")
        chat.tap("ประกันสังคม")
        for _ in range(4):  # inside the story: kept in the draft, then in the complaint
            chat.say("เรื่อง " + nasty_text(rng))
        chat.say("นายจ้าง\x00ไม่จ่าย\x07ค่าแรง")
        chat.say("เสร็จ")
        chat.tap("ยะลา")
        chat.tap("ไม่ทราบอำเภอ")
        chat.tap("ข้าม")
        chat.tap("ไม่ระบุ")
        assert "รับเรื่อง" in "\n".join(m.get("text", "") for m in chat.tap("ยืนยันส่งเรื่อง"))

    with app.app_context():
        session = get_session()
        details = list(session.scalars(select(Complaint.details)))
        texts = [t for t in session.scalars(select(MessageLog.text)) if t]
        assert session.scalar(select(func.count()).select_from(MessageLog)) > CHAT_PEOPLE * 9
    assert len(details) == CHAT_PEOPLE
    assert all("นายจ้างไม่จ่ายค่าแรง" in (d or "") for d in details)
    stored = details + texts
    assert not any(ch in s for s in stored for ch in ("\x00", "\x07", "\ud800"))
    assert _errors(caplog) == []
