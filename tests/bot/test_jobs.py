"""The job runner's interface, held to the same specification on RQ (real Redis) and in-process."""

from __future__ import annotations

import json
import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask, current_app, has_app_context
from rq import Queue, SimpleWorker
from rq.timeouts import TimerDeathPenalty

from bot.core.jobs import InProcessJobRunner, JobRunner, RqJobRunner


# -- jobs: module-level functions, so an RQ worker can import them ------------------------------
def record(path: str, *values: Any) -> None:
    """Append when it ran and what it was given, one JSON line per run."""
    with open(path, "a") as out:
        out.write(json.dumps([time.time(), *values]) + "\n")


def fail_first_time(path: str) -> None:
    """Fail on the first run, record the second: a job worth retrying."""
    marker = Path(f"{path}.failed-once")
    if not marker.exists():
        marker.touch()
        raise RuntimeError("the first try fails")
    record(path, "second try")


def record_app(path: str) -> None:
    record(path, has_app_context() and current_app.name)


class Harness:
    """A runner, and a way to let its workers run what is due now."""

    def __init__(self, runner: JobRunner, tmp_path: Path) -> None:
        self.runner = runner
        self.path = str(tmp_path / "runs.jsonl")

    def runs(self) -> list[list[Any]]:
        lines = Path(self.path).read_text().splitlines() if Path(self.path).exists() else []
        return [json.loads(line) for line in lines]

    def values(self) -> list[list[Any]]:
        return [run[1:] for run in self.runs()]

    def run_due(self) -> None:
        raise NotImplementedError

    def held(self) -> Any:
        """While inside, nothing enqueued starts (so a job is surely still waiting)."""
        raise NotImplementedError


class _BurstWorker(SimpleWorker):
    # Timer-based timeouts: RQ's default SIGALRM one would take over pytest-timeout's alarm.
    death_penalty_class = TimerDeathPenalty


class RqHarness(Harness):
    """RQ on real Redis; the worker is the Procfile's, run in burst mode in this process."""

    def __init__(self, connection: redis.Redis, tmp_path: Path) -> None:
        super().__init__(RqJobRunner(connection), tmp_path)
        self.connection = connection

    def run_due(self) -> None:
        worker = _BurstWorker(
            [Queue("default", connection=self.connection)], connection=self.connection
        )
        worker.work(burst=True, with_scheduler=True)

    def held(self) -> Any:
        return _Nothing()  # no worker runs until run_due


class InProcessHarness(Harness):
    """One worker thread, so a blocking job holds everything queued behind it."""

    def __init__(self, tmp_path: Path) -> None:
        super().__init__(InProcessJobRunner(Flask("jobs-test"), workers=1), tmp_path)

    def run_due(self) -> None:
        # The pool is first in, first out: once this has run, everything queued before it has.
        done = threading.Event()
        self.runner.enqueue(done.set)
        assert done.wait(10), "the worker thread did not get round to it"

    def held(self) -> Any:
        return _Block(self.runner)


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


class _Block:
    def __init__(self, runner: JobRunner) -> None:
        self.runner, self.started, self.release = runner, threading.Event(), threading.Event()

    def _block(self) -> None:
        self.started.set()
        self.release.wait(10)

    def __enter__(self) -> None:
        self.runner.enqueue(self._block)
        assert self.started.wait(10)

    def __exit__(self, *exc: object) -> None:
        self.release.set()


@pytest.fixture(params=["rq", "in_process"])
def jobs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    if request.param == "in_process":
        harness: Harness = InProcessHarness(tmp_path)
        yield harness
        harness.runner.close()
        return
    connection = redis.Redis.from_url(request.getfixturevalue("redis_url"))
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    harness = RqHarness(connection, tmp_path)
    yield harness
    harness.runner.close()
    for sig, handler in handlers.items():  # the worker installs its own for a graceful stop
        signal.signal(sig, handler)


def _soon(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


def _wait_for(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# -- the specification ---------------------------------------------------------------------------
def test_an_enqueued_function_runs_with_its_arguments(jobs: Harness) -> None:
    jobs.runner.enqueue(record, jobs.path, "complaint", 42)
    jobs.run_due()
    assert jobs.values() == [["complaint", 42]]


def test_enqueueing_the_same_job_id_while_it_waits_runs_it_once(jobs: Harness) -> None:
    with jobs.held():
        jobs.runner.enqueue(record, jobs.path, "first", job_id="evidence-1")
        jobs.runner.enqueue(record, jobs.path, "again", job_id="evidence-1")
        jobs.runner.enqueue(record, jobs.path, "other", job_id="evidence-2")
    jobs.run_due()
    assert sorted(jobs.values()) == [["first"], ["other"]]


def test_a_job_id_that_already_ran_can_be_enqueued_again(jobs: Harness) -> None:
    jobs.runner.enqueue(record, jobs.path, "one", job_id="lane-0")
    jobs.run_due()
    jobs.runner.enqueue(record, jobs.path, "two", job_id="lane-0")
    jobs.run_due()
    assert jobs.values() == [["one"], ["two"]]


def test_enqueue_at_runs_it_later_not_now(jobs: Harness) -> None:
    when = _soon(1.5)
    jobs.runner.enqueue_at(when, record, jobs.path, "later", job_id="start-1")

    jobs.run_due()
    assert jobs.values() == []
    assert jobs.runner.scheduled_job_ids() == ["start-1"]

    time.sleep(max(0.0, (when - datetime.now(UTC)).total_seconds()) + 1.1)
    jobs.run_due()
    _wait_for(lambda: jobs.values() == [["later"]])
    assert jobs.runs()[0][0] >= when.timestamp()  # never early
    assert jobs.runner.scheduled_job_ids() == []


def test_scheduling_the_same_job_id_twice_keeps_one(jobs: Harness) -> None:
    when = _soon(3600)
    jobs.runner.enqueue_at(when, record, jobs.path, "start", job_id="broadcast-start-7")
    jobs.runner.enqueue_at(when, record, jobs.path, "start", job_id="broadcast-start-7")
    jobs.runner.enqueue_at(when, record, jobs.path, "start", job_id="broadcast-start-8")
    assert jobs.runner.scheduled_job_ids(prefix="broadcast-start-7") == ["broadcast-start-7"]
    assert jobs.runner.scheduled_job_ids() == ["broadcast-start-7", "broadcast-start-8"]


def test_cancel_prevents_a_scheduled_job(jobs: Harness) -> None:
    when = _soon(1)
    jobs.runner.enqueue_at(when, record, jobs.path, "cancelled", job_id="start-1")
    jobs.runner.enqueue_at(when, record, jobs.path, "kept", job_id="start-2")

    assert jobs.runner.cancel("start-1") is True
    assert jobs.runner.scheduled_job_ids() == ["start-2"]

    time.sleep(max(0.0, (when - datetime.now(UTC)).total_seconds()) + 1.1)
    jobs.run_due()
    _wait_for(lambda: jobs.values() == [["kept"]])
    assert jobs.runner.cancel("start-1") is False  # nothing left to cancel


def test_cancel_prevents_a_queued_job_that_has_not_started(jobs: Harness) -> None:
    with jobs.held():
        jobs.runner.enqueue(record, jobs.path, "cancelled", job_id="lane-0")
        jobs.runner.enqueue(record, jobs.path, "kept", job_id="lane-1")
        assert jobs.runner.cancel("lane-0") is True
    jobs.run_due()
    assert jobs.values() == [["kept"]]
    assert jobs.runner.cancel("lane-1") is False  # it ran: too late


def test_a_failed_job_is_retried_as_asked(jobs: Harness) -> None:
    jobs.runner.enqueue(fail_first_time, jobs.path, job_id="flaky", retry_after=[0])
    jobs.run_due()
    jobs.run_due()
    _wait_for(lambda: jobs.values() == [["second try"]])


def test_enqueue_at_refuses_a_time_without_a_time_zone(jobs: Harness) -> None:
    with pytest.raises(ValueError):
        jobs.runner.enqueue_at(datetime(2026, 3, 2, 10, 0), record, jobs.path)


def test_only_the_in_process_runner_says_jobs_run_in_this_process(jobs: Harness) -> None:
    assert jobs.runner.runs_in_process is isinstance(jobs, InProcessHarness)


# -- the in-process runner's own promises --------------------------------------------------------
def test_in_process_jobs_run_in_the_apps_context(tmp_path: Path) -> None:
    harness = InProcessHarness(tmp_path)
    harness.runner.enqueue(record_app, harness.path)
    harness.run_due()
    harness.runner.close()
    assert harness.values() == [["jobs-test"]]


def test_in_process_schedule_follows_the_apps_clock(tmp_path: Path) -> None:
    """Tests move config["CLOCK"] by hand: a time an hour after it waits, whatever the date."""
    app = Flask("jobs-test")
    app.config["CLOCK"] = lambda: datetime(2020, 1, 1, 9, 0, tzinfo=UTC)
    runner = InProcessJobRunner(app)
    path = str(tmp_path / "runs.jsonl")
    runner.enqueue_at(datetime(2020, 1, 1, 10, 0, tzinfo=UTC), record, path, job_id="start")
    runner.enqueue_at(datetime(2020, 1, 1, 8, 0, tzinfo=UTC), record, path, job_id="overdue")
    _wait_for(lambda: Path(path).exists())
    assert runner.scheduled_job_ids() == ["start"]
    runner.close()  # drops what is still scheduled
    assert runner.scheduled_job_ids() == []
    assert len(Path(path).read_text().splitlines()) == 1
