"""Real RQ worker processes on real Redis and PostgreSQL: kills, restarts and the scheduler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
import requests
from flask import Flask
from linebot.v3.messaging import TextMessage
from rq import Queue, Worker

from bot.broadcasts import create_broadcast, send_broadcast, summary
from bot.core.jobs import get_jobs
from linesim.server import RunningSim
from tests.broadcasts.conftest import add_people, deliveries, sessions
from tests.support.channel import ACCESS_TOKEN, CHANNEL_SECRET

pytestmark = [
    pytest.mark.slow,
    pytest.mark.parametrize("db_url", ["postgresql"], indirect=True),
]

RQ = str(Path(sys.executable).with_name("rq"))


class Workers:
    """`rq worker` processes as the Procfile starts them."""

    def __init__(self, env: dict[str, str], redis_url: str, log_path: Path) -> None:
        self.env, self.redis_url = env, redis_url
        self.log = log_path.open("ab")  # shown when a test fails: what the workers said
        self.log_path = log_path
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, *, scheduler: bool = True) -> subprocess.Popen[bytes]:
        command = [
            RQ,
            "worker",
            "--url",
            self.redis_url,
            *(["--with-scheduler"] if scheduler else []),
            "--worker-class",
            "bot.broadcasts.worker.ResumingWorker",
            "default",
        ]
        proc = subprocess.Popen(command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def start_and_wait_ready(self, *, scheduler: bool = True) -> subprocess.Popen[bytes]:
        """Start a worker and return once it has registered with Redis and taken up its loop.

        Booting a worker (imports, the app) takes seconds on a busy machine; a test that times
        a scheduled job must not count that boot against the schedule.
        """
        before = len(Worker.all(connection=self._redis()))
        proc = self.start(scheduler=scheduler)
        wait_for(lambda: len(Worker.all(connection=self._redis())) > before, 60, "worker start")
        return proc

    def _redis(self) -> redis.Redis:
        return redis.Redis.from_url(self.redis_url)

    @staticmethod
    def kill_hard(proc: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker and its work horse (which runs in its own process group)."""
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        horses = children.read_text().split() if children.exists() else []
        for pid in [proc.pid, *map(int, horses)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                self.kill_hard(proc)
        self.log.close()


@pytest.fixture
def workers(
    db_url: str, worker_redis_url: str, emulator: RunningSim, tmp_path: Path
) -> Iterator[Workers]:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "REDIS_URL": worker_redis_url,
        "LINE_CHANNEL_SECRET": CHANNEL_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN,
        "LINE_API_BASE_URL": emulator.url,
        "BROADCAST_USE_BROADCAST_ENDPOINT": "0",
        "BROADCAST_LANES": "2",
        "QUIET_HOURS": "off",
        "LOG_LEVEL": "WARNING",
    }
    running = Workers(env, worker_redis_url, tmp_path / "workers.log")
    yield running
    running.stop_all()
    print(running.log_path.read_text(errors="replace")[-5000:])


def accepted_requests(emulator: RunningSim) -> int:
    got = requests.get(f"{emulator.url}/_sim/messages?endpoint=multicast", timeout=10)
    return len(got.json()["messages"])


def wait_for(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def status(app: Flask, broadcast_id: int) -> dict:
    with sessions(app)() as session:
        return summary(session, broadcast_id)


def test_a_worker_killed_mid_send_and_restarted_sends_to_each_person_exactly_once(
    rq_app: Flask, emulator: RunningSim, workers: Workers
) -> None:
    with sessions(rq_app)() as session:
        people = add_people(session, emulator, 6000)  # 12 batches
        broadcast = create_broadcast(session, [TextMessage(text="งานนัดพบแรงงานที่ยะลาค่ะ")])
        session.commit()
    # Slow LINE down and make it fail now and then, so the kill lands mid-send: the worker runs
    # a lane at a time, two senders each, so twelve batches take six rounds of half a second, a
    # margin a busy CI machine's late look at the count cannot use up as it could at 150 ms.
    requests.post(
        f"{emulator.url}/_sim/config", json={"latencyMs": 500, "errorRate": 0.1}, timeout=5
    )
    first = workers.start()
    with sessions(rq_app)() as session:
        assert send_broadcast(rq_app, session, broadcast.id) is None

    wait_for(lambda: accepted_requests(emulator) >= 3, 60, "the first batches")
    Workers.kill_hard(first)
    assert status(rq_app, broadcast.id)["status"] == "sending"
    assert 3 <= accepted_requests(emulator) < 12

    workers.start()  # the restart
    wait_for(lambda: status(rq_app, broadcast.id)["status"] == "sent", 90, "the broadcast to end")

    state = status(rq_app, broadcast.id)
    assert (state["recipients"], state["accepted"], state["failed"]) == (6000, 6000, 0)
    assert deliveries(emulator) == {user_id: 1 for user_id in people}


def test_a_scheduled_broadcast_fires_on_time_from_rqs_scheduler(
    rq_app: Flask, emulator: RunningSim, workers: Workers
) -> None:
    with sessions(rq_app)() as session:
        people = add_people(session, emulator, 3)
        broadcast = create_broadcast(session, [TextMessage(text="หน่วยเคลื่อนที่มาสะบ้าย้อยค่ะ")])
        session.commit()
    workers.start_and_wait_ready()
    with sessions(rq_app)() as session:
        at = datetime.now(UTC) + timedelta(seconds=3)
        assert send_broadcast(rq_app, session, broadcast.id, at) == at
    assert status(rq_app, broadcast.id)["status"] == "scheduled"

    wait_for(lambda: status(rq_app, broadcast.id)["status"] == "sent", 30, "the scheduled send")

    sent = requests.get(f"{emulator.url}/_sim/messages?endpoint=multicast", timeout=10).json()
    (request,) = sent["messages"]
    arrived = datetime.fromtimestamp(request["time"] / 1000, UTC)
    assert at <= arrived < at + timedelta(seconds=5)
    assert deliveries(emulator) == {user_id: 1 for user_id in people}


def test_a_cancelled_scheduled_broadcast_never_goes(
    rq_app: Flask, emulator: RunningSim, workers: Workers
) -> None:
    with sessions(rq_app)() as session:
        add_people(session, emulator, 2)
        broadcast = create_broadcast(session, [TextMessage(text="ข่าวที่ยกเลิกแล้วค่ะ")])
        session.commit()
        send_broadcast(rq_app, session, broadcast.id, datetime.now(UTC) + timedelta(seconds=2))
    workers.start()
    from bot.broadcasts import cancel_broadcast

    with sessions(rq_app)() as session:
        assert cancel_broadcast(rq_app, session, broadcast.id) is True
    assert get_jobs(rq_app).scheduled_job_ids() == []  # nothing left for the scheduler to fire

    time.sleep(4)  # past the due time, with the scheduler running
    assert status(rq_app, broadcast.id)["status"] == "cancelled"
    assert accepted_requests(emulator) == 0


def test_a_lane_runs_in_the_worker_itself_and_the_worker_is_idle_again_after(
    rq_app: Flask, emulator: RunningSim, workers: Workers
) -> None:
    """No work horse is forked for a lane: the fork was paid before the first batch could go."""
    with sessions(rq_app)() as session:
        people = add_people(session, emulator, 3000)  # 6 batches
        broadcast = create_broadcast(session, [TextMessage(text="ประกาศรับสมัครงานค่ะ")])
        session.commit()
    # Each batch takes LINE a second, so lane 0 (two senders, six batches: three rounds) is still
    # sending for about two seconds after its first batch is seen. At 150 ms it had finished,
    # once, by the time a busy CI machine looked at the started jobs.
    requests.post(f"{emulator.url}/_sim/config", json={"latencyMs": 1000}, timeout=5)
    worker = workers.start_and_wait_ready(scheduler=False)  # the scheduler is a child too
    with sessions(rq_app)() as session:
        assert send_broadcast(rq_app, session, broadcast.id) is None

    wait_for(lambda: accepted_requests(emulator) >= 1, 60, "the first batch")
    connection = redis.Redis.from_url(workers.redis_url)
    (registered,) = Worker.all(connection=connection)
    assert registered.pid == worker.pid
    assert registered.get_state() == "busy"
    started = Queue("default", connection=connection).started_job_registry.get_job_ids()
    assert started == [f"broadcast-{broadcast.id}-lane-0"]
    assert Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split() == []

    wait_for(lambda: status(rq_app, broadcast.id)["status"] == "sent", 60, "the broadcast to end")
    assert deliveries(emulator) == {user_id: 1 for user_id in people}
    wait_for(lambda: _state_now(registered) == "idle", 30, "the worker to take jobs again")


def _state_now(worker: Worker) -> str:
    worker.refresh()  # get_state() answers what was read last
    return worker.get_state()
