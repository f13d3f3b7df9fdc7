"""The state store: de-duplication keys, conversation drafts and counters, in Redis or memory.

Both implementations honour the same contract so flows and tests can swap them freely. Redis
keeps JSON values (drafts: complaint stories, names, phone numbers) encrypted when given a
cipher, as the app factory does; the memory store never leaves its process.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Protocol

import redis

from bot.core.crypto import Cipher

# Marks an encrypted value; a value without it was written before values were encrypted.
SEALED = "sealed:"


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
    def __init__(
        self, client: redis.Redis, prefix: str = "asabot:", sealer: Cipher | None = None
    ) -> None:
        self._redis = client
        self._prefix = prefix
        self._sealer = sealer

    def claim(self, key: str, ttl_seconds: int) -> bool:
        return bool(self._redis.set(self._prefix + key, "1", nx=True, ex=ttl_seconds))

    def release(self, key: str) -> None:
        self._redis.delete(self._prefix + key)

    def get_json(self, key: str) -> Any | None:
        raw = self._redis.get(self._prefix + key)
        if raw is None:
            return None
        text = raw.decode() if isinstance(raw, bytes) else str(raw)
        if not text.startswith(SEALED):
            return json.loads(text)
        plain = self._sealer.decrypt(text.removeprefix(SEALED)) if self._sealer else None
        # Another key (SECRET_KEY changed): as good as expired.
        return None if plain is None else json.loads(plain)

    def set_json(self, key: str, value: Any, ttl_seconds: int) -> None:
        text = json.dumps(value, ensure_ascii=False)
        if self._sealer is not None:
            text = SEALED + self._sealer.encrypt(text)
        self._redis.set(self._prefix + key, text, ex=ttl_seconds)

    def delete(self, key: str) -> None:
        self._redis.delete(self._prefix + key)

    def ping(self) -> bool:
        try:
            return bool(self._redis.ping())
        except redis.RedisError:
            return False
