"""How well typed questions are answered: the real classifier, then the content handler.

Each question of asked_questions.yaml goes the way a chat message goes (classifier, then the
informational handler, the search carousel when the classifier is unsure, the out-of-scope
reply), and the answer is read as a person reads it. Measured: top-1 (the first article shown is
an expected one, or an honest "no information" where no article covers the question), "fact
present" (the fact is in what is shown), and second parts answered or offered.

Run by hand for the numbers: `python -m tests.content.quality [--show-misses]`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs

import yaml
from linebot.v3.messaging import QuickReply
from sqlalchemy.orm import Session

HERE = Path(__file__).parent
QUESTIONS_FILE = HERE / "asked_questions.yaml"
MALAY_QUESTIONS_FILE = HERE / "malay_questions.yaml"
CONTENT_DIR = HERE.parents[1] / "content"
INFORMATIONAL = frozenset(
    {
        "minimum_wage", "labour_protection", "social_security", "workplace_safety", "job_search",
        "work_abroad", "skill_training", "migrant_workers", "ombudsman_info", "volunteer_role",
        "contact_office", "announcements",
    }
)  # fmt: skip


def questions(path: Path = QUESTIONS_FILE) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


# The sections written with the content in view are headed "# --- ... measured apart ...": the
# questions before the first of them were written apart from the articles' wording.
APART_MARK = "measured apart"


def written_apart(path: Path = QUESTIONS_FILE) -> list[dict[str, Any]]:
    """The questions of `path` above its first section written with the content in view."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cut = next(
        (i for i, line in enumerate(lines) if line.startswith("# ---") and APART_MARK in line),
        len(lines),
    )
    return list(yaml.safe_load("\n".join(lines[:cut])) or [])


@dataclass
class Seen:
    """An answer as a person sees it: the articles shown first, those one tap away, the text."""

    shown: list[str] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)
    text: str = ""
    no_information: bool = False


def _walk(node: Any, seen: Seen, texts: list[str]) -> None:
    if isinstance(node, dict):
        if node.get("type") == "text" and isinstance(node.get("text"), str):
            texts.append(node["text"])
        action = node.get("action")
        if isinstance(action, dict) and action.get("type") == "postback":
            data = {k: v[0] for k, v in parse_qs(action.get("data", "")).items()}
            article = data.get("article")
            if article and data.get("action") in ("read_more", "article"):
                target = seen.shown if data["action"] == "read_more" else seen.offered
                if article not in target:
                    target.append(article)
        for value in node.values():
            _walk(value, seen, texts)
    elif isinstance(node, list):
        for value in node:
            _walk(value, seen, texts)


def read_answer(messages: list[Any], no_information_prefix: str | tuple[str, ...]) -> Seen:
    """The articles and text of a reply, from its JSON as LINE receives it."""
    seen = Seen()
    texts: list[str] = []
    for message in messages:
        data = message.to_dict()
        if data.get("type") == "text":
            texts.append(data["text"])
            if data["text"].startswith(no_information_prefix):
                seen.no_information = True
        _walk(data.get("contents"), seen, texts)
        _walk(data.get("quickReply"), seen, texts)
    # A carousel's cards open an article with "action=article": those are shown, not offered.
    for message in messages:
        data = message.to_dict()
        if data.get("type") == "flex" and data.get("contents", {}).get("type") == "carousel":
            carousel = Seen()
            _walk(data["contents"], carousel, [])
            seen.shown.extend(a for a in carousel.offered if a not in seen.shown)
    seen.text = "\n".join(texts)
    return seen


def answer(session: Session, nlu: Any, question: str, province: str | None) -> list[Any]:
    """The reply a new user gets for `question`, the way bot.chat.conversation answers it."""
    from linebot.v3.messaging import TextMessage

    from bot.chat.conversation import OUT_OF_SCOPE_ANSWER
    from bot.content import handlers

    understanding = nlu.understand(question)
    entities = list(understanding.entities)
    if province and not any(e.kind in ("province", "district") for e in entities):
        entities.append(SimpleNamespace(kind="province", value=province, codes={}))
    turn = SimpleNamespace(
        session=session,
        understanding=understanding,
        # A new person is answered in the language they write in (bot/chat/language.py).
        language="ms" if understanding.lang == "ms" else "th",
        text=question,
        intent=understanding.intent,
        entities=entities,
        user_id=None,
        decision=understanding.decision.kind,
    )
    kind = understanding.decision.kind
    if kind == "clarify":
        return handlers.search_with_choices(turn, QuickReply(items=[])) or []  # type: ignore[arg-type]
    if kind == "out_of_scope":
        return handlers.answer_out_of_scope(turn) or [TextMessage(text=OUT_OF_SCOPE_ANSWER)]  # type: ignore[arg-type]
    told = handlers.answer_when_asked(turn)  # type: ignore[arg-type]
    if told:
        return told
    if understanding.intent == "help_menu":
        return handlers.handle_help_menu(turn)  # type: ignore[arg-type]
    if understanding.intent not in INFORMATIONAL:
        # A flow (a complaint, registering) or small talk: no article is sent.
        return [TextMessage(text=OUT_OF_SCOPE_ANSWER)]
    return handlers.handle_informational(turn)  # type: ignore[arg-type]


def _expected(entry: dict[str, Any]) -> list[str | None]:
    wanted = entry["a"]
    return list(wanted) if isinstance(wanted, list) else [wanted]


def judge(entry: dict[str, Any], seen: Seen) -> dict[str, bool]:
    """Top-1, fact present and (two-part questions) the second part answered or offered."""
    expected = _expected(entry)
    first = seen.shown[0] if seen.shown else None
    if first is None:
        top1 = None in expected
    else:
        top1 = first in expected
    fact = str(entry["fact"]) in seen.text and top1
    also = entry.get("also")
    second = also is None or also in seen.shown or also in seen.offered
    return {"top1": top1, "fact": fact, "second": second}


def measure(session: Session, nlu: Any, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The three shares over `entries`, the misses, and the answering time per question."""
    from bot.content.languages import ANSWER_LANGS, framing

    # The honest "no information" answer, in whichever language the question was answered.
    no_information = tuple(framing(lang).no_information for lang in ANSWER_LANGS)

    results = []
    spent = 0.0
    for entry in entries:
        started = time.perf_counter()
        messages = answer(session, nlu, entry["q"], entry.get("province"))
        spent += time.perf_counter() - started
        seen = read_answer(messages, no_information)
        results.append((entry, seen, judge(entry, seen)))
    count = len(results)
    two_part = [r for r in results if r[0].get("also")]
    return {
        "questions": count,
        "top1": round(sum(r[2]["top1"] for r in results) / count, 3),
        "fact_present": round(sum(r[2]["fact"] for r in results) / count, 3),
        "second_part": round(sum(r[2]["second"] for r in two_part) / max(len(two_part), 1), 3),
        "ms_per_question": round(1000 * spent / count, 1),
        "misses": [
            {"q": e["q"], "want": e["a"], "got": s.shown[:2] or "no-info", "fact": v["fact"]}
            for e, s, v in results
            if not (v["top1"] and v["fact"] and v["second"])
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--model", default="var/models/intents")
    parser.add_argument("--malay", action="store_true", help="the Malay questions instead")
    parser.add_argument(
        "--apart", action="store_true", help="only the questions written apart from the content"
    )
    args = parser.parse_args()
    from bot.content.loader import load_content
    from bot.core.db import make_engine
    from bot.core.migrate import upgrade
    from intents.pipeline import NLU

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/quality.db"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as session:
            load_content(session, CONTENT_DIR)
            path = MALAY_QUESTIONS_FILE if args.malay else QUESTIONS_FILE
            asked = written_apart(path) if args.apart else questions(path)
            report = measure(session, NLU.load(args.model), asked)
        engine.dispose()
    if not args.show_misses:
        report.pop("misses")
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
