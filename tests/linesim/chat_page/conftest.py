"""Fixtures of the chat-page tests: the test-only bot, linesim wired to it, a phone-sized page.

The bot is a tiny test-only one (bot.py) that talks to linesim through the real line-bot-sdk,
so the page is tested on its own, without AsaBot.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from linesim.config import SimConfig
from linesim.server import RunningSim, start_in_thread
from tests.linesim.chat_page.bot import ChatBot, serve_bot
from tests.linesim.chat_page.page import PHONE, SECRET, TOKEN


@pytest.fixture
def chat_bot() -> Iterator[ChatBot]:
    bot = ChatBot(SECRET, TOKEN)
    with serve_bot(bot):
        yield bot


@pytest.fixture
def chat_sim(chat_bot: ChatBot) -> Iterator[RunningSim]:
    config = SimConfig(
        channel_secret=SECRET,
        access_token=TOKEN,
        webhook_url=chat_bot.webhook_url,
        webhook_timeout=5.0,
    )
    sim = start_in_thread(config)
    chat_bot.api_url = sim.url
    yield sim
    sim.stop()


@pytest.fixture
def requested() -> list[str]:
    """Every URL the page requested, to prove nothing comes from outside linesim."""
    return []


@pytest.fixture
def page(browser: Browser, chat_sim: RunningSim, requested: list[str]) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=1, locale="th-TH", timezone_id="Asia/Bangkok"
    )
    opened = context.new_page()
    opened.on("request", lambda request: requested.append(request.url))
    script_errors: list[str] = []
    opened.on("pageerror", lambda error: script_errors.append(str(error)))
    yield opened
    context.close()
    assert not script_errors, f"the page threw: {script_errors}"
