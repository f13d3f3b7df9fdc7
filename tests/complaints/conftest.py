"""Fixtures for complaint tests: the bot and emulator with a phone key and a media store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.complaints.models import Complaint
from bot.core.db import get_session
from bot.core.places import parse_place
from tests.conftest import BotWithEmulator
from tests.support.chat import say, tap, texts
from tests.support.fakes import PhraseNLU

PHONE_KEY = Fernet.generate_key().decode()


def complaint_nlu() -> PhraseNLU:
    """Understands "ติดตามเรื่อง…" and "เมนู", and nothing else (everything else is out of scope)."""
    return PhraseNLU(
        {"ติดตามเรื่องของฉัน": "complaint_status", "เมนู": "help_menu"},
        prefixes={"ติดตามเรื่อง": "complaint_status"},
    )


@pytest.fixture(scope="session", autouse=True)
def _place_reader_warm() -> None:
    """The place reader builds its word lists once per process (about 2 s); built before any
    webhook is timed, as the real NLU builds them at its first message."""
    parse_place("ท่าเรือตากใบ")


@pytest.fixture
def bot_config(tmp_path: Any) -> dict[str, Any]:
    return {
        "COMPLAINT_PHONE_KEY": PHONE_KEY,
        "MEDIA_DIR": str(tmp_path / "media"),
        "NLU": complaint_nlu(),
    }


@pytest.fixture
def complaint_bot(db_url: str, bot_config: dict[str, Any]) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **bot_config)
    yield running
    running.stop()


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
