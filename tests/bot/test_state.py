"""Both state stores keep the same contract."""

from __future__ import annotations

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.core.state import MemoryStateStore, RedisStateStore, StateStore


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> StateStore:
    if request.param == "memory":
        return MemoryStateStore()
    return RedisStateStore(redis.Redis.from_url(request.getfixturevalue("redis_url")))


def test_claim_succeeds_once_until_released(store: StateStore) -> None:
    assert store.claim("event:1", 60) is True
    assert store.claim("event:1", 60) is False
    store.release("event:1")
    assert store.claim("event:1", 60) is True


def test_json_values_round_trip_with_thai_text(store: StateStore) -> None:
    store.set_json("draft:U1", {"step": "DETAILS", "text": "นายจ้างไม่จ่ายเงิน"}, 60)
    assert store.get_json("draft:U1") == {"step": "DETAILS", "text": "นายจ้างไม่จ่ายเงิน"}
    store.delete("draft:U1")
    assert store.get_json("draft:U1") is None


def test_redis_keys_carry_a_ttl(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    RedisStateStore(client).claim("event:ttl", 86400)
    assert 86000 < client.ttl("asabot:event:ttl") <= 86400


def test_memory_keys_expire() -> None:
    clock = _Clock()
    store = MemoryStateStore(clock=clock)
    store.claim("event:1", 10)
    clock.now += 11
    assert store.claim("event:1", 10) is True


def test_ping_reports_an_unreachable_redis() -> None:
    assert RedisStateStore(_unreachable_redis()).ping() is False


def _unreachable_redis() -> redis.Redis:
    """Nothing listens on port 1; no retries, so the test needn't wait out redis-py's backoff."""
    return redis.Redis(
        host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0)
    )
