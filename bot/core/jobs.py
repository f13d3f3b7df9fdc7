"""The job runner: one interface, RQ on Redis in production, threads in the demo's one process.

Jobs are module-level functions that take ids, never ORM objects; each feature keeps its own in
its `jobs.py`. A job id names one piece of work: enqueueing it again while it still waits does
nothing, so a re-enqueue (a restart resuming, a flow step repeated) is harmless.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import logging
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import redis
from flask import Flask, current_app, has_app_context
from rq import Queue, Retry
from rq.job import JobStatus

from bot.core.orm import utcnow

log = logging.getLogger(__name__)

JobFunction = Callable[..., Any]  # module-level and importable, so an RQ worker finds it


class JobRunner(ABC):
    """Where work that should leave the request goes.

    `retry_after` lists the seconds to wait before each retry of a job that failed (or whose
    worker died); `timeout_seconds` is how long a worker lets one run.
    """

    #: True when jobs run in this process (so it must stay up, and nothing else will run them).
    runs_in_process: bool

    @abstractmethod
    def enqueue(
        self,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,
    ) -> None:
        """Run `func(*args)` as soon as a worker is free."""

    @abstractmethod
    def enqueue_at(
        self,
        when: datetime,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,
    ) -> None:
        """Run `func(*args)` once `when` (timezone-aware) has come."""

    @abstractmethod
    def cancel(self, job_id: str) -> bool:
        """Take a job that has not started off the queue or the schedule; True if one was."""

    @abstractmethod
    def scheduled_job_ids(self, prefix: str = "") -> list[str]:
        """Ids of the jobs waiting for their time (starting with `prefix`), soonest first."""

    @abstractmethod
    def close(self) -> None:
        """Release what the runner holds: its threads, or its Redis connection."""


def _require_aware(when: datetime) -> None:
    if when.tzinfo is None:
        raise ValueError("enqueue_at needs a timezone-aware time")


class RqJobRunner(JobRunner):
    """Jobs in Redis for `rq worker --with-scheduler` processes (the Procfile's `worker`)."""

    runs_in_process = False
    # A job in one of these has not started: enqueueing its id again would run it twice.
    _WAITING = frozenset({JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED})

    def __init__(self, connection: redis.Redis, queue_name: str = "default") -> None:
        self._queue = Queue(queue_name, connection=connection)

    def enqueue(
        self,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,
    ) -> None:
        if self._is_waiting(job_id):
            return
        self._queue.enqueue(
            func, *args, job_id=job_id, **self._options(retry_after, timeout_seconds)
        )

    def enqueue_at(
        self,
        when: datetime,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,
    ) -> None:
        _require_aware(when)
        if self._is_waiting(job_id):
            return
        # Whole seconds, rounded up: RQ's scheduler keeps whole seconds and would fire up to
        # one second early.
        at = when.replace(microsecond=0) + timedelta(seconds=1 if when.microsecond else 0)
        self._queue.enqueue_at(
            at, func, *args, job_id=job_id, **self._options(retry_after, timeout_seconds)
        )

    def cancel(self, job_id: str) -> bool:
        job = self._queue.fetch_job(job_id)
        if job is None:
            # Its data expired but the schedule still names it: drop the name.
            return bool(self._queue.scheduled_job_registry.remove(job_id))
        if job.get_status() not in self._WAITING:
            return False
        job.delete()  # off the queue and every registry, so nothing can fire it
        return True

    def scheduled_job_ids(self, prefix: str = "") -> list[str]:
        ids = self._queue.scheduled_job_registry.get_job_ids()
        return [job_id for job_id in ids if job_id.startswith(prefix)]

    def close(self) -> None:
        self._queue.connection.close()

    def _is_waiting(self, job_id: str | None) -> bool:
        if job_id is None:
            return False
        job = self._queue.fetch_job(job_id)
        return job is not None and job.get_status() in self._WAITING

    @staticmethod
    def _options(retry_after: Sequence[int], timeout_seconds: int | None) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if retry_after:
            options["retry"] = Retry(max=len(retry_after), interval=list(retry_after))
        if timeout_seconds is not None:
            options["job_timeout"] = timeout_seconds
        return options


@dataclass(eq=False)
class _Pending:
    func: JobFunction
    args: tuple[Any, ...]
    job_id: str
    retry_after: tuple[int, ...]
    due: float | None = None  # time.monotonic() it waits for; None once handed to the pool
    at: datetime | None = None  # the same on the app's clock, to list the schedule by
    cancelled: bool = False


class InProcessJobRunner(JobRunner):
    """For one process without Redis (the demo): a thread pool, and a thread that keeps the
    schedule and hands each job to the pool when its time comes. Jobs run in an app context.

    Times are measured against the app's clock (tests set config["CLOCK"], as broadcasts do);
    the wait itself is in real seconds. Nothing survives a restart: features resume their own
    work when the process starts again.
    """

    runs_in_process = True

    def __init__(self, app: Flask, workers: int = 2) -> None:
        self._app = app
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="asabot-job")
        self._lock = threading.Condition()
        self._waiting: dict[str, _Pending] = {}  # queued or scheduled, not started
        self._schedule: list[tuple[float, int, _Pending]] = []  # a heap, soonest first
        self._order = itertools.count()
        self._scheduler: threading.Thread | None = None
        self._closed = False

    def enqueue(
        self,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,  # a thread cannot be stopped from outside
    ) -> None:
        self._add(_Pending(func, args, job_id or uuid.uuid4().hex, tuple(retry_after)), None)

    def enqueue_at(
        self,
        when: datetime,
        func: JobFunction,
        *args: Any,
        job_id: str | None = None,
        retry_after: Sequence[int] = (),
        timeout_seconds: int | None = None,
    ) -> None:
        _require_aware(when)
        self._add(_Pending(func, args, job_id or uuid.uuid4().hex, tuple(retry_after)), when)

    def cancel(self, job_id: str) -> bool:
        with self._lock:
            pending = self._waiting.pop(job_id, None)
            if pending is None:
                return False
            pending.cancelled = True  # the schedule or the pool skips it when it comes up
            return True

    def scheduled_job_ids(self, prefix: str = "") -> list[str]:
        with self._lock:
            waiting = [p for p in self._waiting.values() if p.due is not None and p.at is not None]
        waiting.sort(key=lambda p: (p.at, p.job_id))  # as RQ's registry orders a tie
        return [p.job_id for p in waiting if p.job_id.startswith(prefix)]

    def close(self) -> None:
        """Drop what is still scheduled, then wait for the jobs already running or queued."""
        with self._lock:
            self._closed = True
            for _, _, pending in self._schedule:
                pending.cancelled = True
                self._waiting.pop(pending.job_id, None)
            self._schedule.clear()
            self._lock.notify_all()
        if self._scheduler is not None:
            self._scheduler.join(timeout=5)
        self._pool.shutdown(wait=True)

    def _now(self) -> datetime:
        clock: Callable[[], datetime] = self._app.config.get("CLOCK") or utcnow
        return clock()

    def _add(self, pending: _Pending, at: datetime | None) -> None:
        """Hand it to the pool now, or put it on the schedule for `at` (the app's clock)."""
        delay = 0.0 if at is None else (at - self._now()).total_seconds()
        with self._lock:
            if self._closed:
                raise RuntimeError("the job runner is closed")
            if pending.job_id in self._waiting:
                return  # the same work is already waiting
            self._waiting[pending.job_id] = pending
            if delay <= 0:
                self._pool.submit(self._run, pending)
                return
            pending.due, pending.at = time.monotonic() + delay, at
            heapq.heappush(self._schedule, (pending.due, next(self._order), pending))
            if self._scheduler is None:
                self._scheduler = threading.Thread(
                    target=self._keep_schedule, name="asabot-job-schedule", daemon=True
                )
                self._scheduler.start()
            self._lock.notify_all()

    def _keep_schedule(self) -> None:
        with self._lock:
            while not self._closed:
                if not self._schedule:
                    self._lock.wait()
                    continue
                due, _, pending = self._schedule[0]
                remaining = due - time.monotonic()
                if remaining > 0:
                    self._lock.wait(remaining)
                    continue
                heapq.heappop(self._schedule)
                if not pending.cancelled:
                    pending.due = None
                    self._pool.submit(self._run, pending)

    def _run(self, pending: _Pending) -> None:
        with self._lock:
            if pending.cancelled:
                return
            if self._waiting.get(pending.job_id) is pending:
                del self._waiting[pending.job_id]  # started: the id may be enqueued again
        try:
            with self._app.app_context():
                pending.func(*pending.args)
        except Exception:
            if not pending.retry_after or self._closed:
                log.exception("jobs.failed", extra={"job_id": pending.job_id})
                return
            log.warning("jobs.retrying", exc_info=True, extra={"job_id": pending.job_id})
            wait, *rest = pending.retry_after
            retry = _Pending(pending.func, pending.args, pending.job_id, tuple(rest))
            try:
                self._add(retry, self._now() + timedelta(seconds=wait))
            except RuntimeError:
                log.exception("jobs.failed", extra={"job_id": pending.job_id})


def get_jobs(app: Flask | None = None) -> JobRunner:
    """The app's job runner (the current app's when none is given)."""
    return (app or current_app).extensions["asabot.jobs"]


F = TypeVar("F", bound=Callable[..., Any])
_worker_app: Flask | None = None


def in_app_context(func: F) -> F:
    """Give a job an app context: the caller's if it has one, else one app per worker process."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            return func(*args, **kwargs)
        global _worker_app
        if _worker_app is None:
            from bot import create_app

            # Jobs send, download and look up; none reads text, so skip loading the classifier.
            _worker_app = create_app({"NLU": None})
        with _worker_app.app_context():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
