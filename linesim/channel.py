"""One emulated LINE channel: its parts wired together, kept in app.extensions["linesim"].

The channel's state (users, chats, deliveries...) lives in linesim.state; this module only
holds it beside the config, the rate limiter, the webhook sender and the fault dice.
"""

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
from linesim.state import ChannelState
from linesim.stream import StreamHub
from linesim.webhook import WebhookSender


@dataclass
class Channel:
    """Config, state, limiter, webhook sender and the fault-injection dice of one channel."""

    config: SimConfig
    state: ChannelState
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
    ) -> Channel:
        """Wire the parts for `config`; clocks are injectable for tests."""
        hub = StreamHub()
        state = ChannelState(hub, clock)
        return cls(
            config=config,
            state=state,
            hub=hub,
            limiter=RateLimiter(monotonic),
            sender=WebhookSender(config, state),
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
        self.state.reset()
        self.limiter.reset()


def get_channel() -> Channel:
    """The Channel of the current app."""
    channel: Channel = current_app.extensions["linesim"]
    return channel
