"""Liveness and readiness."""

from __future__ import annotations

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.core.state import RedisStateStore


def test_healthz_says_the_process_is_up(client) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_checks_the_database_and_the_state_store(client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ready",
        "checks": {"database": True, "state": True},
        "degraded": [],
    }


def test_readyz_stays_ready_but_says_degraded_when_the_state_store_is_down(app, client) -> None:
    # The bot answers without Redis: taking every instance out of rotation would be worse.
    app.extensions["asabot.state"] = RedisStateStore(_unreachable_redis())
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "degraded"
    assert response.get_json()["degraded"] == ["state"]
    assert response.get_json()["checks"]["state"] is False


def _unreachable_redis() -> redis.Redis:
    """Nothing listens on port 1; no retries, so the test needn't wait out redis-py's backoff."""
    return redis.Redis(
        host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0)
    )
