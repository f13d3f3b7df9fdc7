"""Scheduling, cancelling and quiet hours, on a clock the test moves by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import redis
from flask import Flask
from linebot.v3.messaging import TextMessage

from bot.broadcasts import (
    BroadcastError,
    cancel_broadcast,
    create_broadcast,
    send_broadcast,
    summary,
)
from bot.broadcasts.jobs import start_broadcast
from bot.broadcasts.quiet_hours import QuietHours
from bot.core.jobs import get_jobs
from linesim.server import RunningSim
from tests.broadcasts.conftest import Clock, add_people, deliveries, sessions
from tests.broadcasts.test_sending import wait_until_final

BANGKOK = ZoneInfo("Asia/Bangkok")
BANGKOK_QUIET = QuietHours.parse("21:00-07:00", BANGKOK)


def bkk(hour: int, minute: int = 0, day: int = 2) -> datetime:
    """A Bangkok wall-clock time (UTC+7) as UTC."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC).replace(
        hour=(hour - 7) % 24, day=day if hour >= 7 else day - 1
    )


@pytest.mark.parametrize(
    ("local", "quiet"),
    [((20, 59), False), ((21, 0), True), ((23, 30), True), ((3, 0), True), ((7, 0), False)],
)
def test_quiet_hours_run_from_nine_at_night_to_seven_in_the_morning(local, quiet) -> None:
    assert BANGKOK_QUIET.is_quiet(bkk(*local)) is quiet


def test_a_time_in_quiet_hours_is_released_at_seven_the_next_morning() -> None:
    assert BANGKOK_QUIET.release_time(bkk(22, 15)) == bkk(7, 0, day=3)
    assert BANGKOK_QUIET.release_time(bkk(5, 0, day=3)) == bkk(7, 0, day=3)
    assert BANGKOK_QUIET.release_time(bkk(12, 0)) == bkk(12, 0)
    assert QuietHours.parse("off", BANGKOK).is_quiet(bkk(23, 0)) is False


def _draft(app: Flask, urgent: bool = False) -> int:
    with sessions(app)() as session:
        broadcast = create_broadcast(session, [TextMessage(text="ประกาศค่ะ")], urgent=urgent)
        session.commit()
        return broadcast.id


def _status(app: Flask, broadcast_id: int) -> dict:
    with sessions(app)() as session:
        return summary(session, broadcast_id)


def test_send_now_at_night_waits_for_the_morning(
    bot_app: Flask, emulator: RunningSim, clock: Clock
) -> None:
    with sessions(bot_app)() as session:
        add_people(session, emulator, 3)
    clock.now = bkk(22, 0)
    broadcast_id = _draft(bot_app)

    with sessions(bot_app)() as session:
        due = send_broadcast(bot_app, session, broadcast_id)

    assert due == bkk(7, 0, day=3)
    assert _status(bot_app, broadcast_id)["status"] == "scheduled"
    with bot_app.app_context():
        clock.now = bkk(7, 0, day=3)  # the morning: the scheduler fires the job
        assert start_broadcast(broadcast_id) == "frozen"
    assert wait_until_final(bot_app, broadcast_id)["status"] == "sent"
    assert sum(deliveries(emulator).values()) == 3


def test_an_urgent_broadcast_goes_out_even_at_night(
    bot_app: Flask, emulator: RunningSim, clock: Clock
) -> None:
    with sessions(bot_app)() as session:
        add_people(session, emulator, 2)
    clock.now = bkk(23, 45)
    broadcast_id = _draft(bot_app, urgent=True)

    with sessions(bot_app)() as session:
        assert send_broadcast(bot_app, session, broadcast_id) is None

    assert wait_until_final(bot_app, broadcast_id)["status"] == "sent"


def test_a_job_that_fires_late_into_quiet_hours_holds_until_morning(
    bot_app: Flask, emulator: RunningSim, clock: Clock
) -> None:
    """Scheduled for 20:50; the worker was busy and picks it up at 21:10."""
    with sessions(bot_app)() as session:
        add_people(session, emulator, 1)
    clock.now = bkk(20, 0)
    broadcast_id = _draft(bot_app)
    with sessions(bot_app)() as session:
        assert send_broadcast(bot_app, session, broadcast_id, bkk(20, 50)) == bkk(20, 50)

    clock.now = bkk(21, 10)
    with bot_app.app_context():
        assert start_broadcast(broadcast_id) == "held"
    state = _status(bot_app, broadcast_id)
    assert (state["status"], state["due_at"]) == ("scheduled", bkk(7, 0, day=3).isoformat())
    assert deliveries(emulator) == {}


def test_a_job_that_fires_early_does_not_send(bot_app: Flask, clock: Clock) -> None:
    broadcast_id = _draft(bot_app)
    with sessions(bot_app)() as session:
        send_broadcast(bot_app, session, broadcast_id, bkk(15, 0))
    clock.now = bkk(14, 0)
    with bot_app.app_context():
        assert start_broadcast(broadcast_id) == "early"
    assert _status(bot_app, broadcast_id)["status"] == "scheduled"


def test_cancel_works_until_sending_starts_and_not_after(
    bot_app: Flask, emulator: RunningSim, clock: Clock
) -> None:
    with sessions(bot_app)() as session:
        add_people(session, emulator, 2)
    scheduled, started = _draft(bot_app), _draft(bot_app)
    with sessions(bot_app)() as session:
        send_broadcast(bot_app, session, scheduled, bkk(16, 0))
        send_broadcast(bot_app, session, started)
    wait_until_final(bot_app, started)

    with sessions(bot_app)() as session:
        assert cancel_broadcast(bot_app, session, scheduled) is True
        assert cancel_broadcast(bot_app, session, started) is False
    clock.now = bkk(16, 0)
    with bot_app.app_context():
        assert start_broadcast(scheduled) == "cancelled"  # the timer fires; nothing happens
    assert _status(bot_app, scheduled)["status"] == "cancelled"
    assert sum(deliveries(emulator).values()) == 2  # only the one that was not cancelled
    with sessions(bot_app)() as session, pytest.raises(BroadcastError):
        send_broadcast(bot_app, session, scheduled)


def test_cancel_takes_the_start_job_off_rqs_schedule(rq_app: Flask, worker_redis_url: str) -> None:
    from rq import Queue

    queue = Queue("default", connection=redis.Redis.from_url(worker_redis_url))
    later = datetime.now(UTC) + timedelta(hours=2)
    cancelled, kept = _draft(rq_app), _draft(rq_app)
    with sessions(rq_app)() as session:
        send_broadcast(rq_app, session, cancelled, later)
        send_broadcast(rq_app, session, kept, later)
    scheduled = queue.scheduled_job_registry.get_job_ids()
    assert sorted(job_id.split("-")[2] for job_id in scheduled) == sorted(
        [str(cancelled), str(kept)]
    )

    with sessions(rq_app)() as session:
        assert cancel_broadcast(rq_app, session, cancelled) is True

    (left,) = queue.scheduled_job_registry.get_job_ids()
    assert left.startswith(f"broadcast-start-{kept}-")
    (gone,) = [job_id for job_id in scheduled if job_id != left]
    assert queue.fetch_job(gone) is None
    assert _status(rq_app, cancelled)["status"] == "cancelled"


def test_cancel_takes_the_start_job_off_the_demos_schedule_too(
    bot_app: Flask, clock: Clock
) -> None:
    """Without Redis the in-process runner keeps the start job until its time; cancelling drops
    it (and only it)."""
    clock.now = bkk(9, 0)
    cancelled, kept = _draft(bot_app), _draft(bot_app)
    with sessions(bot_app)() as session:
        send_broadcast(bot_app, session, cancelled, bkk(15, 0))
        send_broadcast(bot_app, session, kept, bkk(16, 0))
    jobs = get_jobs(bot_app)
    assert jobs.scheduled_job_ids() == [
        f"broadcast-start-{cancelled}-20260302T080000",
        f"broadcast-start-{kept}-20260302T090000",
    ]

    with sessions(bot_app)() as session:
        assert cancel_broadcast(bot_app, session, cancelled) is True

    assert jobs.scheduled_job_ids() == [f"broadcast-start-{kept}-20260302T090000"]
    assert jobs.cancel(f"broadcast-start-{cancelled}-20260302T080000") is False  # already gone


def test_lanes_that_find_quiet_hours_leave_one_morning_start_between_them(
    db_url: str, emulator: RunningSim, worker_redis_url: str, clock: Clock
) -> None:
    """A send queued at 20:59 whose lanes reach a worker at 21:01: hold, and start once."""
    from bot.broadcasts.jobs import run_lane
    from tests.conftest import make_bot_app

    app = make_bot_app(
        db_url, LINE_API_BASE_URL=emulator.url, REDIS_URL=worker_redis_url, CLOCK=clock
    )
    clock.now = bkk(20, 59)
    broadcast_id = _draft(app)
    with sessions(app)() as session:
        assert send_broadcast(app, session, broadcast_id) is None  # lanes queued, not run

    clock.now = bkk(21, 1)
    with app.app_context():
        assert run_lane(broadcast_id, 0) == run_lane(broadcast_id, 1) == 0

    state = _status(app, broadcast_id)
    assert (state["status"], state["due_at"]) == ("scheduled", bkk(7, 0, day=3).isoformat())
    jobs = get_jobs(app)
    assert jobs.scheduled_job_ids() == [f"broadcast-start-{broadcast_id}-20260303T000000"]
    with sessions(app)() as session:
        assert cancel_broadcast(app, session, broadcast_id) is True
    assert jobs.scheduled_job_ids() == []
