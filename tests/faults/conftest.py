"""One fault stack for the folder: gunicorn 2 x 4 + the emulator + PostgreSQL + a Redis of its own.

Started once (about ten seconds) and shared; each test has people of its own, and leaves the
emulator calm, Redis running and both workers alive for the next.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.core.db import make_engine
from tests.conftest import _admin_engine, _database_url

from .stack import FaultStack

# The bot's LINE timeout for this stack: short, so "LINE slower than the bot's timeout" costs
# two seconds a call, not the production five (the behaviour is the same).
LINE_TIMEOUT = 2.0



def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is marked `faults`, so `-m "not faults"` leaves the slow stack out."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.faults)


@pytest.fixture(scope="session")
def fault_database(_migrated_postgres: str) -> Iterator[str]:
    name = f"faults_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{_migrated_postgres}"'))
    yield _database_url(name)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def stack(fault_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    workdir: Path = tmp_path_factory.mktemp("faults")
    running = FaultStack(fault_database, workdir, line_timeout=LINE_TIMEOUT)
    yield running
    running.stop()


@pytest.fixture
def engine(fault_database: str) -> Iterator[sa.Engine]:
    made = make_engine(fault_database)
    yield made
    made.dispose()


@pytest.fixture
def calm_stack(stack: FaultStack) -> Iterator[FaultStack]:
    """The shared stack, with faults turned off again (and Redis up) whatever the test did."""
    stack.calm()
    yield stack
    stack.calm()
    if stack.redis._process is None:
        stack.redis.start()
