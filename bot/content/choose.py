"""The answer chosen for the question: across every article, the intent a prior, not a fence.

The classifier's intent says what the question is about in general; the words say which
article answers it. "ประกันสังคมเบอร์โทรอะไร" is a contact question (the intent) about social
security (the words): an article of another intent may answer it best. Each article is scored
by its fields (search.rank) and its best passage (passages.py), the classified intent's articles
weigh more, and a two-part question gets an article for each part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.content import search
from bot.content.article_sets import PerArticleSet
from bot.content.models import ContentArticle
from bot.content.passages import Passage, passage_index
from bot.content.sections import named_sections, section_factor
from bot.content.thai import normalise_province
from intents.normalize import normalize

# An article of the classified intent counts this much more (1.0 = twice as much).
INTENT_PRIOR = 1.0
# The best passage's score is added to the article's field scores with this weight.
PASSAGE_WEIGHT = 2.0
# Articles about one province: the one asked about (or the user's own) counts more, another's
# much less.
OWN_PROVINCE = 1.5
OTHER_PROVINCE = 0.2
UNKNOWN_PROVINCE = 0.5
# How strongly the share of the question's weighted words an article holds scales its score.
COVERAGE_POWER = 0.5
# A body passage is shown instead of the summary when it scores this much more than it.
PASSAGE_OVER_SUMMARY = 1.5
# A second part's article must score at least this share of what the first part's scored.
# 0.25 until ค่าจ้างขั้นต่ำ was read as two words (2026-12-02): a wage question's first part
# then scores a quarter higher, and "...แล้วถ้านายจ้างจ่ายไม่ถึงต้องทำยังไง" (0.23 of it) lost
# its card; at 0.2 nothing of tests/content/asked_questions.yaml changed.
SECOND_PART_SHARE = 0.2
# A part the first article answers this nearly as well as the part's best needs no second one.
SAME_ARTICLE_SHARE = 0.8
# Where a two-part question divides: before "แล้ว/และ/หรือ/ส่วน", or after a question word.
_QUESTION_END = re.compile(
    r"(?:ไหม|มั้ย|ยังไง|อย่างไร|พรือ|เท่าไหร่|เท่าไร|กี่\S*|อะไร|ไหน|ใคร|ล่ะ|หรือเปล่า|บ้าง)$"
)
_PART_START = re.compile(r"^(?:แล้ว|และ|หรือ|ส่วน|อีกเรื่อง)")


@dataclass(frozen=True)
class Choice:
    """An article for (part of) the question, and the passage that answers it best."""

    article: ContentArticle
    score: float
    passage: Passage | None = None  # a body passage, when it answers better than the summary


@dataclass(frozen=True)
class Ranked:
    """Every article's score for one question, best first."""

    choices: list[Choice] = field(default_factory=list)

    @property
    def best(self) -> Choice | None:
        return self.choices[0] if self.choices else None


def _named_provinces(
    article: ContentArticle, query: str, words: Sequence[str] | None = None
) -> list[str]:
    if words is None:
        words = search.query_tokens(query)
    return [name for name in article.provinces if name in query or name in words]


def names_province(article: ContentArticle, query: str) -> bool:
    """Whether the question names one of the article's provinces (its short forms too: "นราฯ")."""
    return bool(_named_provinces(article, query))


def wanted_province(
    articles: Sequence[ContentArticle], province: str | None, query: str | None
) -> str | None:
    """The province an answer is about: the one the question names (among the articles'
    provinces, or by one of its districts: "จะนะ"), else the user's own (`province`: any
    spelling or geothai code)."""
    if query:
        words = search.query_tokens(query)
        placed = _with_provinces(articles)
        for article in placed:
            named = _named_provinces(article, query, words)
            if named:
                return named[0]
        provinces = {p for article in placed for p in article.provinces}
        for word in words:
            place = normalise_province(word) if len(word) >= search.MIN_PLACE_NAME else None
            if place in provinces:
                return place
    return normalise_province(province)


# The articles about particular provinces, in order: most are about none.
_with_provinces = PerArticleSet(lambda rows: [a for a in rows if a.provinces], 256)


def province_factor(article: ContentArticle, wanted: str | None) -> float:
    """How much an article about one province counts when the answer is about `wanted`
    (wanted_province): its own articles first, then general ones (they cover every province),
    then other provinces'."""
    if not article.provinces:
        return 1.0
    if wanted is None:
        return UNKNOWN_PROVINCE
    return OWN_PROVINCE if wanted in article.provinces else OTHER_PROVINCE


def standing(article: ContentArticle, wanted: str | None, sections: frozenset[str]) -> float:
    """What an article counts for beyond its words: the province and the law sections the
    question is about (1.0 for neither)."""
    return province_factor(article, wanted) * section_factor(article, sections)


def rank_all(
    articles: Sequence[ContentArticle], intent_id: str | None, province: str | None, query: str
) -> Ranked:
    """Every article that shares a word with `query`, scored as the module docstring says."""
    wanted = wanted_province(articles, province, query)
    sections = named_sections(query)
    fields = {hit.article.id: hit.score for hit in search.rank(articles, query)}
    shares = search.covered_shares(search.term_weights(articles, query), articles)
    matched = passage_index(articles).match(query)
    passages = matched.best()
    scored: list[Choice] = []
    for article, share in zip(articles, shares, strict=True):
        lexical = fields.get(article.id, 0.0)
        best = passages.get(article.id)
        if lexical <= 0 and best is None:
            continue
        passage_score = best[1] if best else 0.0
        score = lexical + PASSAGE_WEIGHT * passage_score
        if intent_id is not None and intent_id in article.intents:
            score *= 1.0 + INTENT_PRIOR
        score *= standing(article, wanted, sections)
        # An article that lacks the question's rarest words is about something else, however
        # often it repeats the common ones ("ติดต่อ" in every contact card).
        score *= share**COVERAGE_POWER
        shown = None
        if best is not None and best[0].number > 0:
            if best[1] >= PASSAGE_OVER_SUMMARY * matched.summary_score(article.id):
                shown = best[0]
        scored.append(Choice(article, score, shown))
    scored.sort(key=lambda c: (-c.score, -c.article.priority, c.article.id))
    return Ranked(scored)


def question_parts(query: str) -> list[str]:
    """The parts of a question that asks two things, or [query] when it asks one."""
    words = normalize(query).split()
    parts: list[list[str]] = [[]]
    for word in words:
        current = parts[-1]
        if current and (_PART_START.match(word) or _QUESTION_END.search(current[-1])):
            parts.append([word])
        else:
            current.append(word)
    texts = [" ".join(p) for p in parts if p]
    # A part without a search word of its own ("ล่ะ") belongs to the one before it.
    kept: list[str] = []
    for text in texts:
        if kept and len(search.query_tokens(text)) < 1:
            kept[-1] = f"{kept[-1]} {text}"
        else:
            kept.append(text)
    return kept if len(kept) > 1 else [query]


def second_part(
    articles: Sequence[ContentArticle],
    intent_id: str | None,
    province: str | None,
    query: str,
    first: Choice,
) -> Choice | None:
    """For a two-part question, the best article of a part that `first` does not answer."""
    parts = question_parts(query)
    if len(parts) < 2:
        return None
    for part in parts:
        choices = rank_all(articles, intent_id, province, part).choices
        if not choices or choices[0].article.id == first.article.id:
            continue
        best = choices[0]
        if _same_topic(first.article, best.article):
            # A neighbour of the first article (related, same intent) is that part asked
            # again: its button is under the first card already; look for another part.
            continue
        own = next((c for c in choices if c.article.id == first.article.id), None)
        # The first article answers this part nearly as well: no second article needed.
        if own is not None and own.score >= SAME_ARTICLE_SHARE * best.score:
            continue
        if best.score >= SECOND_PART_SHARE * first.score:
            return best
    return None


def _same_topic(first: ContentArticle, other: ContentArticle) -> bool:
    related = other.id in first.related or first.id in other.related
    return related and bool(set(first.intents) & set(other.intents))
