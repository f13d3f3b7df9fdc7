"""Redis killed, restarted empty (no persistence) or paused in the middle of complaints."""

from __future__ import annotations

import time

import requests

from .flows import file_complaint, new_person, settle, tally, webhook_statuses


def test_redis_killed_mid_flow_and_restarted_empty_keeps_every_draft(calm_stack, engine) -> None:
    person = new_person(calm_stack.sim, 1, "c1")

    def between(step: str) -> None:
        if step == "story1":
            calm_stack.redis.kill()  # the draft so far (consent, category, a line) was in it
        elif step == "evidence":
            calm_stack.redis.start()  # empty: nothing was saved

    receipt = file_complaint(person, between)
    settle(calm_stack.sim)

    assert webhook_statuses(calm_stack.sim, [person]) == {200}  # never a 500 for want of Redis
    assert "AS-" in receipt
    result = tally(engine, calm_stack.sim, [person])
    assert result.exact(), result


def test_a_paused_redis_blocks_neither_health_checks_nor_the_flow(calm_stack, engine) -> None:
    person = new_person(calm_stack.sim, 1, "c2")
    timings: dict[str, float] = {}

    def between(step: str) -> None:
        if step == "story0":
            calm_stack.redis.pause()
            for path in ("/healthz", "/readyz"):
                started = time.monotonic()
                answer = requests.get(calm_stack.url + path, timeout=10)
                timings[path] = time.monotonic() - started
                assert answer.status_code == 200, (path, answer.text)
        elif step == "place":
            calm_stack.redis.resume()

    try:
        receipt = file_complaint(person, between)
    finally:
        calm_stack.redis.resume()
    settle(calm_stack.sim)

    assert timings["/healthz"] < 0.5 and timings["/readyz"] < 2.0, timings
    assert "AS-" in receipt
    result = tally(engine, calm_stack.sim, [person])
    assert result.exact(), result
