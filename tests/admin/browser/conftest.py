"""Fixtures of the console's browser tests: a served bot with its emulator (SQLite), a page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.admin.conftest import (
    add_staff,
    console_config,
)
from tests.conftest import BotWithEmulator


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """Browser tests run on SQLite only: the pages are the same, the runs are slow."""
    from bot.core.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'browser.db'}"
    upgrade(url)
    return url


@pytest.fixture
def console(db_url: str, tmp_path: Any) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **console_config(tmp_path))
    add_staff(running.app, "admin", "admin")
    yield running
    running.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
