"""The answer chosen for the question: every article ranked, passages, words people type,
two-part questions, the complaint flow offered for a wrong told."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.content import answers, choose, words
from bot.content.loader import load_content, to_row
from bot.content.search import Bm25, query_tokens
from tests.content.support import CONTENT_DIR, real_articles, shown_articles

# Thai questions are ranked among the Thai articles (answers rank one language at a time).
ROWS = [to_row(article) for article in real_articles() if article.lang == "th"]


def test_bm25_comes_from_the_bm25s_library() -> None:
    index = Bm25([["มาตรา", "40"], ["มาตรา", "33"], []])

    scores = index.scores(["40"])

    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("นายจ้างเก็บพาสปอร์ต", "หนังสือเดินทาง"),
        ("ขอเวิร์กเพอมิต", "ใบอนุญาตทำงาน"),
        ("ค่าแรงขั้นต่ำ ปน.", "ปัตตานี"),
        ("ขายของอยู่บ้าน", "อาชีพอิสระ"),
    ],
)
def test_words_people_type_are_read_as_the_articles_words(typed: str, read: str) -> None:
    assert read in query_tokens(typed)


def test_southern_words_are_read_too() -> None:
    assert words.read_tokens("หม้าย")[0] == "ไม่"
    assert "บ้าง" in words.read_tokens("ได้ไหรมั่ง")


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("นายจ้างหม้ายจ่ายเงินเดือน", True),
        ("นายจ้างหักเงินประกันสังคมแต่ไม่ส่งเข้ากองทุน", True),
        ("นายจ้างยึดพาสปอร์ต", True),
        ("ม.40 จ่ายเดือนละเท่าไหร่", False),
    ],
)
def test_a_wrong_done_to_the_person_is_recognised(text: str, wrong: bool) -> None:
    assert words.tells_of_a_wrong(text) is wrong


def test_every_article_is_ranked_with_the_intent_weighing_in_not_fencing() -> None:
    # A contact question about social security: a social security article answers it.
    best = choose.rank_all(ROWS, "contact_office", None, "ประกันสังคมเบอร์โทรอะไร").best

    assert best is not None and "social_security" in best.article.intents


def test_the_passage_that_answers_is_found_within_its_article() -> None:
    best = choose.rank_all(ROWS, "migrant_workers", None, "1694 เปิดตั้งแต่เมื่อไหร่").best

    assert best is not None and best.article.id == "migrant-hotline-1694"
    assert best.passage is not None and "2557" in best.passage.text


def test_a_question_asking_two_things_is_cut_in_two() -> None:
    assert choose.question_parts("ถูกเลิกจ้างได้ชดเชยกี่วัน แล้วขอเงินว่างงานยังไง") == [
        "ถูกเลิกจ้างได้ชดเชยกี่วัน",
        "แล้วขอเงินว่างงานยังไง",
    ]
    assert choose.question_parts("ม.40 จ่ายเดือนละเท่าไหร่") == ["ม.40 จ่ายเดือนละเท่าไหร่"]


def test_two_part_questions_get_a_card_for_each_part(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(
        db_session,
        "minimum_wage",
        None,
        "ค่าแรงขั้นต่ำปัตตานีเท่าไหร่ แล้วถ้านายจ้างจ่ายไม่ถึงต้องทำยังไง",
    )

    assert messages is not None
    assert shown_articles(messages) == ["minimum-wage-pattani", "unpaid-wages"]


def test_a_wrong_told_gets_the_answer_and_the_complaint_flow_offered(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    told = answers.answer_for_intent(
        db_session, "labour_protection", None, "นายจ้างไม่จ่ายเงินเดือน 2 เดือนแล้ว"
    )
    asked = answers.answer_for_intent(db_session, "labour_protection", None, "ยื่น คร.7 ที่ไหน")

    assert told is not None and asked is not None
    assert shown_articles(told) == ["unpaid-wages"]
    last = told[-1].to_dict()
    assert last["text"] == answers.COMPLAINT_OFFER
    assert last["quickReply"]["items"][0]["action"]["data"] == (
        "action=intent&intent=complaint_file"
    )
    assert "complaint_file" not in str([m.to_dict() for m in asked])


def test_an_out_of_scope_question_one_article_clearly_answers_gets_it(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    found = answers.answer_outside_intents(db_session, None, "1694 เปิดตั้งแต่เมื่อไหร่")
    nothing = answers.answer_outside_intents(db_session, None, "พรุ่งนี้ฝนตกไหม")

    assert found is not None and shown_articles(found) == ["migrant-hotline-1694"]
    assert "2557" in str(found[0].to_dict())
    assert nothing is None
