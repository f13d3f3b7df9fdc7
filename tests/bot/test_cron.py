"""The timer process: `rq cron bot.cron`, as the Procfile's `clock` starts it."""

from __future__ import annotations

from pathlib import Path

import redis
from rq import Queue
from rq.cron import CronScheduler

ROOT = Path(__file__).resolve().parents[2]


def test_the_procfile_starts_a_clock_on_the_projects_cron_module() -> None:
    processes = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    assert processes["clock"].split()[:2] == ["rq", "cron"]
    assert processes["clock"].split()[-1] == "bot.cron"


def test_the_clock_queues_status_retries_and_retention_for_the_workers(redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    scheduler = CronScheduler(connection=connection)
    scheduler.load_config_from_file("bot.cron")

    intervals = {job.func.__name__: job.interval for job in scheduler.get_jobs()}
    assert intervals == {
        "notify_pending_statuses": 15 * 60,
        "erase_expired_complaints": 24 * 60 * 60,
        "sweep_handoffs": 60,
        "erase_expired_handoffs": 24 * 60 * 60,
        "sweep_outbox": 5 * 60,
        "sweep_drafts": 60 * 60,
    }
    # Jobs that never ran run at once, in the queue the Procfile's workers listen on.
    scheduler.enqueue_jobs()
    queued = Queue("default", connection=connection).get_jobs()
    assert sorted(job.func_name for job in queued) == [
        "bot.agent_requests.jobs.erase_expired_handoffs",
        "bot.agent_requests.jobs.sweep_handoffs",
        "bot.chat.jobs.sweep_drafts",
        "bot.chat.jobs.sweep_outbox",
        "bot.complaints.jobs.erase_expired_complaints",
        "bot.complaints.jobs.notify_pending_statuses",
    ]
    connection.close()
