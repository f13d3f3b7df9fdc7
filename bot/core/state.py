"""The state store: de-duplication keys, conversation drafts and counters, in Redis or memory.

Both implementations honour the same contract so flows and tests can swap them freely. Redis
keeps JSON values (drafts: complaint stories, names, phone numbers) encrypted when given a
cipher, as the app factory does; the memory store never leaves its process. The app factory
puts a `FallbackStateStore` in front of Redis, so a dead or paused Redis degrades the bot to
per-process state instead of failing every webhook.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Protocol

import redis

from bot.core.crypto import Cipher
from bot.core.redis_link import RedisLink

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
            return self.ping_or_raise()
        except redis.RedisError:
            return False

    def ping_or_raise(self) -> bool:
        return bool(self._redis.ping())


class FallbackStateStore:
    """Redis while it answers; this process's memory while it does not (degraded, not down).

    While Redis is down each gunicorn worker de-duplicates and keeps drafts on its own, which
    is weaker across processes but answers people; the database stays the record of what was
    done. What was written to memory meanwhile is still read once Redis is back, so a draft
    carried on during the outage is not forgotten at recovery.
    """

    def __init__(self, primary: RedisStateStore, link: RedisLink) -> None:
        self._primary = primary
        self._memory = MemoryStateStore()
        self._link = link

    def _redis(self, call: Any, *args: Any) -> tuple[bool, Any]:
        """(True, result) when Redis answered, (False, None) when it is down or just failed."""
        if not self._link.should_try():
            return False, None
        try:
            result = call(*args)
        except redis.RedisError as error:
            self._link.failed(error)
            return False, None
        self._link.succeeded()
        return True, result

    def claim(self, key: str, ttl_seconds: int) -> bool:
        if self._memory.get_json(key) is not None:  # claimed here while Redis was away
            return False
        answered, claimed = self._redis(self._primary.claim, key, ttl_seconds)
        if answered:
            return bool(claimed)
        return self._memory.claim(key, ttl_seconds)

    def release(self, key: str) -> None:
        self.delete(key)

    def get_json(self, key: str) -> Any | None:
        answered, value = self._redis(self._primary.get_json, key)
        if answered and value is not None:
            return value
        return self._memory.get_json(key)

    def set_json(self, key: str, value: Any, ttl_seconds: int) -> None:
        answered, _ = self._redis(self._primary.set_json, key, value, ttl_seconds)
        if answered:
            self._memory.delete(key)  # Redis has the newer copy now
        else:
            self._memory.set_json(key, value, ttl_seconds)

    def delete(self, key: str) -> None:
        self._memory.delete(key)
        self._redis(self._primary.delete, key)

    def ping(self) -> bool:
        """True when Redis answers now; False at once while a recent failure stands."""
        answered, pong = self._redis(self._primary.ping_or_raise)
        return answered and bool(pong)

    @property
    def degraded(self) -> bool:
        return self._link.down
