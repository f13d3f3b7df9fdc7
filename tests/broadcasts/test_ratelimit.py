"""The shared rate limit counts a request at its answer, so LINE never sees two inside a window.

LINE counts a request somewhere between its sending and its answer: the limiter lets the next
one through a whole window after the answer, and counts a request never answered (its sender
died) until its timeout has passed.
"""

from __future__ import annotations

import time

import redis

from bot.broadcasts.ratelimit import MemoryRateLimiter, RedisRateLimiter


class FakeTime:
    """A clock whose sleep moves it on."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_an_answered_request_frees_its_place_a_window_after_its_answer() -> None:
    clock = FakeTime()
    limiter = MemoryRateLimiter(
        {"multicast": (2, 1.0)}, hold_seconds=5.0, clock=clock, sleep=clock.sleep
    )
    first, second = limiter.acquire("multicast"), limiter.acquire("multicast")
    clock.now += 0.2  # LINE takes 0.2 s to answer both
    first.settle()
    second.settle()

    third = limiter.acquire("multicast")

    assert (first.waited, second.waited) == (0.0, 0.0)
    assert abs(clock.now - 101.2) < 1e-9  # one window after the answers, not after the sending
    assert abs(third.waited - 1.0) < 1e-9


def test_a_request_never_answered_keeps_its_place_until_its_timeout_has_passed() -> None:
    clock = FakeTime()
    limiter = MemoryRateLimiter(
        {"multicast": (1, 1.0)}, hold_seconds=5.0, clock=clock, sleep=clock.sleep
    )
    limiter.acquire("multicast")  # its sender dies before LINE answers

    limiter.acquire("multicast")

    # LINE may have counted it as late as its timeout: the next goes a window after that.
    assert clock.now >= 100.0 + 5.0 + 1.0 - 1e-9
    assert clock.now < 100.0 + 5.0 + 1.0 + 0.01  # and no later than one retry after


def test_a_settle_never_moves_a_request_later() -> None:
    clock = FakeTime()
    limiter = MemoryRateLimiter(
        {"multicast": (1, 1.0)}, hold_seconds=5.0, clock=clock, sleep=clock.sleep
    )
    slot = limiter.acquire("multicast")
    clock.now += 0.1
    slot.settle()
    clock.now += 0.5
    slot.settle()  # a second call (a retry path settling twice) changes nothing

    limiter.acquire("multicast")

    assert abs(clock.now - 101.1) < 1e-9


def test_in_redis_the_next_request_goes_a_window_after_the_answer(redis_url: str) -> None:
    limiter = RedisRateLimiter(
        redis.Redis.from_url(redis_url), {"multicast": (2, 0.3)}, hold_seconds=5.0
    )
    started = time.monotonic()
    first, second = limiter.acquire("multicast"), limiter.acquire("multicast")
    time.sleep(0.15)  # LINE's answers take 0.15 s
    first.settle()
    second.settle()

    limiter.acquire("multicast")

    # Counted from the answers: 0.15 + 0.3 s, where counting from the sending would give 0.3.
    assert time.monotonic() - started >= 0.44


def test_in_redis_a_request_never_answered_holds_its_place_for_its_timeout(
    redis_url: str,
) -> None:
    limiter = RedisRateLimiter(
        redis.Redis.from_url(redis_url), {"multicast": (1, 0.2)}, hold_seconds=0.4
    )
    started = time.monotonic()
    limiter.acquire("multicast")  # never settled

    limiter.acquire("multicast")

    assert time.monotonic() - started >= 0.59  # its timeout (0.4 s), then the window (0.2 s)
