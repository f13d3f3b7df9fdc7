"""Fixtures for survey tests: the bot and emulator with the shipped forms loaded, volunteers,
and a tap that also works a date picker (the other helpers are tests.support.chat's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
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
from tests.support.chat import quick_replies
from tests.support.fakes import PhraseNLU

SHIPPED = Path(__file__).resolve().parents[2] / "surveys"


def survey_config(tmp_path: Path) -> dict[str, Any]:
    return {"NLU": PhraseNLU({}), "MEDIA_DIR": str(tmp_path / "media"), "QUIET_HOURS": "off"}


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


def tap(chat: Any, label: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Tap the newest message's quick reply `label` (a date picker given its `params`)."""
    action = quick_replies(chat.last_reply())[label]
    assert action["type"] in ("postback", "datetimepicker"), action
    chat.postback(action["data"], params)
    return chat.last_reply()


def responses(bot: BotWithEmulator) -> list[SurveyResponse]:
    with bot.app.app_context():
        return list(get_session().scalars(select(SurveyResponse).order_by(SurveyResponse.id)))
