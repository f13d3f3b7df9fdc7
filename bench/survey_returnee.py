"""The returnee survey as a volunteer does it, timed: turns, taps and typing, the bot's time.

Drives tests/surveys/returnee_interview.py (one realistic interview, 39 turns) through the LINE
emulator and the bot on SQLite, both in this process, N times. What it measures is the machine's
part: each turn from the user's send to the bot's reply in the emulator. A person's part
(reading the question aloud, the respondent's answer, the thumb) is not measurable here; the
minutes it prints for it are turns times an assumed number of seconds a turn, said as such.
Run by hand: `python bench/survey_returnee.py [--runs 3]`.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import close_app  # noqa: E402
from bot.core.db import get_session  # noqa: E402
from bot.core.migrate import upgrade  # noqa: E402
from bot.surveys.service import load_forms  # noqa: E402
from bot.volunteers import registry  # noqa: E402
from bot.volunteers.models import Role  # noqa: E402
from tests.conftest import BotWithEmulator  # noqa: E402
from tests.support.fakes import PhraseNLU  # noqa: E402
from tests.surveys import returnee_interview  # noqa: E402

ASSUMED_SECONDS_PER_TURN = (15, 20, 30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        bot = BotWithEmulator(url, NLU=PhraseNLU({}), MEDIA_DIR=f"{tmp}/media", QUIET_HOURS="off")
        try:
            with bot.app.app_context():
                session = get_session()
                load_forms(session, ROOT / "surveys", datetime.now(UTC))
                session.commit()
            walks = [_one(bot, n) for n in range(args.runs)]
        finally:
            bot.stop()
            close_app(bot.app)
    walk = walks[-1]
    turns = len(walk.seconds)
    every = [s for w in walks for s in w.seconds]
    totals = [sum(w.seconds) for w in walks]
    print(
        f"turns per interview: {turns} ({walk.taps} taps, {walk.typed} typed answers of "
        f"{walk.typed_characters} characters in all, {walk.other} place shared)"
    )
    print(
        f"bot time per turn: p50 {statistics.median(every) * 1000:.0f} ms, "
        f"p95 {sorted(every)[int(0.95 * (len(every) - 1))] * 1000:.0f} ms "
        f"({len(every)} turns over {args.runs} interviews)"
    )
    print(f"bot time per interview: {statistics.median(totals):.1f} s (median of {args.runs})")
    for seconds in ASSUMED_SECONDS_PER_TURN:
        print(f"if a turn takes a person {seconds} s: {turns * seconds / 60:.1f} minutes")
    return 0


def _one(bot: BotWithEmulator, n: int) -> returnee_interview.Walk:
    user_id = f"U{n:032x}"
    chat = bot.sim.user(user_id, display_name=f"อาสา{n}")
    chat.follow()
    chat.last_reply()
    with bot.app.app_context():
        session = get_session()
        registry.register(
            session,
            user_id,
            role=Role.VOLUNTEER,
            province_code="96",
            district_code="9601",
            now=datetime.now(UTC),
        )
        session.commit()
    return returnee_interview.run(chat)


if __name__ == "__main__":
    raise SystemExit(main())
