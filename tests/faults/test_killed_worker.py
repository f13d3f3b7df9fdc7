"""A gunicorn worker SIGKILLed in the middle of an event, before and after it committed.

The worker is found by what it is doing: before commit, the one whose database connection
waits on a lock the test holds on `complaints` (the confirm tap is filing the complaint);
after commit, the one with a request open to the emulator while the emulator is slow (it is
sending the receipt). Either way LINE (the emulator) redelivers the event, as it does for
every webhook that got no 200.
"""

from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from .flows import file_complaint, new_person, settle, tally
from .stack import FaultStack, backend_ports_waiting_on_locks


def _killer(stack: FaultStack, find, after=lambda: None) -> threading.Thread:  # type: ignore[no-untyped-def]
    """Kill the worker `find()` names as soon as it names one (within 20 s), then `after()`."""

    def run() -> None:
        deadline = time.monotonic() + 20
        try:
            while time.monotonic() < deadline:
                pid = find()
                if pid is not None:
                    stack.kill_worker(pid)
                    stack.killed.append(pid)
                    return
                time.sleep(0.02)
        finally:
            after()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_worker_killed_before_commit_files_the_complaint_once(calm_stack, engine) -> None:
    calm_stack.killed = []
    person = new_person(calm_stack.sim, 1, "b1")
    locker = engine.connect()
    threads = []

    def between(step: str) -> None:
        if step != "confirm":
            return
        transaction = locker.begin()
        locker.execute(sa.text("LOCK TABLE complaints IN EXCLUSIVE MODE"))

        def waiting_worker() -> int | None:
            ports = backend_ports_waiting_on_locks(engine)
            return calm_stack.worker_of_backend_port(ports[0]) if ports else None

        threads.append(_killer(calm_stack, waiting_worker, after=transaction.rollback))

    try:
        receipt = file_complaint(person, between)
        threads[0].join(25)
    finally:
        locker.close()
    settle(calm_stack.sim)

    assert calm_stack.killed, "no worker was caught waiting on the lock"
    assert "AS-" in receipt  # the redelivered confirm filed it and said so
    result = tally(engine, calm_stack.sim, [person])
    assert result.exact(), result


def test_a_worker_killed_after_commit_still_delivers_the_receipt_once(calm_stack, engine) -> None:
    calm_stack.killed = []
    person = new_person(calm_stack.sim, 1, "a1")
    threads = []

    def filed() -> bool:
        with engine.connect() as connection:
            query = sa.text("SELECT count(*) FROM complaints WHERE user_id = :u")
            return bool(connection.execute(query, {"u": person.user_id}).scalar())

    def sending_worker() -> int | None:
        # Committed, and now waiting on the (slow) emulator for the receipt's reply.
        return calm_stack.worker_talking_to_emulator() if filed() else None

    def between(step: str) -> None:
        if step == "confirm":
            calm_stack.faults(latencyMs=1500)  # under the bot's 2 s LINE timeout
            threads.append(_killer(calm_stack, sending_worker, after=calm_stack.calm))

    receipt = file_complaint(person, between)
    threads[0].join(25)
    settle(calm_stack.sim)

    assert calm_stack.killed, "no worker was caught sending after its commit"
    assert "AS-" in receipt
    result = tally(engine, calm_stack.sim, [person])
    assert result.exact(), result
