"""Broadcast announcements: targeted, scheduled, exactly-once, within LINE's rate limits.

Staff (the CLI now, the console later) call these; the sending itself runs in jobs.
"""

from __future__ import annotations

import threading
from datetime import datetime

from flask import Flask
from sqlalchemy.orm import Session

from bot.broadcasts.jobs import (
    clock,
    enqueue_lanes,
    quiet_hours,
    resume_interrupted,
    schedule_start,
    unschedule_start,
)
from bot.broadcasts.service import BroadcastError, cancel, create_broadcast, schedule, summary
from bot.core.jobs import get_jobs

__all__ = [
    "BroadcastError",
    "cancel_broadcast",
    "create_broadcast",
    "init_app",
    "send_broadcast",
    "summary",
]


def send_broadcast(
    app: Flask, session: Session, broadcast_id: int, at: datetime | None = None
) -> datetime | None:
    """Send now or at `at` (quiet hours may move it); returns the time it waits for, if any.

    Now means the lanes are queued at once: the first of them freezes the audience. A broadcast
    already sending is resumed instead (its jobs are idempotent).
    """
    now = clock(app)()
    if summary(session, broadcast_id)["status"] == "sending":
        enqueue_lanes(app, broadcast_id)
        return None
    due = schedule(session, broadcast_id, at, now, quiet_hours(app))
    session.commit()
    schedule_start(app, broadcast_id, due)
    return due


def cancel_broadcast(app: Flask, session: Session, broadcast_id: int) -> bool:
    """Cancel unless sending started, and take its start job off the schedule.

    The database decides: once the status is cancelled, a start job that fires anyway (it was
    already on its way to a worker) finds it so and does nothing.
    """
    done = cancel(session, broadcast_id, clock(app)())
    session.commit()
    if done:
        unschedule_start(app, broadcast_id)
    return done


def init_app(app: Flask) -> None:
    """When jobs run in the web process (the demo), resume the sends a restart cut off.

    It waits for the first request, so the factory itself never touches the database (and
    `asabot db upgrade` can build an app before the tables exist). With RQ, the worker class
    resumes them instead.
    """
    if not get_jobs(app).runs_in_process:
        return
    resumed = threading.Event()

    @app.before_request
    def _resume_interrupted_broadcasts() -> None:
        if not resumed.is_set():
            resumed.set()
            resume_interrupted(app)
