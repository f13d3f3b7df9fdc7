"""The RQ worker the Procfile runs: it first picks up broadcasts a crash left half-sent.

`rq worker --worker-class bot.broadcasts.worker.ResumingWorker --with-scheduler default`

A broadcast's lanes run in the worker process itself; every other job is forked into a work
horse as RQ does. Forking a horse per lane (and the copy-on-write of the app it touches) is
paid before the first batch can go: from "send" to the lanes' start took 39-120 ms with
horses against 16-35 ms without (bench/broadcast.py), on a send whose floor is LINE's 1 s.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from typing import TYPE_CHECKING, Any

from flask import current_app
from rq import Worker
from rq.worker import WorkerStatus

from bot.broadcasts.jobs import resume_interrupted, run_lane
from bot.core.jobs import in_app_context
from bot.core.line import LineApi

if TYPE_CHECKING:
    from rq.executions import Execution
    from rq.job import Job
    from rq.queue import Queue

log = logging.getLogger(__name__)

# Jobs run in the worker's own process (RQ names a job's function by its dotted path).
IN_PROCESS_JOBS = frozenset({f"{run_lane.__module__}.{run_lane.__name__}"})
# As RQ's horse monitor: a job still running this long after its timeout is stuck (RQ's alarm
# raised its timeout in the main thread, but a sender thread hangs and keeps it waiting).
KILL_AFTER_TIMEOUT_SECONDS = 60


def _kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@in_app_context
def _resume() -> list[int]:
    try:
        return resume_interrupted(current_app._get_current_object())  # type: ignore[attr-defined]
    finally:
        _drop_connections()


@in_app_context
def _drop_connections() -> None:
    """Close pooled connections, so a work horse forked next inherits none to share."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    app.extensions["asabot.engine"].dispose()
    line = app.extensions.get("asabot.line")
    if isinstance(line, LineApi):
        line.drop_connections()


class ResumingWorker(Worker):
    """An RQ worker that re-queues interrupted broadcasts before taking jobs.

    Its app is built once here, before the first fork, so work horses inherit it ready-made.
    A lane it runs itself is as crash-safe as one in a work horse: killing the worker kills the
    lane, whose batches other lanes (or, after a restart, `_resume`) send under their keys.
    That is also what a stuck lane gets once past its timeout, where RQ would kill a horse:
    the worker kills itself (its process supervisor starts another), so the row locks the lane
    holds go with its connections and its batches are pending again for the other lanes.
    """

    kill_after_timeout_seconds: float = KILL_AFTER_TIMEOUT_SECONDS

    def work(self, *args: Any, **kwargs: Any) -> bool:
        _resume()
        return super().work(*args, **kwargs)

    def execute_job(self, job: Job, queue: Queue) -> None:
        if job.func_name not in IN_PROCESS_JOBS:
            super().execute_job(job, queue)
            return
        execution = self.prepare_execution(job)
        # RQ's horse monitor keeps the worker's and the job's heartbeats while a horse works;
        # here a thread does, so a killed worker's lane is seen abandoned as soon as a horse's.
        done = threading.Event()
        beating = threading.Thread(
            target=self._beat, args=(job, execution, done), name="lane-heartbeat", daemon=True
        )
        beating.start()
        try:
            self.perform_job(job, queue, execution)
        finally:
            done.set()
            beating.join()
            _drop_connections()
        self.set_state(WorkerStatus.IDLE)

    def _beat(self, job: Job, execution: Execution, done: threading.Event) -> None:
        started = time.monotonic()
        timeout = job.timeout if job.timeout is not None else self.queue_class.DEFAULT_TIMEOUT
        while not done.wait(self.job_monitoring_interval):
            stuck = time.monotonic() - started - float(timeout)
            if timeout != -1 and stuck > self.kill_after_timeout_seconds:
                log.critical(
                    "broadcast.lane_stuck",
                    extra={"job_id": job.id, "timeout_seconds": timeout, "pid": os.getpid()},
                )
                _kill_self()
                return
            self.maintain_heartbeats(job, execution)
