"""With Redis dead or paused the bot still answers, and it comes back when Redis does.

Each test starts a redis-server of its own (tests/support/redis_server.py) so it can kill and
pause it; the suite's shared Redis is never touched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
import requests

from bot.broadcasts.ratelimit import FallbackRateLimiter, MemoryRateLimiter, RedisRateLimiter
from bot.core.redis_link import RedisLink, make_redis
from bot.core.settings import load_settings
from bot.core.state import FallbackStateStore, RedisStateStore
from tests.conftest import BotWithEmulator
from tests.support.chat import wait_for
from tests.support.redis_server import RedisServer

SETTINGS = load_settings({}, {"REDIS_SOCKET_TIMEOUT": 0.3, "REDIS_CONNECT_TIMEOUT": 0.3})


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def bot(db_url: str, own_redis: RedisServer) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(
        db_url,
        REDIS_URL=own_redis.url,
        REDIS_SOCKET_TIMEOUT=0.3,
        REDIS_CONNECT_TIMEOUT=0.3,
        REDIS_RETRY_SECONDS=0.5,
    )
    yield running
    running.stop()


def _store(server: RedisServer, retry_seconds: float = 60.0) -> FallbackStateStore:
    link = RedisLink("state", retry_seconds)
    return FallbackStateStore(RedisStateStore(make_redis(server.url, SETTINGS)), link)


def test_the_webhook_answers_and_replies_while_redis_is_dead(bot, own_redis) -> None:
    chat = bot.sim.user("U" + "a" * 32, display_name="อามีนะห์")
    chat.follow()
    assert chat.last_reply()
    own_redis.kill()

    sent = chat.say("สวัสดีค่ะ")

    assert sent["delivery"]["status"] == 200
    assert chat.last_reply()
    chat.postback("action=intent&intent=complaint_file")
    assert "ข้อมูลส่วนบุคคล" in "\n".join(m.get("text", "") for m in chat.last_reply())


def test_after_a_restart_the_bot_is_ready_on_redis_again(bot, own_redis) -> None:
    chat = bot.sim.user("U" + "b" * 32)
    own_redis.kill()
    chat.follow()
    assert chat.last_reply()
    assert requests.get(f"{bot.bot.url}/readyz", timeout=5).json()["degraded"] == ["state"]
    own_redis.start()

    # Within a retry interval (0.5 s here) or two, the next check finds Redis again.
    wait_for(lambda: requests.get(f"{bot.bot.url}/readyz", timeout=5).json()["degraded"] == [])
    assert bot.app.extensions["asabot.redis_link"].down is False
    sent = chat.say("สวัสดีค่ะ")
    assert sent["delivery"]["status"] == 200
    assert chat.last_reply()


def test_a_paused_redis_holds_no_health_check_past_its_timeout(bot, own_redis) -> None:
    base = bot.bot.url
    own_redis.pause()
    try:
        started = time.monotonic()
        assert requests.get(f"{base}/healthz", timeout=5).json() == {"status": "ok"}
        assert time.monotonic() - started < 0.25  # liveness never waits for Redis

        started = time.monotonic()
        ready = requests.get(f"{base}/readyz", timeout=5)
        assert time.monotonic() - started < 1.5  # one socket timeout, not the pause
        assert ready.status_code == 200
        assert ready.json()["status"] == "degraded"
        assert ready.json()["degraded"] == ["state"]

        chat = bot.sim.user("U" + "c" * 32)
        started = time.monotonic()
        assert chat.follow()["delivery"]["status"] == 200
        assert chat.last_reply()
        assert time.monotonic() - started < 2.0  # inside LINE's webhook deadline
    finally:
        own_redis.resume()


def test_eight_threads_waiting_on_a_paused_redis_are_each_let_go(own_redis) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store = _store(own_redis, retry_seconds=0.0)  # every call tries Redis: the worst case
    own_redis.pause()
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            claimed = list(pool.map(lambda i: store.claim(f"event:{i}", 60), range(8)))
        assert claimed == [True] * 8  # each claimed in this process's memory instead
        assert time.monotonic() - started < 1.5
    finally:
        own_redis.resume()


def test_redis_going_away_and_coming_back_is_logged_once_each(own_redis, caplog) -> None:
    store = _store(own_redis, retry_seconds=0.0)
    own_redis.kill()
    with caplog.at_level(logging.INFO, logger="bot.core.redis_link"):
        for i in range(5):
            store.set_json(f"flow:user:U{i}", {"state": "DETAILS"}, 60)
        own_redis.start()
        for i in range(5):
            store.get_json(f"flow:user:U{i}")
    assert [r.getMessage() for r in caplog.records] == ["redis.unavailable", "redis.recovered"]


def test_a_draft_written_while_redis_was_down_is_read_after_it_returns(own_redis) -> None:
    store = _store(own_redis, retry_seconds=0.0)
    own_redis.kill()
    store.set_json("flow:user:U1", {"state": "DETAILS", "data": {"details": ["ค่าจ้าง"]}}, 60)
    own_redis.start()

    assert store.get_json("flow:user:U1") == {"state": "DETAILS", "data": {"details": ["ค่าจ้าง"]}}
    store.set_json("flow:user:U1", {"state": "WHERE"}, 60)
    assert store.get_json("flow:user:U1") == {"state": "WHERE"}  # Redis's newer copy wins


def test_an_event_claimed_during_the_outage_stays_claimed_after_it(own_redis) -> None:
    store = _store(own_redis, retry_seconds=0.0)
    own_redis.kill()
    assert store.claim("event:E1", 60) is True
    own_redis.start()
    assert store.claim("event:E1", 60) is False
    store.release("event:E1")
    assert store.claim("event:E1", 60) is True


def test_after_a_failure_redis_is_not_asked_again_until_the_retry_interval(own_redis) -> None:
    now = [100.0]
    link = RedisLink("state", 2.0, clock=lambda: now[0])
    store = FallbackStateStore(RedisStateStore(make_redis(own_redis.url, SETTINGS)), link)
    own_redis.pause()
    try:
        started = time.monotonic()
        store.get_json("flow:user:U1")  # pays one timeout
        for _ in range(20):
            store.get_json("flow:user:U1")  # pay nothing: the link remembers
        assert time.monotonic() - started < 0.3 + 0.5
        assert store.ping() is False and store.degraded
    finally:
        own_redis.resume()
    now[0] += 2.0
    assert store.ping() is True and not store.degraded


def test_broadcast_rate_limit_falls_back_to_this_process_without_redis(own_redis) -> None:
    limits = {"multicast": (2, 1.0)}
    waits: list[float] = []
    limiter = FallbackRateLimiter(
        RedisRateLimiter(make_redis(own_redis.url, SETTINGS), limits),
        MemoryRateLimiter(limits, sleep=waits.append),
        RedisLink("ratelimit", 60.0),
    )
    own_redis.kill()
    first, second = limiter.acquire("multicast"), limiter.acquire("multicast")
    assert (first.waited, second.waited) == (0.0, 0.0)
    first.settle()  # both answered
    second.settle()
    limiter.acquire("multicast")
    assert waits and 0 < waits[0] <= 1.0  # the third waits out the window, still limited
