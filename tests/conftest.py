"""Fixtures shared by the whole suite: real databases, real Redis, the app, and the emulator.

Database tests run twice, on SQLite and on PostgreSQL; state tests run on a real Redis.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from bot import close_app, create_app
from bot.content.loader import load_content
from bot.core.db import get_session, make_engine
from bot.core.migrate import upgrade
from linesim.server import ClosingFilesHandler
from tests.support.channel import ACCESS_TOKEN, CHANNEL_SECRET

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
REDIS_DB = int(os.environ.get("TEST_REDIS_DB", "9"))

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling out of this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


def _database_url(name: str) -> str:
    return sa.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _admin_engine() -> sa.Engine:
    # CREATE and DROP DATABASE cannot run inside a transaction.
    return make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once per run; each test gets a copy, which is much faster than migrating."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _migrated_postgres() -> Iterator[str]:
    """A database migrated once per run, the template each test's database is copied from."""
    name = f"asabot_template_{uuid.uuid4().hex[:8]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        upgrade(_database_url(name))
        yield name
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A fresh database, migrated by the project's migrations: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("_migrated_postgres")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield _database_url(name)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db_session(db_url: str) -> Iterator[Session]:
    engine = make_engine(db_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A real Redis on a database number of its own, empty before and after the test."""
    url = f"{REDIS_URL}/{REDIS_DB}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


_open_apps: list[Flask] = []


@pytest.fixture(autouse=True)
def _close_apps() -> Iterator[None]:
    """Every app a test built is closed after it, so no connection outlives its test."""
    yield
    while _open_apps:
        close_app(_open_apps.pop())


def make_bot_app(db_url: str, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "LINE_CHANNEL_SECRET": CHANNEL_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN,
        "LINE_API_BASE_URL": "http://127.0.0.1:9",  # nothing listens: tests that send use `sim`
        "DATABASE_URL": db_url,
        "REDIS_URL": None,
        "NLU": None,
    }
    config.update(overrides)
    app = create_app(config)
    _open_apps.append(app)
    return app


@pytest.fixture
def app(db_url: str) -> Flask:
    return make_bot_app(db_url)


@pytest.fixture
def client(app: Flask) -> Any:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


class ServedApp:
    """A WSGI app on a real port in a background thread."""

    def __init__(self, wsgi_app: Any) -> None:
        self._server = make_server(
            "127.0.0.1", 0, wsgi_app, threaded=True, request_handler=ClosingFilesHandler
        )
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class BotWithEmulator:
    """The bot served over HTTP and the LINE emulator, wired to each other as LINE would be."""

    def __init__(self, db_url: str, **bot_config: Any) -> None:
        from linesim.client import SimClient
        from linesim.config import SimConfig
        from linesim.server import start_in_thread

        self.emulator = start_in_thread(
            SimConfig(channel_secret=CHANNEL_SECRET, access_token=ACCESS_TOKEN)
        )
        self.app = make_bot_app(db_url, LINE_API_BASE_URL=self.emulator.url, **bot_config)
        self.bot = ServedApp(self.app)
        self.emulator.config.webhook_url = f"{self.bot.url}/callback"
        self.sim = SimClient(self.emulator.url)

    def stop(self) -> None:
        self.bot.stop()
        self.emulator.stop()


@pytest.fixture(scope="session")
def trained_nlu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The real classifier, trained once per run on the project's training data."""
    from intents.cli import train_model
    from intents.pipeline import NLU

    model_dir = tmp_path_factory.mktemp("intents-model")
    train_model(model_dir)
    return NLU.load(model_dir)


@pytest.fixture
def bot_with_emulator(db_url: str) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url)
    yield running
    running.stop()


@pytest.fixture
def content_bot(db_url: str, trained_nlu: Any) -> Iterator[BotWithEmulator]:
    """A `BotWithEmulator` on the real classifier (`trained_nlu`) with every article of the
    project's `content/` folder loaded: questions are answered as a person would meet them."""
    running = BotWithEmulator(db_url, NLU=trained_nlu)
    with running.app.app_context():
        load_content(get_session(), CONTENT_DIR)
        get_session().commit()
    yield running
    running.stop()


@pytest.fixture
def sim(bot_with_emulator: BotWithEmulator) -> Any:
    """A SimClient on an emulator whose webhook is the bot: tests read like a conversation."""
    return bot_with_emulator.sim


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, shared by every browser test of the run."""
    from playwright.sync_api import expect, sync_playwright

    # Two shared cores under a full suite can be slow: give the page time before failing.
    expect.set_options(timeout=15_000)
    # Missing Chromium is a broken environment, not a reason to skip: `make test` installs it.
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
