"""Where one text event's trip spends its milliseconds, by pyinstrument.

The app as gunicorn runs it (Redis for de-duplication and state, SQLite, the content loaded, the
real classifier, word lists warmed as bot/wsgi.py does) answers signed text events posted to
/callback through Flask's test client; its replies go to an emulator in a thread, with reply
tokens the emulator issued, so delivery is a real HTTP reply as in production.

Printed: the median ms per event of each question, then the whole run's profile as a table of
buckets (ms per event: content answer, classifier, delivery, message log, de-duplication...)
and pyinstrument's call tree. The profile's overhead inflates every bucket about alike: compare
shares and bucket ratios, not absolute ms, with the plain timings above them.

Run by hand: `python bench/profile_event.py [--rounds 30] [--tree] [--database sqlite|postgresql]`
(postgresql: a fresh database on TEST_DATABASE_URL's server, dropped after); REDIS_URL defaults to
the local Redis, database 11 (flushed), or TEST_REDIS_DB when set.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import redis
from flask import Flask
from pyinstrument import Profiler
from pyinstrument.frame import Frame

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, bench/ is first on the path and bench/intents.py would hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
from bench.databases import scratch_database  # noqa: E402

SECRET = "profile-channel-secret-0123456789"
TOKEN = "profile-access-token"
# Wage, unpaid wages, section 40, Malaysia, injury, jobs, greetings.
QUESTIONS = [
    "ค่าแรงขั้นต่ำปัตตานีวันละเท่าไหร่คะ",
    "นายจ้างไม่จ่ายเงินเดือนสองเดือนแล้วทำยังไงดี",
    "ประกันสังคมมาตรา 40 จ่ายเดือนละเท่าไร",
    "อยากไปทำงานมาเลเซียต้องทำยังไง",
    "ทำงานแล้วบาดเจ็บ เบิกค่ารักษาได้ไหม",
    "หางานที่ยะลาได้ที่ไหนบ้าง",
    "สวัสดีครับ",
]
# Where a millisecond is counted: the first of these functions found walking down from the
# request (module path suffix, function name). Order matters only for nested pairs.
BUCKETS: list[tuple[str, str, str]] = [
    ("content answer", "bot/content/answers.py", "answer_for_intent"),
    ("content answer", "bot/content/answers.py", "search_messages"),
    ("content answer", "bot/content/answers.py", "answer_outside_intents"),
    ("content answer", "bot/content/answers.py", "help_menu_messages"),
    ("classifier (understand)", "intents/pipeline.py", "understand"),
    ("delivery to LINE (reply)", "bot/core/line.py", "deliver"),
    ("message log write+commit", "bot/chat/events.py", "_log_in"),
    ("pool checkout (pre-ping)", "sqlalchemy/engine/base.py", "connect"),
    ("de-duplication claim", "bot/core/state.py", "claim"),
    ("inbox claim (INSERT)", "bot/chat/inbox.py", "claim"),
    ("inbox store answer (UPDATE)", "bot/chat/inbox.py", "store_answer"),
    ("inbox record delivery (UPDATE+log+commit)", "bot/chat/inbox.py", "finish"),
    ("query: open handoff", "bot/agent_requests/handoff.py", "open_handoff_of"),
    ("query: open survey", "bot/surveys/service.py", "open_response"),
    ("query: volunteer area", "bot/volunteers/registry.py", "area_of"),
    ("event commit", "sqlalchemy/engine/base.py", "commit"),
    ("conversation state", "bot/core/state.py", "get_json"),
    ("conversation state", "bot/core/state.py", "set_json"),
    ("conversation state", "bot/core/state.py", "delete"),
    ("dispatch commit", "sqlalchemy/orm/session.py", "commit"),
    ("signature + parse", "bot/chat/parsing.py", "parse_events"),
    ("signature + parse", "linebot/v3/webhook.py", "validate"),
    ("db session open/close", "sqlalchemy/orm/session.py", "close"),
    ("db session open/close", "sqlalchemy/orm/session.py", "__exit__"),
]


def _sign(body: str) -> str:
    digest = hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _text_event(text: str, user_id: str, reply_token: str) -> dict[str, Any]:
    return {
        "type": "message",
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user_id},
        "webhookEventId": uuid.uuid4().hex[:26].upper(),
        "deliveryContext": {"isRedelivery": False},
        "replyToken": reply_token,
        "message": {
            "type": "text",
            "id": str(uuid.uuid4().int)[:18],
            "quoteToken": "q",
            "text": text,
        },
    }


def build_app(tmp: Path, redis_url: str, database: str) -> tuple[Flask, Any]:
    """The bot as production runs it, warmed as bot/wsgi.py does, and an emulator for replies."""
    from bot import create_app
    from bot.content.answers import warm_up
    from bot.content.loader import load_content
    from bot.content.thai import tokens
    from bot.core.db import get_session
    from bot.core.migrate import upgrade
    from linesim.config import SimConfig
    from linesim.server import start_in_thread

    sim = start_in_thread(SimConfig(channel_secret=SECRET, access_token=TOKEN))
    upgrade(database)
    redis.Redis.from_url(redis_url).flushdb()
    app = create_app(
        {
            "LINE_CHANNEL_SECRET": SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
            "LINE_API_BASE_URL": sim.url,
            "DATABASE_URL": database,
            "REDIS_URL": redis_url,
            "LOG_LEVEL": "WARNING",
        }
    )
    with app.app_context():
        load_content(get_session(), ROOT / "content")
    tokens("ค่าแรงขั้นต่ำจังหวัดปัตตานี")
    warm_up()
    return app, sim


def post_event(client: Any, sim: Any, text: str, user_id: str) -> int:
    token = sim.channel.state.issue_reply_token(user_id, 60)
    body = json.dumps(
        {"destination": "U" + "0" * 32, "events": [_text_event(text, user_id, token)]}
    )
    reply = client.post(
        "/callback",
        data=body,
        headers={"X-Line-Signature": _sign(body)},
        content_type="application/json",
    )
    return int(reply.status_code)


def _buckets(frame: Frame, out: dict[str, float]) -> None:
    path = (frame.file_path or "").replace("\\", "/")
    for name, suffix, function in BUCKETS:
        if frame.function == function and path.endswith(suffix):
            out[name] += frame.time
            return
    for child in frame.children:
        _buckets(child, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30, help="times each question is sent")
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's call tree too")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="asabot-profile-"))
    with scratch_database(args.database, tmp, "profile") as database:
        profile(args, tmp, database)


def profile(args: argparse.Namespace, tmp: Path, database: str) -> None:
    redis_url = os.environ.get("REDIS_URL") or (
        os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
        + f"/{os.environ.get('TEST_REDIS_DB', '11')}"
    )
    app, sim = build_app(tmp, redis_url, database)
    client = app.test_client()
    users = [f"U{i:032x}" for i in range(len(QUESTIONS) * 2)]
    for user_id in users:
        sim.channel.state.upsert_user(user_id, displayName="p")
    try:
        for i, text in enumerate(QUESTIONS * 3):  # first connections, first answers
            post_event(client, sim, text, users[i % len(users)])
        timings: dict[str, list[float]] = defaultdict(list)
        for r in range(args.rounds):
            for i, text in enumerate(QUESTIONS):
                started = time.perf_counter()
                status = post_event(client, sim, text, users[(r + i) % len(users)])
                timings[text].append((time.perf_counter() - started) * 1000)
                assert status == 200, status
        print("median ms per event, unprofiled:")
        for text, values in timings.items():
            print(f"  {statistics.median(values):7.2f}  {text}")
        every = [v for values in timings.values() for v in values]
        print(f"  {statistics.median(every):7.2f}  (all questions)")

        profiler = Profiler(interval=0.0005)
        events = 0
        profiler.start()
        for r in range(args.rounds):
            for i, text in enumerate(QUESTIONS):
                post_event(client, sim, text, users[(r + i) % len(users)])
                events += 1
        session = profiler.stop()
        root = session.root_frame()
        assert root is not None
        found: dict[str, float] = defaultdict(float)
        _buckets(root, found)
        total = root.time
        print(f"\nprofiled: {events} events, {total / events * 1000:.2f} ms per event")
        print(f"{'ms/event':>9} {'share':>6}  bucket")
        for name, seconds in sorted(found.items(), key=lambda kv: -kv[1]):
            print(f"{seconds / events * 1000:9.2f} {seconds / total:6.1%}  {name}")
        rest = total - sum(found.values())
        print(
            f"{rest / events * 1000:9.2f} {rest / total:6.1%}  everything else (Flask, "
            "test client, dispatch glue)"
        )
        if args.tree:
            print(profiler.output_text(unicode=True, color=False, show_all=False))
    finally:
        sim.stop()


if __name__ == "__main__":
    main()
