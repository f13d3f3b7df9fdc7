"""Drafts in Redis are encrypted: a complaint story being told is not readable there."""

from __future__ import annotations

import random
from typing import Any

import redis
from cryptography.fernet import Fernet

from bot.core.crypto import Cipher, derived_cipher
from bot.core.state import RedisStateStore
from tests.conftest import make_bot_app
from tests.support.fakes import RecordingLine

from .signed_chat import Chat

STORY = "นายจ้างที่โรงงานปลากระป๋องค้างค่าแรงสามเดือน"


def _raw_values(url: str) -> list[bytes]:
    client = redis.Redis.from_url(url)
    try:
        return [v for k in client.keys("*") if (v := client.get(k)) is not None]
    finally:
        client.close()


def test_a_story_being_told_is_encrypted_in_redis_and_read_back(
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

    raw = b"".join(_raw_values(redis_url))
    assert raw and STORY.encode() not in raw and "ค่าแรง".encode() not in raw
    chat.say("เสร็จ")
    chat.tap("ยะลา")
    chat.tap("ไม่ทราบอำเภอ")
    chat.tap("ข้าม")
    summary = "\n".join(m.get("text", "") for m in chat.tap("ไม่ระบุ"))
    assert STORY in summary  # the flow read its draft back from Redis


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
