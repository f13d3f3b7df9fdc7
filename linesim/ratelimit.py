"""Per-endpoint sliding-window rate limiting, with an injectable clock for tests."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """Admits at most `count` requests per `per_seconds` to each endpoint (sliding log)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def allow(self, endpoint: str, count: int, per_seconds: float) -> bool:
        """Record a request and say whether it fits in the window."""
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(endpoint, deque())
            while hits and hits[0] <= now - per_seconds:
                hits.popleft()
            if len(hits) >= count:
                return False
            hits.append(now)
            return True

    def reset(self) -> None:
        """Forget every recorded request."""
        with self._lock:
            self._hits.clear()
