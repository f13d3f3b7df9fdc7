"""The state store: de-duplication keys, conversation drafts and counters, in Redis or memory.

Both implementations honour the same contract so flows and tests can swap them freely.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Protocol

import redis


class StateStore(Protocol):
    def claim(self, key: str, ttl_seconds: int) -> bool:
        """Set key if absent (atomically); True when this caller got it."""

    def release(self, key: str) -> None: ...

    def get_json(self, key: str) -> Any | None: ...

    def set_json(self, key: str, value: Any, ttl_seconds: int) -> None: ...

    def delete(self, key: str) -> None: ...

    def ping(self) -> bool: ...


class MemoryStateStore:
    """One process only: fine for the demo and a single gunicorn worker, not for scale-out."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._items: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def _alive(self, key: str) -> bool:
        item = self._items.get(key)
        if item is None:
            return False
        if item[0] <= self._clock():
            del self._items[key]
            return False
        return True

    def claim(self, key: str, ttl_seconds: int) -> bool:
        with self._lock:
            if self._alive(key):
                return False
            self._items[key] = (self._clock() + ttl_seconds, "1")
            return True

    def release(self, key: str) -> None:
        self.delete(key)

    def get_json(self, key: str) -> Any | None:
        with self._lock:
            return json.loads(self._items[key][1]) if self._alive(key) else None

    def set_json(self, key: str, value: Any, ttl_seconds: int) -> None:
        with self._lock:
            self._items[key] = (self._clock() + ttl_seconds, json.dumps(value, ensure_ascii=False))

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def ping(self) -> bool:
        return True


class RedisStateStore:
    def __init__(self, client: redis.Redis, prefix: str = "asabot:") -> None:
        self._redis = client
        self._prefix = prefix

    def claim(self, key: str, ttl_seconds: int) -> bool:
        return bool(self._redis.set(self._prefix + key, "1", nx=True, ex=ttl_seconds))

    def release(self, key: str) -> None:
        self._redis.delete(self._prefix + key)

    def get_json(self, key: str) -> Any | None:
        raw = self._redis.get(self._prefix + key)
        return None if raw is None else json.loads(raw)

    def set_json(self, key: str, value: Any, ttl_seconds: int) -> None:
        self._redis.set(self._prefix + key, json.dumps(value, ensure_ascii=False), ex=ttl_seconds)

    def delete(self, key: str) -> None:
        self._redis.delete(self._prefix + key)

    def ping(self) -> bool:
        try:
            return bool(self._redis.ping())
        except redis.RedisError:
            return False
