"""LINE (the emulator) drops connections, answers 500, or answers after the bot gave up.

Three people file at once under each fault, LINE redelivering every webhook not answered 200.
A dropped connection is the hard case: LINE did the work, the bot cannot know it.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from .flows import Person, file_complaint, new_person, settle, tally

PEOPLE = 3


def _file_all(stack, run: str, between=lambda step: None, patience=9.0) -> list[Person]:  # type: ignore[no-untyped-def]
    people = [new_person(stack.sim, n, run, patience) for n in range(PEOPLE)]
    for person in people:  # befriended calmly: the fault is in the flow, not the greeting
        person.act(person.chat.follow)
    with ThreadPoolExecutor(PEOPLE) as pool:
        list(pool.map(lambda p: file_complaint(p, between), people))
    return people


def test_dropped_connections_lose_and_repeat_nothing(calm_stack, engine) -> None:
    calm_stack.faults(dropRate=0.3)
    people = _file_all(calm_stack, "d1")
    calm_stack.calm()
    settle(calm_stack.sim)
    result = tally(engine, calm_stack.sim, people)
    assert result.exact(), result


def test_line_answering_500_loses_and_repeats_nothing(calm_stack, engine) -> None:
    # LINE fails every call for 1.5 s when the first confirm is tapped, then recovers: each
    # receipt caught in it must come once (from a retry with the same key, or a redelivery)
    # and each complaint be filed once. One window only: the first retry job runs 10 s later
    # and must not land in another window (the bench runs 30% random 500s over whole flows).
    fired: list[str] = []

    def between(step: str) -> None:
        if step == "confirm" and not fired:
            fired.append(step)
            calm_stack.faults(errorRate=1.0)
            threading.Timer(1.5, calm_stack.calm).start()

    people = _file_all(calm_stack, "e1", between, patience=20)
    settle(calm_stack.sim)
    result = tally(engine, calm_stack.sim, people)
    assert fired and result.exact(), result


def test_line_slower_than_the_bots_timeout_stores_each_story_line_once(calm_stack, engine) -> None:
    def between(step: str) -> None:
        # Only while the story is told: each of those replies outlives the bot's 2 s timeout
        # (LINE still delivers it), and the webhook outlives LINE's 2 s deadline.
        if step == "story0":
            calm_stack.faults(latencyMs=2500)
        elif step == "story_done":
            calm_stack.calm()

    people = _file_all(calm_stack, "f1", between)
    settle(calm_stack.sim)
    result = tally(engine, calm_stack.sim, people)
    assert result.exact(), result
