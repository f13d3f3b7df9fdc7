"""Malay speakers in the emulator: a question in Malay (Rumi or Jawi) is answered from the Malay
article, and a topic with no Malay article yet is answered in Thai with one Malay line saying
so. The real classifier (trained once per run), the loaded content, the real line-bot-sdk
client, over HTTP."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.chat.models import MessageLog
from bot.content.languages import ONLY_IN_THAI
from bot.content.models import ContentArticle
from bot.core.db import get_session
from bot.core.orm import utcnow
from tests.conftest import BotWithEmulator


def _texts(node: Any) -> list[str]:
    """Every text a person reads in a message (a text, or a Flex card's texts and buttons)."""
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        label = (node.get("action") or {}).get("label")
        return own + ([label] if label else []) + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []


def _read(reply: list[dict[str, Any]]) -> str:
    return "\n".join(t for message in reply for t in _texts(message.get("contents", message)))


def test_a_malay_question_is_answered_in_malay_from_the_malay_article(
    content_bot: BotWithEmulator,
) -> None:
    chat = content_bot.sim.user("U" + "5" * 32, display_name="Aminah")

    chat.say("Berapa gaji minimum di Jala sekarang?")
    reply = chat.last_reply(timeout=10.0)

    text = _read(reply)
    assert "337" in text and "Jala" in text
    assert "Baca lagi" in text and "dikemas kini" in text  # Malay framing, Gregorian date
    assert ONLY_IN_THAI["ms"] not in text
    read_more = next(m for m in reply if m["type"] == "flex")["contents"]["footer"]
    chat.postback(read_more["contents"][0]["action"]["data"])
    body = _read(chat.last_reply(timeout=10.0))
    assert "337 baht sehari" in body and "Sumber maklumat" in body


def test_a_jawi_question_is_answered_in_malay(content_bot: BotWithEmulator) -> None:
    chat = content_bot.sim.user("U" + "6" * 32)

    chat.say("ڬاجي مينيموم د ڤطاني براڤ")
    text = _read(chat.last_reply(timeout=10.0))

    assert "Gaji minimum" in text and "Patani" in text and "337" in text
    assert ONLY_IN_THAI["ms"] not in text
    with content_bot.app.app_context():
        logged = get_session().scalars(select(MessageLog).where(MessageLog.direction == "in")).one()
    assert logged.intent == "minimum_wage"


def test_a_topic_without_a_malay_article_is_answered_in_thai_with_a_malay_line(
    content_bot: BotWithEmulator,
) -> None:
    with content_bot.app.app_context():
        session = get_session()
        for row in session.scalars(select(ContentArticle).where(ContentArticle.lang == "ms")):
            if "skill_training" in row.intents:
                row.retired_at = utcnow()
        session.commit()
    chat = content_bot.sim.user("U" + "7" * 32)

    chat.say("saya nak belajar kursus menjahit, ada tak kat Patani")
    reply = chat.last_reply(timeout=10.0)

    assert reply[0] == {"type": "text", "text": ONLY_IN_THAI["ms"]}
    text = _read(reply[1:])
    assert "อ่านต่อ" in text and "ฝึกอาชีพ" in text
    assert "bahasa Thai sahaja" not in text  # one Malay line, not two


def test_a_thai_question_is_still_answered_in_thai(content_bot: BotWithEmulator) -> None:
    chat = content_bot.sim.user("U" + "8" * 32)

    chat.say("ค่าแรงขั้นต่ำยะลาวันละเท่าไหร่")
    text = _read(chat.last_reply(timeout=10.0))

    assert "337" in text and "อ่านต่อ" in text and "Baca lagi" not in text
