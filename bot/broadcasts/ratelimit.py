"""One rate limit shared by every sender: a sliding log in Redis (or in memory for one process).

LINE counts requests per endpoint per channel, whichever worker made them, so the limit has to
live where all workers see it. The log mirrors how LINE (and linesim) count: no more than
`limit` requests in any window of `window` seconds.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from typing import Protocol

import redis

from bot.core.redis_link import RedisLink

# KEYS[1] the log; ARGV limit, window in microseconds, a unique member. Returns 0 when admitted,
# else the microseconds until the oldest entry leaves the window. Redis's own clock keeps every
# worker on one time line.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
"""


class RateLimiter(Protocol):
    def acquire(self, endpoint: str) -> float:
        """Block until one request to `endpoint` may go; returns the seconds waited."""


class RedisRateLimiter:
    def __init__(
        self,
        client: redis.Redis,
        limits: dict[str, tuple[int, float]],
        *,
        margin_seconds: float = 0.05,
        prefix: str = "asabot:ratelimit:",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._redis = client
        self._limits = limits
        # Requests reach LINE a little after they are admitted, and not always in order:
        # a slightly longer window keeps that jitter from tipping LINE's count over.
        self._margin = margin_seconds
        self._prefix = prefix
        self._sleep = sleep
        self._script = client.register_script(_ACQUIRE)

    def acquire(self, endpoint: str) -> float:
        limit, window = self._limits[endpoint]
        window_us = int((window + self._margin) * 1_000_000)
        waited = 0.0
        while True:
            wait_us = int(
                self._script(
                    keys=[self._prefix + endpoint], args=[limit, window_us, uuid.uuid4().hex]
                )
            )
            if wait_us == 0:
                return waited
            pause = wait_us / 1_000_000
            self._sleep(pause)
            waited += pause


class MemoryRateLimiter:
    """The same sliding log for a single process (the demo without Redis)."""

    def __init__(
        self,
        limits: dict[str, tuple[int, float]],
        *,
        margin_seconds: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limits = limits
        self._margin = margin_seconds
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def acquire(self, endpoint: str) -> float:
        limit, window = self._limits[endpoint]
        window += self._margin
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                hits = self._hits.setdefault(endpoint, deque())
                while hits and hits[0] <= now - window:
                    hits.popleft()
                if len(hits) < limit:
                    hits.append(now)
                    return waited
                pause = hits[0] + window - now
            self._sleep(pause)
            waited += pause


class FallbackRateLimiter:
    """The shared Redis limit while Redis answers; this process's own limit while it does not.

    Degraded, not stopped: with Redis down each process keeps LINE's limit on its own (so
    several senders together may briefly exceed it, and LINE's 429s are retried), rather than
    no announcement going out at all. `RedisLink` logs the change once, not per request.
    """

    def __init__(self, shared: RedisRateLimiter, local: MemoryRateLimiter, link: RedisLink) -> None:
        self._shared = shared
        self._local = local
        self._link = link

    def acquire(self, endpoint: str) -> float:
        if self._link.should_try():
            try:
                waited = self._shared.acquire(endpoint)
            except redis.RedisError as error:
                self._link.failed(error)
            else:
                self._link.succeeded()
                return waited
        return self._local.acquire(endpoint)
