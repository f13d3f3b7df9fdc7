"""Conversations as a user has them: Thai text in the emulator, understood, answered from content.

These run the real classifier (trained once per run) and the loaded content store, through the
emulator and the real line-bot-sdk client.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import select

from bot.chat.models import MessageLog
from bot.core.db import get_session


def _flex_texts(message: dict) -> str:
    """Every text in a Flex message, joined, to read it as a person would."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "text" and "text" in node:
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("contents"))
    return " ".join(found)


def test_a_minimum_wage_question_gets_the_area_answer_with_its_source(content_bot) -> None:
    chat = content_bot.sim.user("U" + "1" * 32, display_name="ฮาซัน")

    chat.say("ค่าแรงขั้นต่ำปัตตานีวันละเท่าไหร่คะ")
    answer = chat.last_reply(timeout=10.0)

    flex = next(m for m in answer if m["type"] == "flex")
    text = _flex_texts(flex)
    assert "337" in text
    assert "ที่มา" in text and "25" in text  # a source line with a Buddhist-era date
    with content_bot.app.app_context():
        logged = get_session().scalars(select(MessageLog).where(MessageLog.direction == "in")).one()
    assert logged.intent == "minimum_wage" and logged.decision == "accept"
    assert logged.confidence is not None and logged.handling_ms is not None


def test_the_same_question_about_hat_yai_gets_a_different_figure(content_bot) -> None:
    chat = content_bot.sim.user("U" + "2" * 32)

    chat.say("ค่าแรงขั้นต่ำหาดใหญ่เท่าไร")

    text = " ".join(_flex_texts(m) for m in chat.last_reply(timeout=10.0) if m["type"] == "flex")
    assert "380" in text


def test_read_more_sends_the_body_in_pieces_within_lines_limits(content_bot) -> None:
    chat = content_bot.sim.user("U" + "3" * 32)
    chat.say("ผู้ตรวจการแผ่นดินทำหน้าที่อะไรคะ")
    flex = next(m for m in chat.last_reply(timeout=10.0) if m["type"] == "flex")
    read_more = next(
        node["action"]["data"]
        for node in _actions(flex)
        if node["action"]["type"] == "postback" and "read_more" in node["action"]["data"]
    )

    chat.postback(read_more)
    pieces = chat.last_reply(timeout=10.0)

    assert 1 <= len(pieces) <= 5
    assert all(len(p.get("text", "")) <= 5000 for p in pieces)
    assert "ผู้ตรวจการแผ่นดิน" in " ".join(p.get("text", "") for p in pieces)


def test_typos_dialect_and_thai_digits_are_still_understood(content_bot) -> None:
    chat = content_bot.sim.user("U" + "4" * 32)

    chat.say("นายจ้างม่ายจ่ายเงินเดือนมา ๒ เดือนเเล้ววว ทำพรือดี")

    reply = chat.last_reply(timeout=10.0)
    assert reply[0]["type"] == "flex"  # an article, not the "what do you mean" question


def test_something_outside_the_bots_scope_gets_a_polite_answer_and_the_menu(content_bot) -> None:
    chat = content_bot.sim.user("U" + "5" * 32)

    chat.say("พรุ่งนี้ฝนตกไหม")

    reply = chat.last_reply(timeout=10.0)
    assert "ขออภัยค่ะ" in reply[-1]["text"]
    assert reply[-1]["quickReply"]["items"]


def test_a_malay_question_gets_the_malay_article_without_the_thai_only_note(content_bot) -> None:
    chat = content_bot.sim.user("U" + "7" * 32)

    chat.say("saya nak kerja di Malaysia, macam mana nak mohon")

    reply = chat.last_reply(timeout=10.0)
    flex = next(m for m in reply if m["type"] == "flex")
    assert "Malaysia" in _flex_texts(flex) and "Baca lagi" in json.dumps(flex)
    assert not any(m.get("text", "").startswith("Maaf, buat masa ini") for m in reply)


def test_every_answer_passes_the_emulators_message_validation(content_bot) -> None:
    chat = content_bot.sim.user("U" + "6" * 32)
    questions = [
        "ประกันสังคมมาตรา 40 จ่ายเดือนละกี่บาท",
        "อยากไปทำงานมาเลเซียต้องทำยังไง",
        "เบอร์สายด่วนกระทรวงแรงงาน",
        "ขอคุยกับเจ้าหน้าที่หน่อย",
        "ยกเลิก",  # back from waiting for an officer: the bot steps aside until then
        "บอทนี้ทำอะไรได้บ้าง",
        "สวัสดีครับ",
        "ขอบคุณมากค่ะ",
    ]
    for question in questions:
        chat.say(question)
        assert chat.last_reply(timeout=10.0), question

    stats = content_bot.sim.stats()
    assert stats["status"].get("4xx", 0) == 0
    assert stats["requests"]["reply"] == len(questions)


def _actions(node: object) -> Iterator[dict]:
    if isinstance(node, dict):
        if isinstance(node.get("action"), dict):
            yield node
        for value in node.values():
            yield from _actions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _actions(value)
