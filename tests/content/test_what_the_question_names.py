"""What a question names picks the article: a law section ("มาตรา 33") the article about that
section, a province or one of its districts that province's article (before the user's own), an
article's title the article; and a daily-wage question about a province gets its wage."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.content import answers, choose
from bot.content.loader import load_content, to_row
from bot.content.sections import named_sections
from tests.content.support import CONTENT_DIR, real_articles, shown_articles

ROWS = [to_row(article) for article in real_articles() if article.lang == "th"]
MALAY_ROWS = [to_row(article) for article in real_articles() if article.lang == "ms"]


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        ("ม.40 จ่ายเท่าไหร่ แล้ว ม.39 ล่ะ", {"40", "39"}),
        ("ม.33 39 40 ต่างกันยังไง", {"33", "39", "40"}),
        ("ประกันสังคม มาตรา 33, 39, 40 ต่างกันอย่างไร", {"33", "39", "40"}),
        ("Keselamatan Sosial Seksyen 33, 39 dan 40", {"33", "39", "40"}),
        ("มาตรา 39 39/1 และ 42", {"39", "39/1", "42"}),
        ("มาตรา 40 จ่าย 100 บาท", {"40"}),
        ("มาตรา 40 100 บาท", {"40"}),  # an amount after the number is not another section
        ("มาตรา๔๐", {"40"}),
        ("ทำงานมา 40 ปี", set()),
    ],
)
def test_the_sections_a_text_names(text: str, sections: set[str]) -> None:
    assert named_sections(text) == sections


@pytest.mark.parametrize(
    ("intent", "question", "expected"),
    [
        ("social_security", "มาตรา 33 คืออะไร", "ss-section-33"),
        ("social_security", "มาตรา 39", "ss-section-39"),
        ("social_security", "มาตรา 40", "ss-section-40"),
        ("social_security", "ม.33 39 40 ต่างกันยังไง", "ss-sections-overview"),
        # No title names these: the article citing the Labour Protection Act's section.
        ("social_security", "มาตรา 118", "severance-pay"),
        ("labour_protection", "มาตรา 28", "lpa-weekly-rest-day"),
        # Not the overview of social security sections, whose "70" is baht.
        ("labour_protection", "มาตรา 70", "unpaid-wages"),
        ("labour_protection", "กฎหมายคุ้มครองแรงงาน มาตรา 39", "lpa-women-workers"),
    ],
)
def test_a_named_section_gets_the_article_about_that_section(
    db_session: Session, intent: str, question: str, expected: str
) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(db_session, intent, None, question)

    assert messages is not None and shown_articles(messages)[:1] == [expected]


def test_a_named_section_counts_more_than_the_overview_listing_it_among_others() -> None:
    chosen = answers.pick_article(ROWS, "social_security", None, "มาตรา 33 คืออะไร")
    malay = choose.rank_all(MALAY_ROWS, "social_security", None, "seksyen 40 bayar berapa").best

    assert chosen is not None and chosen.id == "ss-section-33"
    assert malay is not None and malay.article.id == "ss-section-40-ms"


def test_the_province_the_question_names_comes_before_the_users_own() -> None:
    named = answers.pick_article(ROWS, "minimum_wage", "ยะลา", "ค่าแรงขั้นต่ำปัตตานี")
    own = answers.pick_article(ROWS, "minimum_wage", "ยะลา", "ค่าแรงขั้นต่ำ")
    by_district = choose.rank_all(ROWS, "minimum_wage", "ยะลา", "ทำงานที่จะนะ ค่าแรงวันละเท่าไหร่")

    assert named is not None and named.id == "minimum-wage-pattani"
    assert own is not None and own.id == "minimum-wage-yala"
    assert by_district.best is not None and by_district.best.article.id == "minimum-wage-songkhla"


def test_a_province_weighs_the_same_when_picking_and_when_ranking() -> None:
    pattani = next(row for row in ROWS if row.id == "minimum-wage-pattani")
    general = next(row for row in ROWS if row.id == "minimum-wage-overview")

    assert choose.province_factor(pattani, "ปัตตานี") > choose.province_factor(general, "ปัตตานี")
    assert choose.province_factor(general, "ยะลา") > choose.province_factor(pattani, "ยะลา")
    assert choose.province_factor(general, None) > choose.province_factor(pattani, None)


def test_a_question_that_is_one_articles_title_gets_that_article(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(db_session, "migrant_workers", None, "สายด่วนแรงงานต่างด้าว")

    assert messages is not None and shown_articles(messages)[:1] == ["migrant-hotline-1694"]


def test_a_daily_wage_question_about_a_province_gets_its_wage(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(
        db_session, "minimum_wage", None, "ค่าจ้างรายวันต่ำสุดของนราธิวาส"
    )

    assert messages is not None and shown_articles(messages)[:1] == ["minimum-wage-narathiwat"]
    assert "337" in str(messages[0].to_dict())


def test_a_question_is_cut_as_the_articles_are_cut() -> None:
    # The segmenter cuts a compound by its context: the question's cut is matched to the
    # articles' words, joined or split.
    from bot.content.search import question_terms

    hiring = question_terms(ROWS, "จ้างแรงงานพม่าถูกกฎหมายทำยังไง")

    assert "จ้าง" in hiring and "แรงงาน" in hiring and "จ้างแรงงาน" not in hiring


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("แจ้งเบาะแสค้ามนุษย์เบอร์อะไร", "forced-labour-tipoff"),
        ("ส่งจดหมายร้องผู้ตรวจการได้ไหม", "ombudsman-how-to-complain"),
    ],
)
def test_words_people_type_find_the_article_that_says_it_otherwise(
    question: str, expected: str
) -> None:
    best = choose.rank_all(ROWS, None, None, question).best

    assert best is not None and best.article.id == expected


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("เงินเดือนออกช้ามา 2 เดือนแล้ว", ("จ่าย", "ค่าจ้าง")),
        ("ค่าจ้างรายวันต่ำสุดของนราธิวาส", ("ค่าจ้าง", "วัน", "ขั้นต่ำ")),
        # The articles' compound is read as its two words, so a word between them still finds it.
        ("ค่าจ้างขั้นต่ำวันละ 337 บาท", ("ค่าจ้าง", "ขั้นต่ำ", "วัน")),
    ],
)
def test_wage_words_are_read_as_the_wage_articles_write_them(
    typed: str, read: tuple[str, ...]
) -> None:
    from bot.content.search import query_tokens

    tokens = query_tokens(typed)

    assert all(word in tokens for word in read), tokens


@pytest.mark.parametrize(
    "question",
    [
        "ที่บ้านทำสวนยาง ไม่มีนายจ้าง อยากมีประกันสังคมไว้ตอนแก่ ต้องสมัครอะไร จ่ายเท่าไหร่",
        "ไม่มีนายจ้าง อยากมีประกันสังคม สมัครยังไง",
    ],
)
def test_work_without_an_employer_names_the_self_employeds_section_40(
    db_session: Session, question: str
) -> None:
    # Section 39 is for those insured under section 33 before; "no employer" and a rubber
    # garden are the informal work (words.yaml: อาชีพอิสระ) of section 40.
    load_content(db_session, CONTENT_DIR)

    messages = answers.answer_for_intent(db_session, "social_security", None, question)

    assert messages is not None and shown_articles(messages)[:1] == ["ss-section-40"]
