"""`asabot clock`: bot/cron.py's schedule run in one process, for a deployment without Redis.

Each job runs first at start-up, then every interval, one at a time in this process. A job that
fails is logged and tried again at its next turn; it never stops the others.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext

from bot.cron import SCHEDULE, TimedJob

log = logging.getLogger(__name__)


class Clock:
    def __init__(
        self,
        schedule: Sequence[TimedJob] = SCHEDULE,
        *,
        context: Callable[[], AbstractContextManager[object]] = nullcontext,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._schedule = schedule
        # Each run gets a fresh app context (its own database session), as an RQ job would.
        self._context = context
        self._now = now
        self._due = {timed.name: 0.0 for timed in schedule}

    def run_due(self) -> list[str]:
        """Run every job whose time has come; returns the names of those that ran."""
        ran = []
        for timed in self._schedule:
            if self._now() < self._due[timed.name]:
                continue
            self._due[timed.name] = self._now() + timed.every_seconds
            try:
                with self._context():
                    timed.job()
            except Exception:
                log.exception("clock.job_failed", extra={"job": timed.name})
            ran.append(timed.name)
        return ran

    def run_forever(self, stop: threading.Event, tick_seconds: float = 1.0) -> None:
        while not stop.is_set():
            self.run_due()
            stop.wait(tick_seconds)
