"""The emulator's parts wired together, kept in app.extensions["linesim"]."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app

from linesim.config import SimConfig
from linesim.ids import MessageIds
from linesim.ratelimit import RateLimiter
from linesim.store import SimStore
from linesim.stream import StreamHub
from linesim.webhook import WebhookSender


@dataclass
class Sim:
    """Config, state, limiter, webhook sender and the fault-injection dice of one channel."""

    config: SimConfig
    store: SimStore
    hub: StreamHub
    limiter: RateLimiter
    sender: WebhookSender
    message_ids: MessageIds = field(default_factory=MessageIds)
    rng: random.Random = field(default_factory=random.Random)
    rng_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def build(
        cls,
        config: SimConfig,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> Sim:
        """Wire the parts for `config`; clocks are injectable for tests."""
        hub = StreamHub()
        store = SimStore(hub, clock)
        return cls(
            config=config,
            store=store,
            hub=hub,
            limiter=RateLimiter(monotonic),
            sender=WebhookSender(config, store),
            rng=random.Random(config.seed),
        )

    def roll(self, probability: float) -> bool:
        """True with the given probability (seeded, thread-safe)."""
        if probability <= 0:
            return False
        with self.rng_lock:
            return self.rng.random() < probability

    def reset(self) -> None:
        """Forget all state and rate-limit windows."""
        self.store.reset()
        self.limiter.reset()


def get_sim() -> Sim:
    """The Sim of the current app."""
    sim: Sim = current_app.extensions["linesim"]
    return sim
