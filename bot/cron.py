"""What runs on a timer: one schedule, two ways to run it.

In production the Procfile's `clock` process is `rq cron bot.cron`: RQ enqueues each job on its
interval and the ordinary workers run it. Without Redis (the demo) `asabot clock` runs the same
schedule in its own process (bot/clock.py), so waits and idle conversations still time out and
failed pushes are still re-sent there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rq import cron

from bot.agent_requests.jobs import erase_expired_handoffs, sweep_handoffs
from bot.chat.jobs import sweep_drafts, sweep_outbox
from bot.complaints.jobs import erase_expired_complaints, notify_pending_statuses

MINUTE = 60
DAY = 24 * 60 * 60


@dataclass(frozen=True)
class TimedJob:
    name: str
    job: Callable[[], Any]
    every_seconds: int


SCHEDULE: tuple[TimedJob, ...] = (
    # A failed status push is retried within 15 minutes, inside LINE's 24-hour retry-key memory.
    TimedJob("notify-pending", notify_pending_statuses, 15 * MINUTE),
    TimedJob("erase-expired", erase_expired_complaints, DAY),
    # Conversations with officers: unanswered or idle ones go back to the bot within a minute.
    TimedJob("handoff-sweep", sweep_handoffs, MINUTE),
    TimedJob("handoff-erase", erase_expired_handoffs, DAY),
    # Answers LINE has not accepted (a worker died after its commit, LINE failing for a while):
    # sent again with their own retry keys, until 23 hours, before LINE forgets those keys at 24.
    TimedJob("outbox-sweep", sweep_outbox, 5 * MINUTE),
    TimedJob("drafts-erase", sweep_drafts, 60 * MINUTE),
)

for timed in SCHEDULE:
    cron.register(timed.job, "default", interval=timed.every_seconds, name=timed.name)
