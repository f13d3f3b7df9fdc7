"""Drafts are kept in the database, encrypted: a story being told is not readable there, and
Redis losing everything loses no draft."""

from __future__ import annotations

import random
from typing import Any

import redis
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.chat.models import FlowDraft
from bot.core.crypto import Cipher, derived_cipher
from bot.core.db import get_session
from bot.core.state import RedisStateStore
from tests.conftest import make_bot_app
from tests.support.fakes import RecordingLine

from .signed_chat import Chat

STORY = "นายจ้างที่โรงงานปลากระป๋องค้างค่าแรงสามเดือน"


def _raw_drafts(app: Any) -> bytes:
    with app.app_context():
        return "".join(get_session().scalars(select(FlowDraft.data))).encode()


def test_a_story_being_told_is_encrypted_in_the_database_and_survives_a_redis_flush(
    db_url: str, redis_url: str, tmp_path: Any
) -> None:
    line = RecordingLine()
    app = make_bot_app(
        db_url,
        LINE_API=line,
        REDIS_URL=redis_url,
        SECRET_KEY="drafts-test-secret",
        COMPLAINT_PHONE_KEY=Fernet.generate_key().decode(),
        MEDIA_DIR=str(tmp_path / "media"),
    )
    chat = Chat(app.test_client(), line, "U" + "6" * 32, random.Random(6))
    chat.postback("action=intent&intent=complaint_file")
    chat.tap("ยินยอม")
    chat.tap("ตัวฉันเอง")
    chat.tap("ค่าจ้าง/เลิกจ้าง")
    chat.say(STORY)

    raw = _raw_drafts(app)
    assert raw and STORY.encode() not in raw and "ค่าแรง".encode() not in raw
    redis.Redis.from_url(redis_url).flushdb()  # Redis restarted without persistence
    chat.say("เสร็จ")
    chat.tap("ยะลา")
    chat.tap("ไม่ทราบอำเภอ")
    chat.tap("ข้าม")
    summary = "\n".join(m.get("text", "") for m in chat.tap("ไม่ระบุ"))
    assert STORY in summary  # the flow read its draft back from the database


def test_the_store_reads_old_plain_drafts_and_drops_ones_sealed_with_another_key(
    redis_url: str,
) -> None:
    client = redis.Redis.from_url(redis_url)
    plain = RedisStateStore(client)
    sealed = RedisStateStore(client, sealer=derived_cipher("secret", "state"))
    other_key = RedisStateStore(client, sealer=Cipher(Fernet.generate_key()))

    plain.set_json("flow:user:U1", {"details": STORY}, 60)  # written before this change
    assert sealed.get_json("flow:user:U1") == {"details": STORY}
    sealed.set_json("flow:user:U2", {"details": STORY}, 60)
    assert STORY.encode() not in (client.get("asabot:flow:user:U2") or b"")
    assert sealed.get_json("flow:user:U2") == {"details": STORY}
    assert other_key.get_json("flow:user:U2") is None  # as if it had expired
    client.close()
