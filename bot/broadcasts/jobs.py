"""The sending jobs. They take ids, and running any of them twice is harmless.

run_lane(id, lane)   starts the broadcast if nobody has yet: holds it for quiet hours, or
                     freezes the audience (the first lane wins; the others wait on its row lock,
                     then join in). Then its senders take pending batches until none is left
                     (lane.py); the last to find nothing pending closes the broadcast.
start_broadcast(id)  fires at a scheduled time (the job runner's enqueue_at): the same start,
                     then the lanes. A send "now" skips it and queues the lanes at once, so
                     the first batch leaves one job hand-over after the click.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app
from linebot.v3.messaging.models import Message
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.broadcasts.lane import BATCHES_PER_CLAIM, drain
from bot.broadcasts.models import Broadcast, BroadcastStatus
from bot.broadcasts.quiet_hours import QuietHours
from bot.broadcasts.ratelimit import (
    FallbackRateLimiter,
    MemoryRateLimiter,
    RateLimiter,
    RedisRateLimiter,
)
from bot.broadcasts.sender import Sender
from bot.broadcasts.service import (
    MULTICAST_MAX,
    NOT_STARTED,
    complete_freeze,
    finish_if_done,
    freeze,
)
from bot.core.i18n import LANGUAGES
from bot.core.jobs import get_jobs, in_app_context
from bot.core.orm import utcnow
from bot.core.redis_link import RedisLink, make_redis
from bot.core.thai_dates import zone_of

log = logging.getLogger(__name__)

START_JOB_PREFIX = "broadcast-start-"
EARLY_TOLERANCE = timedelta(seconds=2)
# Senders per lane job: while one waits for LINE's answer or the database's commit, the other
# sends. Together with BROADCAST_LANES it sets how many requests can be in flight at once.
SENDERS_PER_LANE = 2
LANE_TIMEOUT_SECONDS = 6 * 3600
# Retries cover a lane whose worker died: RQ requeues an abandoned job.
LANE_RETRY_AFTER = (1, 5, 30)
START_RETRY_AFTER = (5, 5, 5)
BROADCAST_ENDPOINT_LIMIT = (60, 3600.0)  # LINE: 60 broadcast requests an hour


# -- what the app provides ----------------------------------------------------------------------
def clock(app: Flask) -> Callable[[], datetime]:
    """The time broadcasts live by: tests put a controllable one in config["CLOCK"]."""
    return app.config.get("CLOCK") or utcnow


def quiet_hours(app: Flask) -> QuietHours:
    return QuietHours.parse(app.config.get("QUIET_HOURS", ""), zone_of(app))


def limiter(app: Flask) -> RateLimiter:
    """One limiter per app; in Redis whenever Redis is there, so every worker shares it."""
    existing = app.extensions.get("asabot.broadcast_limiter")
    if existing is None:
        limits = {
            "multicast": (int(app.config["BROADCAST_MULTICAST_PER_SECOND"]), 1.0),
            "broadcast": BROADCAST_ENDPOINT_LIMIT,
        }
        url = app.config.get("REDIS_URL")
        # An unanswered request counts until its timeout has passed (see ratelimit.py).
        hold = float(app.config["LINE_REQUEST_TIMEOUT"])
        existing = (
            FallbackRateLimiter(
                RedisRateLimiter(make_redis(url, app.config), limits, hold_seconds=hold),
                MemoryRateLimiter(limits, hold_seconds=hold),
                RedisLink("ratelimit", float(app.config["REDIS_RETRY_SECONDS"])),
            )
            if url
            else MemoryRateLimiter(limits, hold_seconds=hold)
        )
        app.extensions["asabot.broadcast_limiter"] = existing
    return existing


def _aware(when: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


def _sessions(app: Flask) -> sessionmaker[Session]:
    return app.extensions["asabot.sessions"]


def lane_count(app: Flask) -> int:
    # SQLite has no row locks to share batches by: one lane (the retry keys would still keep
    # two lanes from delivering twice, but they would waste requests).
    if app.config["DATABASE_URL"].startswith("sqlite"):
        return 1
    return max(1, int(app.config["BROADCAST_LANES"]))


def first_cut(app: Flask) -> int:
    """People cut into batches before the first request: one claim for each lane.

    The rest of the audience is cut while those go out (service.freeze, complete_freeze).
    Small on purpose: 8,000 people took 14-30 ms to cut, 16,000 took 110-130 ms (one claim
    for every sender) and 100,000 120-200 ms, on the 2-core machine under load.
    """
    return lane_count(app) * BATCHES_PER_CLAIM * MULTICAST_MAX


def senders_per_lane(app: Flask) -> int:
    if app.config["DATABASE_URL"].startswith("sqlite"):
        return 1  # as lane_count: SQLite has no row locks to share batches by
    return max(1, int(app.config.get("BROADCAST_LANE_SENDERS", SENDERS_PER_LANE)))


# -- putting work on the queue ------------------------------------------------------------------
def schedule_start(
    app: Flask, broadcast_id: int, at: datetime | None = None, *, again: bool = False
) -> None:
    """Start now (the lanes at once) or at `at`, on the job runner's schedule.

    `again`: a start job putting itself back for the same time (it fired early).
    """
    if at is None:
        enqueue_lanes(app, broadcast_id)
        return
    # Named by the due time, so a restart that schedules it again finds it waiting rather than
    # adding another. A job that fired early must not reuse its own id: RQ would mark the new
    # one finished with it, and let it expire before it fires.
    job_id = f"{START_JOB_PREFIX}{broadcast_id}-{at:%Y%m%dT%H%M%S}"
    if again:
        job_id += f"-again-{clock(app)():%H%M%S%f}"
    get_jobs(app).enqueue_at(
        at, start_broadcast, broadcast_id, job_id=job_id, retry_after=START_RETRY_AFTER
    )


def unschedule_start(app: Flask, broadcast_id: int) -> int:
    """Remove a broadcast's pending start jobs (after it was cancelled); returns how many.

    The cancelled status alone already makes a start job do nothing; this keeps the schedule
    from holding jobs for broadcasts that will never go.
    """
    jobs = get_jobs(app)
    waiting = jobs.scheduled_job_ids(prefix=f"{START_JOB_PREFIX}{broadcast_id}-")
    return sum(jobs.cancel(job_id) for job_id in waiting)


def enqueue_lanes(app: Flask, broadcast_id: int) -> None:
    """Queue the broadcast's lanes; a lane still waiting from before is not queued twice."""
    jobs = get_jobs(app)
    for lane in range(lane_count(app)):
        jobs.enqueue(
            run_lane,
            broadcast_id,
            lane,
            job_id=f"broadcast-{broadcast_id}-lane-{lane}",
            retry_after=LANE_RETRY_AFTER,
            timeout_seconds=LANE_TIMEOUT_SECONDS,
        )


def resume_interrupted(app: Flask) -> list[int]:
    """After a restart: lanes again for every broadcast caught mid-send, starts for scheduled ones.

    Safe to call from every process that starts: the jobs are idempotent.
    """
    with _sessions(app)() as session:
        rows = session.execute(
            select(Broadcast.id, Broadcast.status, Broadcast.due_at).where(
                Broadcast.status.in_([BroadcastStatus.SENDING, BroadcastStatus.SCHEDULED])
            )
        ).all()
    for broadcast_id, status, due_at in rows:
        if status == BroadcastStatus.SENDING:
            enqueue_lanes(app, broadcast_id)
        else:
            due = _aware(due_at)
            # Past due: the lanes start it now (they check quiet hours themselves).
            schedule_start(app, broadcast_id, due if due and due > clock(app)() else None)
    if rows:
        log.info("broadcast.resumed", extra={"broadcasts": [r[0] for r in rows]})
    return [r[0] for r in rows]


# -- the jobs -----------------------------------------------------------------------------------
def _begin(app: Flask, session: Session, broadcast_id: int) -> tuple[str, datetime | None]:
    """Start sending if it is time: the outcome, and the time to try again when it is not."""
    now = clock(app)()
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        return "missing", None
    if broadcast.status == BroadcastStatus.SENDING:
        return "resumed", None
    if broadcast.status not in NOT_STARTED:
        return broadcast.status.value, None
    due = _aware(broadcast.due_at) or now
    if due - now > EARLY_TOLERANCE:
        return "early", due
    if due > now:
        # RQ's scheduler counts whole seconds: wait out the last fraction here.
        time.sleep((due - now).total_seconds())
        now = due
    if not broadcast.urgent and quiet_hours(app).is_quiet(now):
        later = quiet_hours(app).release_time(now)
        moved = session.execute(
            update(Broadcast)
            .where(
                Broadcast.id == broadcast_id,
                Broadcast.status.in_(NOT_STARTED),
                or_(Broadcast.due_at.is_(None), Broadcast.due_at < later),
            )
            .values(due_at=later)
            # SQLite's naive datetimes cannot be compared in Python with an aware one.
            .execution_options(synchronize_session=False)
        )
        # Several lanes may find it quiet at once: the one that moved it schedules the start.
        return "held", later if moved.rowcount else None  # type: ignore[attr-defined]
    frozen = freeze(
        session,
        broadcast_id,
        now,
        use_broadcast_endpoint=app.config["BROADCAST_USE_BROADCAST_ENDPOINT"],
        first=first_cut(app),
    )
    if not frozen.frozen:
        # Another lane froze it first (its row lock held us until it committed), or it was
        # cancelled meanwhile: the lanes will see which.
        return "raced", None
    if frozen.batches == 0:
        finish_if_done(session, broadcast_id, now)
        return "empty", None
    log.info(
        "broadcast.frozen",
        extra={
            "broadcast_id": broadcast_id,
            "recipients": frozen.recipients,
            "complete": frozen.complete,
        },
    )
    return "frozen", None


@in_app_context
def start_broadcast(broadcast_id: int) -> str:
    """Due time reached: hold for quiet hours, or freeze the audience and start the lanes."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    with _sessions(app)() as session, session.begin():
        outcome, later = _begin(app, session, broadcast_id)
    # After the commit: lanes must see the frozen batches, a start job the new due time.
    if later is not None:
        schedule_start(app, broadcast_id, later, again=outcome == "early")
    elif outcome in {"frozen", "resumed", "raced"}:
        enqueue_lanes(app, broadcast_id)
    log.info("broadcast.start", extra={"broadcast_id": broadcast_id, "outcome": outcome})
    return outcome


@in_app_context
def run_lane(broadcast_id: int, lane: int = 0) -> int:
    """Start the broadcast if needed, then send pending batches until none is left.

    Returns how many batches this lane sent.
    """
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    sessions = _sessions(app)
    with sessions() as session, session.begin():
        outcome, later = _begin(app, session, broadcast_id)
    if later is not None:  # quiet hours began (or it was early): one start job waits for it
        schedule_start(app, broadcast_id, later)
        return 0
    # The first lane froze only every sender's first claim (the other lanes waited for that):
    # one of them cuts the rest while the others send; the rest skip the locked row.
    with sessions() as session, session.begin():
        rest = complete_freeze(session, broadcast_id)
    if rest is not None:
        log.info(
            "broadcast.cut",
            extra={"broadcast_id": broadcast_id, "lane": lane, "recipients": rest.recipients},
        )
    with sessions() as session:
        broadcast = session.get(Broadcast, broadcast_id)
        if broadcast is None or broadcast.status != BroadcastStatus.SENDING:
            return 0
        via = broadcast.via or "multicast"
        messages = {
            language: [Message.from_dict(m) for m in broadcast.messages_in(language)]
            for language in LANGUAGES
        }
    sender = Sender(
        app.extensions["asabot.line"].messaging,
        limiter(app),
        timeout=float(app.config["LINE_REQUEST_TIMEOUT"]),
    )
    return drain(
        sessions, sender, broadcast_id, via, messages, clock(app), senders=senders_per_lane(app)
    )
