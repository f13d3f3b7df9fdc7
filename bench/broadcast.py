"""Broadcast benchmark: N registered users in PostgreSQL, one announcement to all of them.

Sets everything up itself: a fresh PostgreSQL schema (TEST_DATABASE_URL), a Redis database
(TEST_REDIS_URL, number BENCH_REDIS_DB), the LINE emulator in a process of its own at LINE's
multicast limit (200 requests/s) with 1% injected 500s, and `rq worker` processes as the
Procfile runs them. Half-way through, one busy worker is killed with SIGKILL (work horse
included) and a replacement started, as a process supervisor would. Reports the time from
"send" to the last accepted batch, the requests made, and from the emulator's own record how
many people got the message twice or not at all; also when the first batch went, when the
broadcast was seen closed (its recipients written), the machine's load and the CPU each part
used. Run by hand: `python bench/broadcast.py --users 100000 [--runs 3]`: one JSON line per
announcement, the last line JSON. BENCH_WORKER_LOG_LEVEL=INFO shows what the workers log.

The emulator is linesim configured as `python -m linesim` is (LINESIM_* variables), started by
this file with `--serve-emulator` so it can be handed the 100,000 users in one go (its API adds
them one request at a time) before it starts listening.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import redis
import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.processes import children, cpu_snapshot  # noqa: E402
from bot.broadcasts import create_broadcast, send_broadcast  # noqa: E402
from bot.core.db import make_engine  # noqa: E402
from bot.core.migrate import upgrade  # noqa: E402
from intents.service_area import service_area  # noqa: E402

SECRET, TOKEN = "bench-channel-secret", "bench-access-token"
RQ = str(Path(sys.executable).with_name("rq"))


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _schema_url(base: str, schema: str) -> str:
    return f"{base}?options=-csearch_path%3D{schema}"


def _populate(url: str, users: int) -> list[str]:
    """Registered volunteers in the service area's provinces, straight from generate_series
    (seconds, not minutes); user ids are U + 32 hex, as LINE's are."""
    provinces = service_area().province_codes
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO line_users (id, followed_at, created_at) "
                "SELECT 'U' || md5('bench' || i), now(), now() FROM generate_series(1, :n) i"
            ),
            {"n": users},
        )
        connection.execute(
            sa.text(
                "INSERT INTO volunteers (user_id, role, province_code, registered_at, updated_at) "
                "SELECT id, CASE WHEN random() < 0.8 THEN 'volunteer' ELSE 'graduate' END, "
                "(CAST(:provinces AS text[]))[1 + floor(random() * :count)::int], now(), now() "
                "FROM line_users"
            ),
            {"provinces": list(provinces), "count": len(provinces)},
        )
        connection.execute(sa.text("ANALYZE line_users"))
        connection.execute(sa.text("ANALYZE volunteers"))
        ids = [row[0] for row in connection.execute(sa.text("SELECT id FROM line_users"))]
    engine.dispose()
    return ids


# -- the emulator, in its own process -----------------------------------------------------------
def serve_emulator(users_file: str) -> None:
    """Child process: linesim from the environment, the users preloaded, until stdin closes."""
    from linesim.config import SimConfig
    from linesim.server import start_in_thread

    running = start_in_thread(SimConfig.from_env())
    for user_id in Path(users_file).read_text().split():
        running.channel.state.upsert_user(user_id)
    print(running.url, flush=True)
    sys.stdin.read()  # the parent closes our stdin (or dies): stop
    running.stop()


def _start_emulator(ids: list[str], rate: int, error_rate: float) -> tuple[Any, str]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as users:
        users.write("\n".join(ids))
    env = {
        **os.environ,
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINESIM_ERROR_RATE": str(error_rate),
        "LINESIM_RATE_LIMITS": f"multicast={rate}/1,default=2000/1",
        "LINESIM_SEED": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve-emulator", users.name],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    os.unlink(users.name)
    if not url.startswith("http"):
        raise SystemExit("the emulator did not start")
    return proc, url


# -- workers ------------------------------------------------------------------------------------
def _start_worker(env: dict[str, str], redis_url: str, log_file: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            RQ,
            "worker",
            "--url",
            redis_url,
            "--worker-class",
            "bot.broadcasts.worker.ResumingWorker",
            "default",
        ],
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )


def _batches(engine: sa.Engine, broadcast_id: int) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT status, count(*) FROM broadcast_batches WHERE broadcast_id = :id "
                "GROUP BY status"
            ),
            {"id": broadcast_id},
        ).all()
    return {status: int(count) for status, count in rows}


def _broadcast_status(engine: sa.Engine, broadcast_id: int) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(
                sa.text("SELECT status FROM broadcasts WHERE id = :id"), {"id": broadcast_id}
            ).scalar_one()
        )


def _wait_for_idle_workers(
    rds: redis.Redis, processes: list[subprocess.Popen[bytes]], count: int, log_path: Path
) -> None:
    """Until `count` workers are up and none is busy (a killed one's replacement included).

    A killed worker stays on RQ's record, busy, until its heartbeat expires: it is left out.
    """
    from rq import Worker

    deadline = time.monotonic() + 90
    while True:
        alive = {p.pid for p in processes if p.poll() is None}
        workers = [w for w in Worker.all(connection=rds) if w.pid in alive]
        if len(workers) >= count and all(w.get_state() == "idle" for w in workers):
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"workers did not start; see {log_path}")
        time.sleep(0.1)
    time.sleep(1.0)  # let them settle into waiting for jobs


def _send_once(
    args: argparse.Namespace,
    app: Any,
    engine: sa.Engine,
    rds: redis.Redis,
    emulator_pid: int,
    emulator_url: str,
    ids: list[str],
    workers: list[subprocess.Popen[bytes]],
    last_seq: int,
    replace_worker: Callable[[], subprocess.Popen[bytes]],
) -> tuple[dict[str, Any], int]:
    """One announcement to everyone, one worker killed half-way; the result and the last seq."""
    from linebot.v3.messaging import TextMessage

    sessions = app.extensions["asabot.sessions"]
    with sessions() as session:
        broadcast = create_broadcast(
            session, [TextMessage(text="ค่าแรงขั้นต่ำอัตราใหม่มีผลแล้วค่ะ ดูรายละเอียดในเมนูค่ะ")]
        )
        session.commit()
        broadcast_id = broadcast.id
    batches = -(-args.users // 500)
    log(f"sending broadcast {broadcast_id}: {batches} batches, {args.workers} workers")
    stats_before = requests.get(f"{emulator_url}/_sim/stats", timeout=10).json()
    load_before = os.getloadavg()
    alive = [w for w in workers if w.poll() is None]
    cpu_before = cpu_snapshot(emulator_pid, [w.pid for w in alive])
    started = time.time()
    with sessions() as session:
        send_broadcast(app, session, broadcast_id)

    killed = None
    killed_at = started
    deadline = time.monotonic() + 300
    while killed is None and not args.no_kill and time.monotonic() < deadline:
        done = _batches(engine, broadcast_id).get("accepted", 0)
        if done >= batches // 2:
            busy = _busy_workers(rds, alive)
            victim = busy[0] if busy else alive[0]
            for pid in [victim.pid, *children(victim.pid)]:
                os.kill(pid, signal.SIGKILL)
            victim.wait()
            killed = done
            killed_at = time.time()
            log(f"killed worker {victim.pid} after {done} accepted batches")
            workers.append(replace_worker())  # as a process supervisor would
        time.sleep(0.025)  # polls are the bench's own CPU, taken from the measured system

    while time.monotonic() < deadline:
        status = _broadcast_status(engine, broadcast_id)
        if status in {"sent", "failed"}:
            break
        time.sleep(0.05)
    closed = time.time()  # seen closed: its recipients are on record too
    # The replacement worker counts too (its start-up is part of what a kill costs).
    cpu_after = cpu_snapshot(emulator_pid, [w.pid for w in workers if w.poll() is None])
    load_after = os.getloadavg()

    record = requests.get(
        f"{emulator_url}/_sim/messages",
        params={"endpoint": "multicast", "after": last_seq},
        timeout=60,
    ).json()["messages"]
    stats = requests.get(f"{emulator_url}/_sim/stats", timeout=10).json()
    got = Counter(user for delivery in record for user in delivery["to"])
    times = [delivery["time"] / 1000 for delivery in record] or [started]
    answers = {k: v - stats_before["status"].get(k, 0) for k, v in stats["status"].items()}
    result = {
        "users": args.users,
        "seconds": round(max(times) - started, 3),
        "requests": stats["requests"].get("multicast", 0)
        - stats_before["requests"].get("multicast", 0),
        "duplicates": sum(1 for n in got.values() if n > 1),
        "missing": sum(1 for user_id in ids if user_id not in got),
        "first_batch_seconds": round(min(times) - started, 3),
        "closed_seconds": round(closed - started, 3),
        "batches": batches,
        "floor_seconds": round(batches / args.rate, 3),
        "status": status,
        "answers": answers,
        "killed_after_batches": killed,
        "killed_seconds": round(killed_at - started, 3) if killed is not None else None,
        # The widest pause between two accepted batches, and when it began (from "send").
        "widest_gap": _widest_gap(sorted(times), started),
        "workers": args.workers,
        "load_1min": [round(load_before[0], 2), round(load_after[0], 2)],
        # CPU seconds used from "send" until seen closed ("postgres" counts every database on
        # the server, "redis" the shared server: other people's work shows up there too).
        "cpu_seconds": {name: round(cpu_after[name] - cpu_before[name], 2) for name in cpu_before},
    }
    return result, max((d["seq"] for d in record), default=last_seq)


def _busy_workers(
    rds: redis.Redis, alive: list[subprocess.Popen[bytes]]
) -> list[subprocess.Popen[bytes]]:
    """The workers running a job, by RQ's record: a lane runs in the worker process itself."""
    from rq import Worker

    busy = {w.pid for w in Worker.all(connection=rds) if w.get_state() == "busy"}
    return [w for w in alive if w.pid in busy]


def _widest_gap(times: list[float], started: float) -> dict[str, float]:
    gaps = [(b - a, a) for a, b in zip(times, times[1:], strict=False)] or [(0.0, started)]
    width, at = max(gaps)
    return {"seconds": round(width, 3), "after": round(at - started, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--error-rate", type=float, default=0.01)
    parser.add_argument("--rate", type=int, default=200, help="multicast requests per second")
    parser.add_argument("--no-kill", action="store_true", help="leave every worker alive")
    parser.add_argument("--runs", type=int, default=1, help="announcements, one after another")
    parser.add_argument("--serve-emulator", metavar="USERS_FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_emulator:
        serve_emulator(args.serve_emulator)
        return

    pg = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    redis_base = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
    redis_url = f"{redis_base}/{os.environ.get('BENCH_REDIS_DB', '14')}"
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(pg)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = _schema_url(pg, schema)
    rds = redis.Redis.from_url(redis_url)
    rds.flushdb()
    workers: list[subprocess.Popen[bytes]] = []
    emulator: Any = None
    engine = make_engine(url)
    log_path = Path(f"/tmp/bench-broadcast-{schema}.log")
    log_file = log_path.open("wb")
    try:
        log(f"schema {schema}: migrating and adding {args.users} users")
        upgrade(url)
        ids = _populate(url, args.users)
        emulator, emulator_url = _start_emulator(ids, args.rate, args.error_rate)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "REDIS_URL": redis_url,
            "LINE_CHANNEL_SECRET": SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
            "LINE_API_BASE_URL": emulator_url,
            "BROADCAST_MULTICAST_PER_SECOND": str(args.rate),
            "BROADCAST_LANES": str(args.workers),
            # Measure the multicast path: LINE's broadcast endpoint would be one request.
            "BROADCAST_USE_BROADCAST_ENDPOINT": "0",
            "QUIET_HOURS": "off",
            "LOG_LEVEL": os.environ.get("BENCH_WORKER_LOG_LEVEL", "WARNING"),
        }
        from bot import create_app

        app = create_app(
            {
                "DATABASE_URL": url,
                "REDIS_URL": redis_url,
                "LINE_CHANNEL_SECRET": SECRET,
                "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
                "LINE_API_BASE_URL": emulator_url,
                "BROADCAST_USE_BROADCAST_ENDPOINT": "0",
                "BROADCAST_LANES": args.workers,
                "QUIET_HOURS": "off",
                "LOG_LEVEL": "WARNING",
                "NLU": None,
            }
        )
        workers = [_start_worker(env, redis_url, log_file) for _ in range(args.workers)]
        _wait_for_idle_workers(rds, workers, args.workers, log_path)
        last_seq = 0
        for run in range(args.runs):
            if run:
                _wait_for_idle_workers(rds, workers, args.workers, log_path)
            result, last_seq = _send_once(
                args,
                app,
                engine,
                rds,
                emulator.pid,
                emulator_url,
                ids,
                workers,
                last_seq,
                lambda: _start_worker(env, redis_url, log_file),
            )
            print(json.dumps(result), flush=True)
    finally:
        for proc in workers:
            if proc.poll() is None:
                for pid in [proc.pid, *children(proc.pid)]:
                    try:
                        os.kill(pid, signal.SIGTERM if pid == proc.pid else signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        log_file.close()
        if emulator is not None:
            emulator.stdin.close()
            try:
                emulator.wait(timeout=10)
            except subprocess.TimeoutExpired:
                emulator.kill()
        engine.dispose()
        rds.flushdb()
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
