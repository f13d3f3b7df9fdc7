"""Fixtures for survey tests: the bot and emulator with the shipped forms loaded, volunteers,
and the taps and texts a volunteer sends."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from bot.core.db import get_session
from bot.core.users import LineUser
from bot.surveys.models import SurveyResponse
from bot.surveys.service import load_forms
from bot.volunteers import registry
from bot.volunteers.models import Role
from tests.conftest import BotWithEmulator, ServedApp, make_bot_app

SHIPPED = Path(__file__).resolve().parents[2] / "surveys"


class NoNLU:
    """Everything is out of scope: what the survey reads never depends on the classifier."""

    def understand(self, text: str) -> Any:
        return SimpleNamespace(
            intent="out_of_scope",
            confidence=0.9,
            decision=SimpleNamespace(kind="out_of_scope"),
            entities=[],
            lang="th",
        )


def survey_config(tmp_path: Path) -> dict[str, Any]:
    return {"NLU": NoNLU(), "MEDIA_DIR": str(tmp_path / "media"), "QUIET_HOURS": "off"}


def load_shipped(app: Flask, folder: Path = SHIPPED) -> None:
    with app.app_context():
        session = get_session()
        load_forms(session, folder, datetime.now(UTC))
        session.commit()


@pytest.fixture
def survey_bot(db_url: str, tmp_path: Path) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **survey_config(tmp_path))
    load_shipped(running.app)
    yield running
    running.stop()


def restart(bot: BotWithEmulator, db_url: str, **config: Any) -> None:
    """A new app on the same database (and a new process's memory), the emulator kept."""
    bot.bot.stop()
    bot.app = make_bot_app(db_url, LINE_API_BASE_URL=bot.emulator.url, **config)
    bot.bot = ServedApp(bot.app)
    bot.emulator.config.webhook_url = f"{bot.bot.url}/callback"


def volunteer(
    bot: BotWithEmulator,
    user_id: str,
    *,
    name: str = "สมชาย",
    role: Role = Role.VOLUNTEER,
    province: str = "95",
    district: str | None = "9501",
    language: str | None = None,
) -> Any:
    """A registered volunteer's chat (registered in the database, as the registration flow does)."""
    chat = bot.sim.user(user_id, display_name=name)
    chat.follow()
    chat.last_reply()
    with bot.app.app_context():
        session = get_session()
        registry.register(
            session,
            user_id,
            role=role,
            province_code=province,
            district_code=district,
            now=datetime.now(UTC),
        )
        if language:
            session.get(LineUser, user_id).language = language
        session.commit()
    return chat


def quick_replies(messages: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    items = messages[-1].get("quickReply", {}).get("items", [])
    return {item["action"]["label"]: item["action"] for item in items}


def tap(chat: Any, label: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Tap the newest message's quick reply `label`; the bot's answer."""
    action = quick_replies(chat.last_reply())[label]
    assert action["type"] in ("postback", "datetimepicker"), action
    chat.postback(action["data"], params)
    return chat.last_reply()


def say(chat: Any, text: str) -> list[dict[str, Any]]:
    chat.say(text)
    return chat.last_reply()


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def responses(bot: BotWithEmulator) -> list[SurveyResponse]:
    with bot.app.app_context():
        return list(get_session().scalars(select(SurveyResponse).order_by(SurveyResponse.id)))


def wait_for(predicate: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)
