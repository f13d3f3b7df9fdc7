"""`asabot clock`: the timed jobs of bot/cron.py, run in one process when there is no Redis."""

from __future__ import annotations

from contextlib import contextmanager

import redis
from rq.cron import CronScheduler

from bot.clock import Clock
from bot.cron import SCHEDULE, TimedJob


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_every_job_runs_at_start_and_then_once_per_interval():
    ran: list[str] = []
    schedule = (
        TimedJob("minutely", lambda: ran.append("minutely"), 60),
        TimedJob("daily", lambda: ran.append("daily"), 86400),
    )
    time = FakeTime()
    clock = Clock(schedule, now=time)

    assert clock.run_due() == ["minutely", "daily"]
    time.now += 59
    assert clock.run_due() == []
    time.now += 1
    assert clock.run_due() == ["minutely"]
    assert ran == ["minutely", "daily", "minutely"]


def test_a_failing_job_is_logged_and_does_not_stop_the_others(caplog):
    def broken() -> None:
        raise RuntimeError("database away")

    ran: list[str] = []
    clock = Clock(
        (TimedJob("broken", broken, 60), TimedJob("fine", lambda: ran.append("fine"), 60)),
        now=FakeTime(),
    )
    assert clock.run_due() == ["broken", "fine"]
    assert ran == ["fine"]
    assert [r.message for r in caplog.records if r.levelname == "ERROR"] == ["clock.job_failed"]


def test_each_run_gets_a_context_of_its_own():
    entered: list[str] = []

    @contextmanager
    def context():
        entered.append("in")
        yield
        entered.append("out")

    clock = Clock(
        (TimedJob("a", lambda: None, 60), TimedJob("b", lambda: None, 60)),
        context=context,
        now=FakeTime(),
    )
    clock.run_due()
    assert entered == ["in", "out", "in", "out"]


def test_the_clock_runs_the_same_schedule_rq_cron_registers(redis_url):
    scheduler = CronScheduler(connection=redis.Redis.from_url(redis_url))
    scheduler.load_config_from_file("bot.cron")
    registered = {(job.func, job.interval) for job in scheduler.get_jobs()}
    assert registered == {(timed.job, timed.every_seconds) for timed in SCHEDULE}
