"""A contact question names its topic and asks for a way to reach it: "โทรถามประกันสังคมเบอร์ไหน"
is about social security. The words that ask for a number (words.yaml `reaching`) rank an
article by its title only, where a contact card names its number, and weigh nothing in how much
of the question an article covers, so a card dense with numbers (the 1880 hotline's, or one of
steps that each name 1506) does not answer every topic's contact question."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.content import answers, search
from bot.content.loader import load_content, to_row
from tests.content.support import CONTENT_DIR, real_articles, shown_articles

ROWS = {article.id: to_row(article) for article in real_articles() if article.lang == "th"}


@pytest.mark.parametrize(
    ("question", "topic_word"),
    [
        ("โทรถามประกันสังคมเบอร์ไหน", "ประกันสังคม"),
        ("จัดหางานจังหวัดโทรเบอร์ไหน", "จัดหางาน"),
    ],
)
def test_a_contact_question_gets_an_article_about_the_topic_it_names(
    db_session: Session, question: str, topic_word: str
) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(db_session, "contact_office", None, question)

    assert messages is not None
    first = shown_articles(messages)[0]
    assert first != "more-hotline-1880-sbpac"
    assert topic_word in ROWS[first].search_tokens.split()


def test_a_card_of_steps_each_naming_the_number_does_not_answer_which_number_to_call(
    db_session: Session,
) -> None:
    # Each step of the card on an employer who deducts but does not pay in names 1506 ("โทร
    # สายด่วน 1506 ให้สำนักงานประกันสังคมตรวจสอบ"); the question tells of no such employer.
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(
        db_session, "contact_office", None, "โทรถามประกันสังคมเบอร์ไหน"
    )

    assert messages is not None
    first = shown_articles(messages)[0]
    assert first != "ss-employer-not-paying-in"
    assert "social_security" in ROWS[first].intents
    assert "1506" in str(messages[0].to_dict())


def test_words_asking_for_a_number_rank_an_article_by_its_title_only() -> None:
    rows = list(ROWS.values())

    asked = {hit.article.id: hit.score for hit in search.rank(rows, "โทรถามประกันสังคมเบอร์ไหน")}
    topic = {hit.article.id: hit.score for hit in search.rank(rows, "ประกันสังคม")}

    # Its summary and body name 1506 at every step, its title no number: as for the topic alone.
    employer = "ss-employer-not-paying-in"
    assert asked[employer] == pytest.approx(topic[employer])
    # A contact card names its number in its title ("สายด่วนกระทรวงแรงงาน").
    assert "hotlines-ministry" in asked and "hotlines-ministry" not in topic


def test_words_asking_for_a_number_weigh_nothing_in_what_the_question_is_about() -> None:
    weights = search.term_weights(list(ROWS.values()), "โทรถามประกันสังคมเบอร์ไหน")

    assert weights["ประกันสังคม"] > 0
    assert {t for t, w in weights.items() if w == 0} == {"โทร", "ถาม", "สายด่วน"}


def test_the_employment_department_is_read_as_people_name_it() -> None:
    # Cut by the segmenter, "จัดหางาน" was จัดหา (a stopword) and งาน: an employment office
    # question was a question about work.
    assert search.query_tokens("จัดหางานจังหวัด") == ("จัดหางาน", "จังหวัด")
    assert search.query_tokens("กรมการจัดหางาน") == ("จัดหางาน",)
