"""Redis clients with short timeouts, and a breaker that remembers Redis is down.

Redis is a cache, a lock and a queue here, never the only copy of anything a person typed, so
the bot keeps answering without it. Two things make that true under real faults:

- every client is built with small socket and connect timeouts and no retry on a timeout, so a
  paused Redis (SIGSTOP, a full-disk stall) costs a call at most `REDIS_SOCKET_TIMEOUT`, and
  cannot hold every web thread for as long as the pause lasts;
- one `RedisLink` per process counts failures: after one, callers skip Redis for
  `REDIS_RETRY_SECONDS` and use their per-process fallback at once, instead of each paying the
  timeout. One log line when Redis goes away, one when it is back, never one per call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)


def make_redis(url: str, settings: Mapping[str, Any]) -> redis.Redis:
    """A client whose every call is bounded by the configured timeouts."""
    return redis.Redis.from_url(
        url,
        socket_timeout=float(settings["REDIS_SOCKET_TIMEOUT"]),
        socket_connect_timeout=float(settings["REDIS_CONNECT_TIMEOUT"]),
        # One quick retry on a broken connection (a pooled socket from before a Redis restart
        # fails once), none on a timeout: a paused Redis would only be waited on twice.
        retry=Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,)),
        retry_on_timeout=False,
        health_check_interval=30,
    )


class RedisLink:
    """Whether this process currently believes Redis is reachable; thread-safe."""

    def __init__(
        self, name: str, retry_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.name = name
        self._retry_seconds = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_try = 0.0

    @property
    def down(self) -> bool:
        """True since the last failure and until a call succeeds again."""
        return self._down_since is not None

    def should_try(self) -> bool:
        """False while a recent failure says calling Redis would only cost the timeout."""
        with self._lock:
            return self._down_since is None or self._clock() >= self._next_try

    def failed(self, error: BaseException) -> None:
        with self._lock:
            now = self._clock()
            self._next_try = now + self._retry_seconds
            if self._down_since is not None:
                return
            self._down_since = now
        log.warning(
            "redis.unavailable",
            extra={"redis": self.name, "error": type(error).__name__, "degraded": True},
        )

    def succeeded(self) -> None:
        if self._down_since is None:  # the common case: no lock, nothing to say
            return
        with self._lock:
            since, self._down_since = self._down_since, None
        if since is not None:
            log.warning(
                "redis.recovered",
                extra={"redis": self.name, "down_seconds": round(self._clock() - since, 1)},
            )
