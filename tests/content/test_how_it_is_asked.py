"""How a question is asked picks among articles on one topic: "ยังไง" the article on how it is
done, "เรื่องอะไรบ้าง" the article on which matters, "ถึงไหนแล้ว" the article on what happens
next. The question words are stopwords to the search; the kinds of answer they ask for
(bot/content/words.yaml `asks`) are matched against the articles' titles, phrased as questions.
Malay asks the same kinds ("macam mana", "guano"; "perkara apa"; "sampai mana") of the Malay
articles, whose titles are phrased the same way ("Cara mengadu", "apa yang berlaku")."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.content import answers, search
from bot.content.loader import load_content, to_row
from bot.content.words import asked_kinds
from tests.content.support import CONTENT_DIR, real_articles, shown_articles


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # All four read as the same two words, ร้องเรียน and ผู้ตรวจการแผ่นดิน, without the kinds.
        ("ร้องเรียนผู้ตรวจการแผ่นดินยังไง", "ombudsman-how-to-complain"),
        ("ร้องผู้ตรวจการพันพรือ", "ombudsman-how-to-complain"),
        ("เรื่องอะไรร้องผู้ตรวจการได้บ้าง", "ombudsman-matters"),
        ("ร้องผู้ตรวจการแล้ว เรื่องไปถึงไหน", "ombudsman-process"),
        # Asked of the topic alone, what it is: the intent's main article, as before.
        ("ผู้ตรวจการแผ่นดินคืออะไร", "ombudsman-what"),
        ("ปกส คืออะไรคะ", "ss-sections-overview"),
    ],
)
def test_how_the_question_is_asked_picks_the_article_that_answers_it(
    db_session: Session, question: str, expected: str
) -> None:
    load_content(db_session, CONTENT_DIR)
    intent = "social_security" if "ปกส" in question else "ombudsman_info"

    messages = answers.answer_for_intent(db_session, intent, None, question)

    assert messages is not None and shown_articles(messages)[:1] == [expected]


def test_the_same_words_asked_differently_ask_for_different_kinds() -> None:
    how = asked_kinds("ร้องเรียนผู้ตรวจการแผ่นดินยังไง")
    which = asked_kinds("เรื่องอะไรร้องผู้ตรวจการได้บ้าง")
    since = asked_kinds("ร้องผู้ตรวจการแล้ว เรื่องไปถึงไหน")

    assert search.query_tokens("ร้องเรียนผู้ตรวจการแผ่นดินยังไง") == search.query_tokens(
        "ร้องผู้ตรวจการแล้ว เรื่องไปถึงไหน"
    )
    assert how and which and since
    assert len({how, which, since}) == 3


def test_a_title_phrased_as_a_question_is_indexed_with_its_kind() -> None:
    tokens = search.index_text("ร้องเรียนผู้ตรวจการแผ่นดิน ทำได้ทางไหน", "วิธีร้องเรียน", "สรุป", "")

    title, _summary, _body, kinds = tokens.split(search.FIELD_SEPARATOR)
    assert kinds.split() == list(asked_kinds("ทางไหน วิธี"))
    # The kinds are a field of their own: the title's words and length are as they were.
    assert title.split() == list(search.query_tokens("ร้องเรียนผู้ตรวจการแผ่นดิน ทำได้ทางไหน วิธีร้องเรียน"))


def test_how_it_is_asked_weighs_nothing_in_what_the_question_is_about() -> None:
    rows = [to_row(article) for article in real_articles() if article.lang == "th"]
    question = "ร้องเรียนผู้ตรวจการแผ่นดินยังไง"

    weights = search.term_weights(rows, question)

    # An article whose title is not phrased as a question lacks none of the question's words.
    assert weights[asked_kinds(question)[0]] == 0.0
    assert {t for t, w in weights.items() if w > 0} == set(search.query_tokens(question))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Standard Malay, Patani Malay: the same kinds as the Thai questions above.
        ("macam mana nak adu kat ombudsman", "ombudsman-how-to-complain-ms"),
        ("guano nok adu ombudsman", "ombudsman-how-to-complain-ms"),
        ("boleh adu ombudsman hal apa", "ombudsman-matters-ms"),
        ("aduan saya kat ombudsman dah sampai mana", "ombudsman-process-ms"),
        ("perkembangan aduan ombudsman", "ombudsman-process-ms"),
        # Asked what it is, the main article, as in Thai.
        ("ombudsman tu apa", "ombudsman-what-ms"),
    ],
)
def test_how_a_malay_question_is_asked_picks_the_malay_article_that_answers_it(
    db_session: Session, question: str, expected: str
) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(db_session, "ombudsman_info", None, question, "ms")

    assert messages is not None and shown_articles(messages)[:1] == [expected]


@pytest.mark.parametrize(
    ("malay", "thai"),
    [
        ("macam mana nak adu", "ร้องเรียนยังไง"),
        ("bagaimana nak mengadu", "ร้องเรียนอย่างไร"),
        ("gapo nak buat", "ทำไงดี"),
        ("apa yang perlu saya buat", "ทำไงดี"),
        ("boleh adu perkara apa", "ร้องเรื่องอะไรได้"),
        ("dapat apa-apa tak", "ได้อะไรบ้าง"),
        ("aduan dah sampai mana", "เรื่องไปถึงไหนแล้ว"),
        ("nak semak status aduan", "ติดตามเรื่อง"),
    ],
)
def test_a_malay_question_asks_the_kind_its_thai_counterpart_asks(malay: str, thai: str) -> None:
    assert asked_kinds(malay) == asked_kinds(thai) != ()


def test_a_malay_form_is_a_whole_word() -> None:
    # "secara sah" is "legally", not "cara" (how); "bicara" is "to speak".
    assert asked_kinds("nak kerja kat Malaysia secara sah") == ()
    assert asked_kinds("nak bicara dengan pegawai") == ()
    assert asked_kinds("ada cara nak kerja kat Malaysia") == asked_kinds("ยังไง")


def test_the_malay_articles_titles_carry_the_kinds_they_answer() -> None:
    articles = {a.id: a for a in real_articles() if a.lang == "ms"}

    def kinds(article_id: str) -> set[str]:
        article = articles[article_id]
        return set(asked_kinds(f"{article.title} {article.label or ''}"))

    assert kinds("ombudsman-how-to-complain-ms") == set(asked_kinds("ยังไง"))
    assert kinds("ombudsman-matters-ms") == set(asked_kinds("เรื่องอะไร"))
    assert kinds("ombudsman-process-ms") == set(asked_kinds("ถึงไหน"))


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        # Both social security articles read as หัก and ประกันสังคม; one title asks how much.
        ("ปี 72 ประกันสังคมจะหักเท่าไหร่", "social_security", "ss-section-33"),
        ("ลูกจ้างรายวันทำงานวันหยุดได้กี่เท่า", "labour_protection", "lpa-overtime-pay"),
        # Asked of the topic alone, the main article, as before.
        ("ประกันสังคมมีกี่มาตรา", "social_security", "ss-sections-overview"),
    ],
)
def test_a_question_asking_how_much_gets_the_article_whose_title_asks_it(
    db_session: Session, question: str, intent: str, expected: str
) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(db_session, intent, None, question)

    assert messages is not None and shown_articles(messages)[:1] == [expected]


def test_a_figure_of_the_persons_own_asks_how_much() -> None:
    rows = [to_row(article) for article in real_articles() if article.lang == "th"]
    how_much = set(asked_kinds("เท่าไหร่"))

    # No article has 875: it is the amount deducted from them, asked about.
    assert how_much <= set(search.question_terms(rows, "ประกันสังคมหักเพิ่มเป็น 875 ทำไม"))
    # 1506 and มาตรา 33 are the articles' own figures: they name a hotline and a section.
    assert not how_much & set(search.question_terms(rows, "สายด่วน 1506 ประกันสังคม"))
    assert not how_much & set(search.question_terms(rows, "ประกันสังคมมาตรา 33"))


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        # The two articles share their words: "ไม่" is a stopword, so "หักแต่ไม่ถูกนำส่ง" reads
        # as หัก, ประกันสังคม and นำส่ง, as the deduction article's "หักแล้วนำส่ง" does. What the
        # question says of the deduction tells them apart: its amount, or its not being paid in.
        ("ประกันสังคมหักเพิ่มเป็น 875 ทำไม", "th", "ss-section-33"),
        ("ลูกจ้างบริษัท โดนหักประกันสังคมเดือนละ 875 ถูกไหม", "th", "ss-section-33"),
        ("นายจ้างหักเงินประกันสังคมแต่ไม่ส่งเข้ากองทุน", "th", "ss-employer-not-paying-in"),
        ("เช็คแล้วนายจ้างไม่ได้ส่งเงินประกันสังคมให้หลายเดือน", "th", "ss-employer-not-paying-in"),
        ("kenapa potongan caruman keselamatan sosial naik jadi 875", "ms", "ss-section-33-ms"),
        (
            "gaji kena potong insurans sosial tapi majikan tak hantar",
            "ms",
            "ss-employer-not-paying-in-ms",
        ),
    ],
)
def test_the_amount_deducted_and_a_deduction_not_paid_in_get_their_own_articles(
    db_session: Session, question: str, lang: str, expected: str
) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(db_session, "social_security", None, question, lang)

    assert messages is not None and shown_articles(messages)[:1] == [expected]
