"""Fixtures for broadcasts: the emulator as LINE, people in the registry, a controllable clock."""

from __future__ import annotations

import os
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import redis
from flask import Flask
from sqlalchemy.orm import Session

from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from linesim.config import SimConfig
from linesim.server import RunningSim, start_in_thread
from tests.conftest import REDIS_URL, make_bot_app
from tests.support.channel import ACCESS_TOKEN, CHANNEL_SECRET

# A database number of its own: RQ's keys have fixed names, and other suites flush theirs.
WORKER_REDIS_DB = int(os.environ.get("BROADCAST_TEST_REDIS_DB", "13"))


class Clock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    # 10:00 in Bangkok: outside quiet hours.
    return Clock(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))


@pytest.fixture
def emulator() -> Iterator[RunningSim]:
    config = SimConfig(channel_secret=CHANNEL_SECRET, access_token=ACCESS_TOKEN, seed=7)
    running = start_in_thread(config)
    yield running
    running.stop()


@pytest.fixture
def bot_app(db_url: str, emulator: RunningSim, clock: Clock) -> Flask:
    """The bot talking to the emulator, jobs in threads (no Redis), on the test's clock."""
    # Multicast unless a test asks for LINE's broadcast endpoint: the emulator's record of a
    # multicast names every recipient, which is what exactly-once is checked against.
    return make_bot_app(
        db_url, LINE_API_BASE_URL=emulator.url, CLOCK=clock, BROADCAST_USE_BROADCAST_ENDPOINT="0"
    )


@pytest.fixture
def worker_redis_url() -> Iterator[str]:
    url = f"{REDIS_URL}/{WORKER_REDIS_DB}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def rq_app(db_url: str, worker_redis_url: str, emulator: RunningSim) -> Flask:
    """The bot putting its jobs on RQ in Redis (workers, when a test wants them, run apart)."""
    return make_bot_app(
        db_url,
        LINE_API_BASE_URL=emulator.url,
        REDIS_URL=worker_redis_url,
        BROADCAST_USE_BROADCAST_ENDPOINT="0",
        BROADCAST_LANES=2,
        QUIET_HOURS="off",
    )


@dataclass
class Person:
    user_id: str
    role: Role | None = None
    province: str | None = None
    district: str | None = None


def new_user_id() -> str:
    return "U" + secrets.token_hex(16)


def add_people(
    session: Session,
    emulator: RunningSim | None,
    count: int,
    *,
    role: Role | None = Role.VOLUNTEER,
    province: str | None = "95",
    district: str | None = None,
) -> list[str]:
    """Followers known to the bot (and to the emulator), registered as given."""
    ids = [new_user_id() for _ in range(count)]
    now = datetime.now(UTC)
    for user_id in ids:
        session.add(LineUser(id=user_id, followed_at=now))
    session.flush()
    for user_id in ids:
        session.add(
            Volunteer(
                user_id=user_id,
                role=role,
                province_code=province,
                district_code=district,
                registered_at=now if role else None,
            )
        )
        if emulator is not None:
            emulator.channel.state.upsert_user(user_id)
    session.commit()
    return ids


def deliveries(emulator: RunningSim, endpoint: str = "multicast") -> Counter[str]:
    """How many times each user received an accepted request, per the emulator's record."""
    import requests

    got = requests.get(f"{emulator.url}/_sim/messages", params={"endpoint": endpoint}, timeout=30)
    got.raise_for_status()
    return Counter(user for m in got.json()["messages"] for user in m["to"])


def sessions(app: Flask) -> Any:
    return app.extensions["asabot.sessions"]
