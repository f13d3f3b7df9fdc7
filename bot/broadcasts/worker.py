"""The RQ worker the Procfile runs: it first picks up broadcasts a crash left half-sent.

`rq worker --worker-class bot.broadcasts.worker.ResumingWorker --with-scheduler default`
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from rq import Worker

from bot.broadcasts.jobs import resume_interrupted
from bot.core.jobs import in_app_context


@in_app_context
def _resume() -> list[int]:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        return resume_interrupted(app)
    finally:
        # The worker forks a work horse per job: it must not inherit open database connections.
        app.extensions["asabot.engine"].dispose()


class ResumingWorker(Worker):
    """A plain RQ worker that re-queues interrupted broadcasts before taking jobs.

    Its app is built once here, before the first fork, so work horses inherit it ready-made.
    """

    def work(self, *args: Any, **kwargs: Any) -> bool:
        _resume()
        return super().work(*args, **kwargs)
