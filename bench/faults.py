"""Fault benchmark: complaint flows through the emulator with faults on, and what they cost.

Runs the fault tests' stack (tests/faults/stack.py: gunicorn 2 workers x 4 threads with
--preload, the emulator redelivering every webhook not answered 200, PostgreSQL, a Redis of
its own without persistence) and, per scenario, files `--flows` complaints (`--concurrency` at
a time) while one fault is on:

- drops: 30% of the bot's LINE calls are done by LINE but the connection is cut;
- errors: 30% of them answered 500;
- latency: LINE answers in 6 s, past the bot's 5 s timeout, while the story is told;
- kill: a gunicorn worker busy with an event is SIGKILLed every few seconds;
- redis: Redis is killed in the middle of the flows and restarted empty a little later.

It prints one JSON line per scenario: complaints lost/duplicated, story lines
lost/duplicated, replies lost/duplicated (per event: each event deserves one answer), and
steps whose answer did not come within the person's patience. Run by hand:

    python bench/faults.py [--flows 20] [--concurrency 5] [--scenarios drops errors ...]

Needs PostgreSQL at TEST_DATABASE_URL (a database is created and dropped) and `redis-server`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.db import make_engine  # noqa: E402
from bot.core.migrate import upgrade  # noqa: E402
from tests.faults.flows import (  # noqa: E402
    Person,
    file_complaint,
    new_person,
    settle,
    settle_deliveries,
    tally,
)
from tests.faults.stack import FaultStack  # noqa: E402

SCENARIOS = ("drops", "errors", "latency", "kill", "redis")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _database(base: str) -> tuple[str, sa.Engine]:
    name = f"bench_faults_{uuid.uuid4().hex[:8]}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(base).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    return url, admin


def _killing(stack: FaultStack, stop: threading.Event, every: float) -> None:
    """SIGKILL a worker that has a request open to the emulator (mid-event), every so often."""
    while not stop.wait(every):
        deadline = time.monotonic() + every
        while time.monotonic() < deadline and not stop.is_set():
            pid = stack.worker_talking_to_emulator()
            if pid is not None:
                stack.kill_worker(pid)
                stack.killed.append(pid)
                break
            time.sleep(0.01)


def run(stack: FaultStack, engine: sa.Engine, scenario: str, flows: int, width: int) -> dict:
    run_id = f"{SCENARIOS.index(scenario) + 1:x}{uuid.uuid4().hex[:4]}"
    # Patient people: long enough for the first retry job (10 s) to bring a lost answer.
    people = [new_person(stack.sim, n, run_id, patience=20) for n in range(flows)]
    for person in people:
        person.act(person.chat.follow)
    stop = threading.Event()
    helper: threading.Thread | None = None
    between = lambda step: None  # noqa: E731
    started = time.monotonic()
    if scenario == "drops":
        stack.faults(dropRate=0.3)
    elif scenario == "errors":
        stack.faults(errorRate=0.3)
    elif scenario == "latency":

        def between(step: str) -> None:
            if step == "story0":
                stack.faults(latencyMs=6000)
            elif step == "story_done":
                stack.calm()

    elif scenario == "kill":
        stack.faults(latencyMs=300)  # a window in which a worker is caught mid-send
        helper = threading.Thread(target=_killing, args=(stack, stop, 4.0), daemon=True)
        helper.start()
    elif scenario == "redis":

        def down_then_up() -> None:
            if not stop.wait(8):
                stack.redis.kill()
                if not stop.wait(10):
                    stack.redis.start()
                    stack.ensure_rq_worker()

        helper = threading.Thread(target=down_then_up, daemon=True)
        helper.start()

    def one(person: Person) -> None:
        try:
            file_complaint(person, between)
        except Exception as error:  # a person gives up; the tally counts what was lost
            log(f"{scenario}: a flow stopped: {type(error).__name__}: {error}")

    with ThreadPoolExecutor(width) as pool:
        list(pool.map(one, people))
    stop.set()
    if helper is not None:
        helper.join(30)
    stack.calm()
    if stack.redis._process is None:
        stack.redis.start()
    if hasattr(stack, "ensure_rq_worker"):
        stack.ensure_rq_worker()
    elapsed = time.monotonic() - started
    settle(stack.sim)
    # Answers retried by jobs (10 s, then 60 s after a failure) arrive after the webhooks end.
    settle_deliveries(stack.sim, quiet_seconds=15, longest=90)
    result = asdict(tally(engine, stack.sim, people))
    return {"scenario": scenario, "flows": flows, "seconds": round(elapsed, 1), **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flows", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=5)
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    args = parser.parse_args()
    import os

    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    url, admin = _database(base)
    name = sa.make_url(url).database
    engine = make_engine(url)
    stack: FaultStack | None = None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            stack = FaultStack(url, Path(tmp), line_timeout=5.0)
            for scenario in args.scenarios:
                killed_before = len(stack.killed)
                line = run(stack, engine, scenario, args.flows, args.concurrency)
                line["workers_killed"] = len(stack.killed) - killed_before
                print(json.dumps(line), flush=True)
            stack.stop()
            stack = None
    finally:
        if stack is not None:
            stack.stop()
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
