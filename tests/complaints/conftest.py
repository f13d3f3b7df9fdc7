"""Fixtures for complaint tests: the bot and emulator with a phone key and a media store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.complaints.models import Complaint
from bot.core.db import get_session
from tests.conftest import BotWithEmulator

PHONE_KEY = Fernet.generate_key().decode()


class FakeNLU:
    """Understands a few exact phrases, and nothing else (everything else is out of scope)."""

    PHRASES = {"ติดตามเรื่องของฉัน": "complaint_status", "เมนู": "help_menu"}

    def understand(self, text: str) -> Any:
        intent = self.PHRASES.get(text.strip(), "out_of_scope")
        if text.startswith("ติดตามเรื่อง"):
            intent = "complaint_status"
        kind = "out_of_scope" if intent == "out_of_scope" else "accept"
        return SimpleNamespace(
            intent=intent,
            confidence=0.9,
            decision=SimpleNamespace(kind=kind),
            entities=[],
            lang="th",
        )


@pytest.fixture
def bot_config(tmp_path: Any) -> dict[str, Any]:
    return {
        "COMPLAINT_PHONE_KEY": PHONE_KEY,
        "MEDIA_DIR": str(tmp_path / "media"),
        "NLU": FakeNLU(),
    }


@pytest.fixture
def complaint_bot(db_url: str, bot_config: dict[str, Any]) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **bot_config)
    yield running
    running.stop()


def quick_replies(messages: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The last message's quick-reply actions by label."""
    items = messages[-1].get("quickReply", {}).get("items", [])
    return {item["action"]["label"]: item["action"] for item in items}


def tap(chat: Any, label: str, timeout: float = 5.0) -> list[dict[str, Any]]:
    """Tap the quick reply `label` of the bot's newest message; returns the bot's answer."""
    action = quick_replies(chat.last_reply(timeout))[label]
    assert action["type"] == "postback", action
    chat.postback(action["data"])
    return chat.last_reply(timeout)


def say(chat: Any, text: str, timeout: float = 5.0) -> list[dict[str, Any]]:
    chat.say(text)
    return chat.last_reply(timeout)


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def wait_for(predicate: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


@pytest.fixture
def sim(complaint_bot: BotWithEmulator) -> Any:
    """The emulator wired to the complaint-ready bot (overrides the suite's `sim`)."""
    return complaint_bot.sim


def to_place_question(sim: Any, user_id: str) -> Any:
    """A chat in the complaint flow, at "where did it happen?" (consent, self, wages, details)."""
    chat = sim.user(user_id, display_name="ซูไฮลา")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    tap(chat, "ยินยอม")
    tap(chat, "ตัวฉันเอง")
    tap(chat, "ค่าจ้าง/เลิกจ้าง")
    say(chat, "นายจ้างไม่จ่ายค่าจ้างเดือนที่แล้ว")
    assert "ที่ไหน" in texts(say(chat, "เสร็จ"))
    return chat


def file_it(chat: Any) -> str:
    """From the evidence question on: no evidence, no phone, confirm; returns the summary."""
    tap(chat, "ข้าม")  # evidence
    summary = texts(tap(chat, "ไม่ระบุ"))  # phone
    tap(chat, "ยืนยันส่งเรื่อง")
    return summary


def stored(bot: BotWithEmulator) -> Complaint:
    """The one complaint the test filed."""
    with bot.app.app_context():
        return get_session().scalars(select(Complaint)).one()
