"""A lane running in the worker's own process, stuck past its job timeout: the worker kills
itself, as RQ's horse monitor kills a stuck work horse, so its row locks go with it."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any

import pytest

from bot.broadcasts import worker
from bot.broadcasts.worker import ResumingWorker


def _monitor(kills: list[float], beats: list[float]) -> Any:
    """What `_beat` reads of the worker, with heartbeats counted instead of sent."""
    return SimpleNamespace(
        job_monitoring_interval=0.01,
        kill_after_timeout_seconds=0.1,
        queue_class=SimpleNamespace(DEFAULT_TIMEOUT=180),
        maintain_heartbeats=lambda job, execution: beats.append(time.monotonic()),
    )


def test_a_lane_stuck_past_its_timeout_kills_its_worker_after_beating_until_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kills: list[float] = []
    beats: list[float] = []
    monkeypatch.setattr(worker, "_kill_self", lambda: kills.append(time.monotonic()))
    job: Any = SimpleNamespace(id="broadcast-1-lane-0", timeout=0)
    no_execution: Any = None

    started = time.monotonic()
    ResumingWorker._beat(_monitor(kills, beats), job, no_execution, threading.Event())  # never done

    assert len(kills) == 1 and kills[0] - started >= 0.1
    assert beats and max(beats) <= kills[0]  # alive until then: RQ saw it working


def test_a_lane_that_ends_in_time_is_never_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    kills: list[float] = []
    beats: list[float] = []
    monkeypatch.setattr(worker, "_kill_self", lambda: kills.append(time.monotonic()))
    done = threading.Event()
    job = SimpleNamespace(id="broadcast-1-lane-0", timeout=60)
    beating = threading.Thread(
        target=ResumingWorker._beat, args=(_monitor(kills, beats), job, None, done)
    )
    beating.start()
    time.sleep(0.2)
    done.set()
    beating.join(timeout=5)

    assert not beating.is_alive()
    assert kills == [] and len(beats) >= 2
