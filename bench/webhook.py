"""Webhook benchmark: signed text events from the LINE emulator to the bot under gunicorn.

Starts the emulator and the bot (gunicorn, 2 workers, Redis for de-duplication) as separate
processes, makes N users say things through the emulator with C at a time, and reports events
per second and the p50/p99 latency of the bot's /callback response, as the emulator measured it.
Run by hand: `python bench/webhook.py [--events 2000] [--concurrency 8]`.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
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


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    secret, token = secrets.token_hex(16), secrets.token_urlsafe(24)
    bot_port, sim_port = _free_port(), _free_port()
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379") + "/11"
    redis.Redis.from_url(redis_url).flushdb()
    tmp = Path(tempfile.mkdtemp(prefix="asabot-bench-"))
    env = {
        **os.environ,
        "LINE_CHANNEL_SECRET": secret,
        "LINE_CHANNEL_ACCESS_TOKEN": token,
        "LINE_API_BASE_URL": f"http://127.0.0.1:{sim_port}",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.db'}"),
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    subprocess.run([python, "-m", "bot", "db", "upgrade"], env=env, check=True, cwd=ROOT)
    subprocess.run([python, "-m", "bot", "content", "load"], env=env, check=True, cwd=ROOT)
    sim = subprocess.Popen(
        [
            python,
            "-m",
            "bot",
            "linesim",
            "--host",
            "127.0.0.1",
            "--port",
            str(sim_port),
            "--webhook-url",
            f"http://127.0.0.1:{bot_port}/callback",
            "--channel-secret",
            secret,
            "--access-token",
            token,
        ],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    bot = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "--preload",
            "--workers",
            str(args.workers),
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{bot_port}",
            "--log-level",
            "warning",
            "bot.wsgi:app",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait(f"http://127.0.0.1:{sim_port}/_sim/stats")
        _wait(f"http://127.0.0.1:{bot_port}/healthz")
        base = f"http://127.0.0.1:{sim_port}"
        session = requests.Session()
        users = [f"U{i:032x}" for i in range(args.users)]
        for user_id in users:
            session.post(f"{base}/_sim/users", json={"userId": user_id, "displayName": "bench"})
        # Warm up both workers (imports, model load, first connections).
        for user_id in users[:20]:
            session.post(
                f"{base}/_sim/send", json={"userId": user_id, "type": "text", "text": "สวัสดี"}
            )

        def send(i: int) -> tuple[float, int | None]:
            body = {
                "userId": users[i % len(users)],
                "type": "text",
                "text": QUESTIONS[i % len(QUESTIONS)],
            }
            delivery = requests.post(f"{base}/_sim/send", json=body, timeout=10).json()["delivery"]
            if delivery["status"] != 200:
                print(
                    f"event {i} at {time.perf_counter() - started:.2f}s: {delivery}",
                    file=sys.stderr,
                )
            return float(delivery["elapsedMs"]), delivery["status"]

        started = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(send, range(args.events)))
        elapsed = time.perf_counter() - started
        latencies = [ms for ms, _ in results]
        failures = sum(1 for _, status in results if status != 200)
        stats = session.get(f"{base}/_sim/stats").json()
        report = {
            "events": args.events,
            "concurrency": args.concurrency,
            "gunicorn_workers": args.workers,
            "seconds": round(elapsed, 2),
            "events_per_second": round(args.events / elapsed, 1),
            "callback_p50_ms": round(statistics.median(latencies), 1),
            "callback_p99_ms": round(_percentile(latencies, 0.99), 1),
            "callback_max_ms": round(max(latencies), 1),
            "non_200": failures,
            "replies_accepted": stats["requests"].get("reply"),
        }
        print(json.dumps(report))
    finally:
        for process in (bot, sim):
            process.terminate()
        for process in (bot, sim):
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
