"""The console's unsure page: "no information" answers and answers set aside are listed too,
and labelling one with an article makes that article answer the question next time."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.chat.models import Direction, MessageLog
from bot.content import answers
from bot.content.loader import load_content
from bot.core.db import get_session
from tests.admin.conftest import post

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


def _log(app, rows: list[dict]) -> list[int]:  # type: ignore[no-untyped-def]
    """Message log rows as the bot writes them for incoming texts."""
    with app.app_context():
        session = get_session()
        made = [
            MessageLog(**{"direction": Direction.IN, "event_type": "message.text", **row})
            for row in rows
        ]
        session.add_all(made)
        session.commit()
        return [m.id for m in made]


def test_no_information_rejected_and_asked_again_answers_are_listed_with_their_reason(
    app, clients
) -> None:  # type: ignore[no-untyped-def]
    accept = {"intent": "labour_protection", "confidence": 0.9, "decision": "accept"}
    _log(
        app,
        [
            {"user_id": "U1", "text": "ลาคลอดได้กี่วัน", **accept, "decision": "no_info"},
            {"user_id": "U2", "text": "โอทีคิดยังไง", **accept},
            {"user_id": "U2", "text": "ไม่ใช่ค่ะ ถามเรื่องโอที", **accept},
            {"user_id": "U3", "text": "ทำงานวันหยุดได้กี่เท่า", **accept},
            {"user_id": "U3", "text": "ค่าทำงานวันหยุดคิดยังไง", **accept},
            {"user_id": "U4", "text": "ค่าแรงขั้นต่ำ", **accept},
            {"user_id": "U4", "text": "ขอบคุณค่ะ", "intent": "thanks_goodbye", "decision": "accept"},
        ],
    )

    page = clients["admin"].get("/admin/unsure/").get_data(as_text=True)

    assert "ลาคลอดได้กี่วัน" in page and "ตอบว่าไม่มีข้อมูล" in page
    assert "โอทีคิดยังไง" in page and "ผู้ใช้บอกว่าไม่ใช่" in page
    assert "ทำงานวันหยุดได้กี่เท่า" in page and "ผู้ใช้ถามซ้ำ" in page
    assert "ค่าแรงขั้นต่ำ" not in page  # answered, and the sender moved on


def test_labelling_with_an_article_makes_it_answer_that_question(app, clients) -> None:  # type: ignore[no-untyped-def]
    question = "ลูกจ้างร้านน้ำชาไม่มีวันหยุดเลย ผิดไหม"
    (message_id,) = _log(
        app,
        [{"user_id": "U9", "text": question, "intent": "labour_protection", "decision": "no_info"}],
    )
    with app.app_context():
        load_content(get_session(), CONTENT_DIR)
        before = answers.answer_for_intent(get_session(), "labour_protection", None, question)

    response = post(
        clients["admin"],
        f"/admin/unsure/{message_id}/label",
        {"intent": "labour_protection", "article": "labour-complaint-hotlines"},
    )

    assert response.status_code == 302
    with app.app_context():
        after = answers.answer_for_intent(get_session(), "labour_protection", None, question)
        logged = get_session().scalar(select(MessageLog).where(MessageLog.id == message_id))
    assert before is not None and after is not None and logged is not None
    assert "read_more&article=labour-complaint-hotlines" not in str(before[0].to_dict())
    assert "read_more&article=labour-complaint-hotlines" in str(after[0].to_dict())
    assert question not in clients["admin"].get("/admin/unsure/").get_data(as_text=True)
