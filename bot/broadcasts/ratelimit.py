"""One rate limit shared by every sender: a sliding log in Redis (or in memory for one process).

LINE counts requests per endpoint per channel, whichever worker made them, so the limit has to
live where all workers see it. The log mirrors how LINE (and linesim) count: no more than
`limit` requests in any window of `window` seconds.

LINE counts a request at some moment between its sending and its answer, and no one can tell
which. So a request enters the log when it is let through (it cannot reach LINE before then)
counted as late as it could be, and once answered it is counted at the time of the answer (it
reached LINE before then): a later request is let through only a whole window after that.
Every pair of requests is then at least a window apart for LINE too, whatever the network did
in between, with no safety margin to guess (a fixed 50 ms margin used to stand in for it).
"""

from __future__ import annotations

import functools
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import redis

from bot.core.redis_link import RedisLink

# A request still unanswered is counted at its latest possible moment: when it was let through
# plus its timeout (it cannot be counted later than that), then the answer moves it earlier.
# While the oldest entry is still unanswered its moment is unknown: ask again this soon.
UNANSWERED_RETRY_SECONDS = 0.005

# KEYS[1] the log; ARGV limit, window and hold (the request's timeout) in microseconds, a
# unique member. Returns 0 when admitted, else the microseconds to wait before asking again.
# Redis's own clock keeps every worker on one time line.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[2])
local hold = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil((window + hold) / 1000) + 1000)
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
if oldest > now then
  return tonumber(ARGV[5])
end
return math.max(1, oldest + window - now)
"""

# KEYS[1] the log; ARGV the member. The answer came: count the request now, if that is earlier
# than it was counted (LT), and only while it is still in the log (XX).
_SETTLE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZADD', KEYS[1], 'XX', 'LT', now, ARGV[1])
return 0
"""


@dataclass(frozen=True)
class Slot:
    """One request let through: the seconds it waited, and what to call once it is answered."""

    waited: float
    settle: Callable[[], None]


class RateLimiter(Protocol):
    def acquire(self, endpoint: str) -> Slot:
        """Block until one request to `endpoint` may go; settle the slot once it is answered."""


class RedisRateLimiter:
    def __init__(
        self,
        client: redis.Redis,
        limits: dict[str, tuple[int, float]],
        *,
        hold_seconds: float = 5.0,
        prefix: str = "asabot:ratelimit:",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._redis = client
        self._limits = limits
        self._hold_us = int(hold_seconds * 1_000_000)
        self._prefix = prefix
        self._sleep = sleep
        self._acquire = client.register_script(_ACQUIRE)
        self._settle = client.register_script(_SETTLE)

    def acquire(self, endpoint: str) -> Slot:
        limit, window = self._limits[endpoint]
        key = self._prefix + endpoint
        member = uuid.uuid4().hex
        retry_us = int(UNANSWERED_RETRY_SECONDS * 1_000_000)
        args: list[int | str] = [limit, int(window * 1_000_000), self._hold_us, member, retry_us]
        waited = 0.0
        while True:
            wait_us = int(self._acquire(keys=[key], args=args))
            if wait_us == 0:
                return Slot(waited, lambda: self._settle(keys=[key], args=[member]))
            pause = wait_us / 1_000_000
            self._sleep(pause)
            waited += pause


class MemoryRateLimiter:
    """The same sliding log for a single process (the demo without Redis)."""

    def __init__(
        self,
        limits: dict[str, tuple[int, float]],
        *,
        hold_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limits = limits
        self._hold = hold_seconds
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        # Per endpoint: each request let through (by a member of its own) and when it counts.
        self._hits: dict[str, dict[int, float]] = {}
        self._members = iter(range(1 << 62))

    def acquire(self, endpoint: str) -> Slot:
        limit, window = self._limits[endpoint]
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                hits = self._hits.setdefault(endpoint, {})
                for gone in [m for m, at in hits.items() if at <= now - window]:
                    del hits[gone]
                if len(hits) < limit:
                    member = next(self._members)
                    hits[member] = now + self._hold
                    return Slot(waited, functools.partial(self._answered, hits, member))
                oldest = min(hits.values())
                pause = UNANSWERED_RETRY_SECONDS if oldest > now else oldest + window - now
            self._sleep(pause)
            waited += pause

    def _answered(self, hits: dict[int, float], member: int) -> None:
        with self._lock:
            if member in hits:
                hits[member] = min(hits[member], self._clock())


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

    def acquire(self, endpoint: str) -> Slot:
        if self._link.should_try():
            try:
                slot = self._shared.acquire(endpoint)
            except redis.RedisError as error:
                self._link.failed(error)
            else:
                self._link.succeeded()
                return Slot(slot.waited, lambda: self._settle_shared(slot))
        return self._local.acquire(endpoint)

    def _settle_shared(self, slot: Slot) -> None:
        try:
            slot.settle()
        except redis.RedisError as error:
            # Unsettled, the request still counts until its hold ends: later, never too early.
            self._link.failed(error)
