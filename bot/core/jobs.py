"""Background jobs: RQ when Redis is configured, a thread pool in the demo's single process.

Jobs are named by dotted path and take ids, never ORM objects.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

import redis
from flask import Flask, current_app, has_app_context
from rq import Queue

log = logging.getLogger(__name__)


class JobRunner(Protocol):
    def enqueue(self, func_path: str, *args: Any, job_id: str | None = None) -> None: ...


def resolve(func_path: str) -> Any:
    module_name, _, attr = func_path.rpartition(".")
    return getattr(importlib.import_module(module_name), attr)


class RqJobRunner:
    def __init__(self, connection: redis.Redis, queue_name: str = "default") -> None:
        self.queue = Queue(queue_name, connection=connection)

    def enqueue(self, func_path: str, *args: Any, job_id: str | None = None) -> None:
        # A fixed job id makes a re-enqueue of the same work harmless.
        self.queue.enqueue(func_path, *args, job_id=job_id)


class ThreadJobRunner:
    """For one process without Redis: jobs run beside the web threads, in an app context."""

    def __init__(self, app: Flask, workers: int = 2) -> None:
        self._app = app
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="asabot-job")

    def enqueue(self, func_path: str, *args: Any, job_id: str | None = None) -> None:
        self._pool.submit(self._run, func_path, args).add_done_callback(self._report)

    def _run(self, func_path: str, args: tuple[Any, ...]) -> Any:
        with self._app.app_context():
            return resolve(func_path)(*args)

    @staticmethod
    def _report(future: Future[Any]) -> None:
        if future.exception() is not None:
            log.error("jobs.failed", exc_info=future.exception())

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


def get_jobs() -> JobRunner:
    return current_app.extensions["asabot.jobs"]


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
