"""What is worked out once per set of article rows: kept for the same rows, made again for
others, and the same answers as working it out afresh."""

from __future__ import annotations

import pytest

from bot.content import choose, search, words
from bot.content.article_sets import PerArticleSet
from bot.content.loader import to_row
from bot.content.models import ContentArticle
from bot.content.passages import Passage, passage_index, split_passages
from tests.content.support import real_articles

ROWS = [to_row(article) for article in real_articles() if article.lang == "th"]
QUESTIONS = [
    "นายจ้างไม่จ่ายเงินเดือนสองเดือนแล้วทำยังไงดี",
    "1694 เปิดตั้งแต่เมื่อไหร่",
    "ค่าแรงขั้นต่ำปัตตานีวันละเท่าไหร่คะ",
    "ร้องเรียนผู้ตรวจการแผ่นดินได้ทางไหน",
    "คำที่ไม่มีในบทความใดเลย",
    "โทรถามประกันสังคมเบอร์ไหน",
    "ประกันสังคมหักเพิ่มเป็น 875 ทำไม",
]


def _row(article_id: str) -> ContentArticle:
    return ContentArticle(id=article_id, title="t", summary="s", body="b", search_tokens="x")


def test_the_same_rows_are_worked_out_once() -> None:
    made: list[tuple[str, ...]] = []
    ids = PerArticleSet(lambda rows: made.append(tuple(r.id for r in rows)) or len(made), size=4)
    rows = [_row("a"), _row("b")]

    first, again = ids(rows), ids(list(rows))

    assert first == again == 1
    assert made == [("a", "b")]


def test_other_rows_with_the_same_content_are_worked_out_again() -> None:
    # A new snapshot's rows are other objects: what was made of the old ones is not theirs.
    made: list[int] = []
    count = PerArticleSet(lambda rows: made.append(len(rows)) or len(made), size=4)

    assert count([_row("a")]) == 1
    assert count([_row("a")]) == 2
    assert count([_row("a"), _row("b")]) == 3


def test_only_the_sets_used_last_are_kept() -> None:
    made: list[str] = []
    ids = PerArticleSet(lambda rows: made.append(rows[0].id) or rows[0].id, size=2)
    a, b, c = [_row("a")], [_row("b")], [_row("c")]

    ids(a), ids(b), ids(a), ids(c)  # b is the least recently used when c comes
    ids(a), ids(b)

    assert made == ["a", "b", "c", "b"]


def _best_passages_one_by_one(rows: list[ContentArticle], query: str) -> dict[str, Passage]:
    # The definition: each article's first passage with its highest score, when above zero.
    index = passage_index(rows)
    scores = index.index.scores(search.query_tokens(query))
    best: dict[str, tuple[Passage, float]] = {}
    for passage, score in zip(index.passages, scores, strict=True):
        if score > 0 and score > best.get(passage.article_id, (passage, 0.0))[1]:
            best[passage.article_id] = (passage, score)
    return {article_id: passage for article_id, (passage, _) in best.items()}


@pytest.mark.parametrize("query", QUESTIONS)
def test_each_article_s_best_passage_is_its_first_highest_scoring_one(query: str) -> None:
    found = passage_index(ROWS).match(query).best()

    assert {a: p for a, (p, _) in found.items()} == _best_passages_one_by_one(ROWS, query)


def test_an_article_s_passages_are_its_summary_then_its_body_in_order() -> None:
    index = passage_index(ROWS)

    assert index.passages == tuple(p for row in ROWS for p in split_passages(row))
    assert index.article_ids == tuple(row.id for row in ROWS)


@pytest.mark.parametrize("query", QUESTIONS)
def test_field_scores_add_up_as_one_score_at_a_time_would(query: str) -> None:
    wanted = search.question_terms(ROWS, query)
    topical = [t for t in wanted if t not in words.vocabulary().reaching]  # titles only
    indexes = search.field_indexes(tuple(row.search_tokens for row in ROWS))
    totals = [0.0] * len(ROWS)
    for field, (weight, index) in enumerate(zip(search.FIELD_WEIGHTS, indexes, strict=True)):
        terms = wanted if field == search.TITLE_FIELD else topical
        for i, score in enumerate(index.scores(terms) if terms else []):
            totals[i] += weight * score
    expected = sorted(
        ((row.id, total) for row, total in zip(ROWS, totals, strict=True) if total > 0),
        key=lambda pair: -pair[1],
    )

    assert [(hit.article.id, hit.score) for hit in search.rank(ROWS, query)] == expected


def test_the_province_asked_about_is_found_among_the_articles_about_one() -> None:
    assert choose.wanted_province(ROWS, None, "ค่าแรงขั้นต่ำยะลาเท่าไหร่") == "ยะลา"
    assert choose.wanted_province(ROWS, "นราธิวาส", "ค่าแรงขั้นต่ำเท่าไหร่") == "นราธิวาส"


@pytest.mark.parametrize("query", QUESTIONS)
def test_every_article_s_share_of_the_question_is_as_each_alone_would_have_it(query: str) -> None:
    weights = search.term_weights(ROWS, query)

    assert search.covered_shares(weights, ROWS) == [
        search.covered_share(weights, row) for row in ROWS
    ]
