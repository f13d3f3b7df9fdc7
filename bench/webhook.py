"""Webhook benchmark: AsaBot beside a bare echo bot, the same events, the same gunicorn, one run.

Each bot runs under gunicorn (`--preload`, 2 workers x 4 threads) behind its own emulator
(`asabot linesim`); AsaBot has Redis, its content and classifier, and PostgreSQL as in
production (a fresh database on TEST_DATABASE_URL's server, dropped at the end; `--database
sqlite` for a SQLite file instead, whose one write lock makes concurrent events wait in turn;
BENCH_DATABASE_URL to name one).
Rounds alternate between the two bots so a machine that speeds up or slows down during the run
treats both alike. Reported per bot: events per second and the p50/p99 of the bot's /callback
answer as its emulator timed it, AsaBot's rate as a ratio of the echo bot's, and the CPU time
the bot's processes (gunicorn's master and workers, from Linux's /proc) spent per event, and its
emulator's: on a machine others share, rates move with their load, CPU per event much less.
Run by hand: `python bench/webhook.py [--events 1500] [--concurrency 8 1] [--rounds 2]
[--database postgresql|sqlite]`
(BENCH_REDIS_DB, default 11, is the Redis database AsaBot uses; it is flushed).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.databases import scratch_database  # noqa: E402

QUESTIONS = [
    "ค่าแรงขั้นต่ำปัตตานีวันละเท่าไหร่คะ",
    "นายจ้างไม่จ่ายเงินเดือนสองเดือนแล้วทำยังไงดี",
    "ประกันสังคมมาตรา 40 จ่ายเดือนละเท่าไร",
    "อยากไปทำงานมาเลเซียต้องทำยังไง",
    "สวัสดีครับ",
    "ขอบคุณมากค่ะ",
]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and its descendants so far (Linux /proc; 0.0
    where there is none)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            # After the command's closing parenthesis: state, ppid, ... utime (12th), stime.
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile, or no /proc
    return total


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


@dataclass
class Stack:
    """One bot and its emulator, as running processes."""

    name: str
    sim_url: str
    processes: list[subprocess.Popen[bytes]]
    users: list[str]

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)  # gunicorn lets its threads finish first
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _start_emulator(env: dict[str, str], sim_port: int, bot_port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "bot", "linesim", "--host", "127.0.0.1"]
    command += ["--port", str(sim_port), "--webhook-url", f"http://127.0.0.1:{bot_port}/callback"]
    command += ["--channel-secret", env["LINE_CHANNEL_SECRET"]]
    command += ["--access-token", env["LINE_CHANNEL_ACCESS_TOKEN"]]
    return subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)


def _start_gunicorn(
    env: dict[str, str], port: int, workers: int, app: str, *extra: str
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "--preload", "--workers", str(workers)]
    command += ["--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    return subprocess.Popen([*command, *extra, app], env=env, cwd=ROOT)


@contextmanager
def bench_database(kind: str, tmp: Path) -> Iterator[str]:
    """AsaBot's database for this run: BENCH_DATABASE_URL when set, else a scratch one."""
    if os.environ.get("BENCH_DATABASE_URL"):
        yield os.environ["BENCH_DATABASE_URL"]
        return
    with scratch_database(kind, tmp, "bench") as url:
        yield url


def start_stack(name: str, workers: int, users: int, tmp: Path, database: str = "") -> Stack:
    """Start `asabot` or `echo` under gunicorn behind an emulator of its own, warmed up."""
    secret, token = secrets.token_hex(16), secrets.token_urlsafe(24)
    bot_port, sim_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "LINE_CHANNEL_SECRET": secret,
        "LINE_CHANNEL_ACCESS_TOKEN": token,
        "LINE_API_BASE_URL": f"http://127.0.0.1:{sim_port}",
        "LOG_LEVEL": "WARNING",
    }
    if name == "asabot":
        redis_db = os.environ.get("BENCH_REDIS_DB", "11")  # flushed: pick one nobody else uses
        redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379") + f"/{redis_db}"
        redis.Redis.from_url(redis_url).flushdb()
        env["REDIS_URL"] = redis_url
        env["DATABASE_URL"] = database
        python = sys.executable
        subprocess.run([python, "-m", "bot", "db", "upgrade"], env=env, check=True, cwd=ROOT)
        subprocess.run([python, "-m", "bot", "content", "load"], env=env, check=True, cwd=ROOT)
        bot = _start_gunicorn(env, bot_port, workers, "bot.wsgi:app")
    else:
        bot = _start_gunicorn(env, bot_port, workers, "echo_bot:app", "--pythonpath", "bench")
    sim = _start_emulator(env, sim_port, bot_port)
    stack = Stack(name, f"http://127.0.0.1:{sim_port}", [bot, sim], [])
    _wait(f"{stack.sim_url}/_sim/stats")
    _wait(f"http://127.0.0.1:{bot_port}/healthz")
    session = requests.Session()
    stack.users = [f"U{i:032x}" for i in range(users)]
    for user_id in stack.users:
        session.post(f"{stack.sim_url}/_sim/users", json={"userId": user_id, "displayName": "b"})
    # Warm up both workers (imports, model load, first connections).
    for user_id in stack.users[:20]:
        session.post(
            f"{stack.sim_url}/_sim/send", json={"userId": user_id, "type": "text", "text": "สวัสดี"}
        )
    return stack


def run_round(stack: Stack, events: int, concurrency: int) -> dict[str, float]:
    """Send `events` text events, `concurrency` at a time; the rate and /callback latencies."""

    def send(i: int) -> tuple[float, int | None]:
        body = {
            "userId": stack.users[i % len(stack.users)],
            "type": "text",
            "text": QUESTIONS[i % len(QUESTIONS)],
        }
        reply = requests.post(f"{stack.sim_url}/_sim/send", json=body, timeout=10)
        delivery = reply.json()["delivery"]
        return float(delivery["elapsedMs"]), delivery["status"]

    bot_pid, sim_pid = stack.processes[0].pid, stack.processes[1].pid
    cpu_before, sim_cpu_before = _cpu_seconds(bot_pid), _cpu_seconds(sim_pid)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(send, range(events)))
    elapsed = time.perf_counter() - started
    cpu_spent = _cpu_seconds(bot_pid) - cpu_before
    sim_cpu_spent = _cpu_seconds(sim_pid) - sim_cpu_before
    latencies = [ms for ms, _ in results]
    return {
        "events_per_second": events / elapsed,
        "bot_cpu_ms_per_event": 1000 * cpu_spent / events,
        # The emulator plays LINE for both bots; a bigger answer (a Flex card) costs it more to
        # take and check than an echoed text, and it shares the cores with the bot.
        "emulator_cpu_ms_per_event": 1000 * sim_cpu_spent / events,
        "p50_ms": statistics.median(latencies),
        "p99_ms": _percentile(latencies, 0.99),
        "non_200": sum(1 for _, status in results if status != 200),
    }


def _median_of(rounds: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in rounds), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 1])
    parser.add_argument("--rounds", type=int, default=2, help="rounds per bot and concurrency")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="asabot-bench-"))
    with bench_database(args.database, tmp) as database:
        stacks = [
            start_stack(name, args.workers, args.users, tmp, database)
            for name in ("echo", "asabot")
        ]
        try:
            run(stacks, args)
        finally:
            for stack in stacks:
                stack.stop()


def run(stacks: list[Stack], args: argparse.Namespace) -> None:
    """Alternate rounds between the bots at each concurrency; one JSON line per concurrency."""
    for concurrency in args.concurrency:
        rounds: dict[str, list[dict[str, float]]] = {s.name: [] for s in stacks}
        for _ in range(args.rounds):
            for stack in stacks:
                rounds[stack.name].append(run_round(stack, args.events, concurrency))
        rate = {name: _median_of(r, "events_per_second") for name, r in rounds.items()}
        report = {
            "concurrency": concurrency,
            "events_per_round": args.events,
            "rounds": args.rounds,
            **{
                name: {
                    "events_per_second": rate[name],
                    "callback_p50_ms": _median_of(r, "p50_ms"),
                    "callback_p99_ms": _median_of(r, "p99_ms"),
                    "bot_cpu_ms_per_event": _median_of(r, "bot_cpu_ms_per_event"),
                    "emulator_cpu_ms_per_event": _median_of(r, "emulator_cpu_ms_per_event"),
                    "non_200": int(sum(x["non_200"] for x in r)),
                }
                for name, r in rounds.items()
            },
            "ratio_asabot_to_echo": round(rate["asabot"] / rate["echo"], 2),
        }
        print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
