"""CPU time and child processes of the benchmark's parts, read from /proc (Linux only)."""

from __future__ import annotations

import os
from pathlib import Path


def children(pid: int) -> list[int]:
    """The processes `pid` started that are still running."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes and of their children they have reaped."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def named(name: str) -> list[int]:
    """Every running process with this command name."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def cpu_snapshot(emulator: int, workers: list[int]) -> dict[str, float]:
    """CPU seconds used so far by each part of the benchmark, by name."""
    own = os.times()
    return {
        "emulator": cpu_seconds([emulator]),
        # Work horses still running count themselves, finished ones are in their worker's
        # children's time; a killed worker in this process's.
        "workers": cpu_seconds([*workers, *(h for w in workers for h in children(w))])
        + own.children_user
        + own.children_system,
        "postgres": cpu_seconds(named("postgres")),
        "redis": cpu_seconds(named("redis-server")),
        "bench": own.user + own.system,
    }
