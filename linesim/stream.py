"""Live fan-out of deliveries to Server-Sent-Event subscribers: one queue per subscriber."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import Any

# Put on a queue to end its stream (server shutdown).
CLOSE = None


class StreamHub:
    """Keeps each subscriber's queue, keyed by the chat id it watches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, list[queue.Queue[str | None]]] = {}

    def subscribe(self, key: str) -> queue.Queue[str | None]:
        """A new queue that receives every event published for `key`."""
        inbox: queue.Queue[str | None] = queue.Queue()
        with self._lock:
            self._queues.setdefault(key, []).append(inbox)
        return inbox

    def unsubscribe(self, key: str, inbox: queue.Queue[str | None]) -> None:
        """Stop feeding a queue."""
        with self._lock:
            inboxes = self._queues.get(key, [])
            if inbox in inboxes:
                inboxes.remove(inbox)
            if not inboxes:
                self._queues.pop(key, None)

    def publish(
        self, keys: Iterable[str], payload: dict[str, Any], event: str | None = None
    ) -> None:
        """Send one SSE frame to every subscriber of any of `keys`."""
        frame = format_frame(payload, event)
        with self._lock:
            targets = [q for key in set(keys) for q in self._queues.get(key, [])]
        for inbox in targets:
            inbox.put(frame)

    def close_all(self) -> None:
        """End every open stream."""
        with self._lock:
            targets = [q for inboxes in self._queues.values() for q in inboxes]
        for inbox in targets:
            inbox.put(CLOSE)


def format_frame(payload: dict[str, Any], event: str | None = None) -> str:
    """One SSE frame: optional `event:` line and a single-line `data:` JSON."""
    data = json.dumps(payload, ensure_ascii=False)
    prefix = f"event: {event}\n" if event else ""
    return f"{prefix}data: {data}\n\n"


def frames(hub: StreamHub, key: str, ping_seconds: float) -> Iterator[str]:
    """The body of one /_sim/stream response: frames as they come, a ping when quiet."""
    inbox = hub.subscribe(key)
    try:
        # An opening comment so the browser (and tests) see the stream is live at once.
        yield ": connected\n\n"
        while True:
            try:
                frame = inbox.get(timeout=ping_seconds)
            except queue.Empty:
                yield ": ping\n\n"
                continue
            if frame is CLOSE:
                return
            yield frame
    finally:
        hub.unsubscribe(key, inbox)
