"""Passages within articles: the summary, then each block of the body, ranked by BM25.

A question is often answered by one paragraph of an article ("when did 1694 open"): the
passage that answers it is found among every article's passages, each indexed with its
article's title (a passage alone rarely names its topic).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from bot.content.article_sets import PerArticleSet
from bot.content.models import ContentArticle
from bot.content.search import Bm25, query_tokens

# A body line this short with no sentence ending is a heading ("ใครใช้ได้"): it belongs to the
# block after it.
HEADING_LENGTH = 40
SENTENCE_ENDINGS = ("ค่ะ", "คะ", "ครับ", ".", ")", "ได้")
# Title tokens are repeated in each passage's document so the topic weighs as in the article.
TITLE_REPEAT = 2


@dataclass(frozen=True)
class Passage:
    """One block of an article: number 0 is the summary, then the body's blocks in order."""

    article_id: str
    number: int
    text: str


def _is_heading(block: str) -> bool:
    return (
        "\n" not in block and len(block) <= HEADING_LENGTH and not block.endswith(SENTENCE_ENDINGS)
    )


def split_passages(article: ContentArticle) -> tuple[Passage, ...]:
    """The summary and the body's blocks (a heading joined to the block under it)."""
    blocks = [b.strip() for b in article.body.split("\n\n") if b.strip()]
    merged: list[str] = []
    pending = ""
    for block in blocks:
        if _is_heading(block):
            pending = f"{pending}\n{block}".strip()
            continue
        merged.append(f"{pending}\n{block}".strip() if pending else block)
        pending = ""
    if pending:
        merged.append(pending)
    texts = [article.summary, *merged]
    return tuple(Passage(article.id, n, text) for n, text in enumerate(texts))


@lru_cache(maxsize=2048)
def _passage_tokens(title: str, text: str) -> tuple[str, ...]:
    return query_tokens(title) * TITLE_REPEAT + query_tokens(text)


@dataclass(frozen=True)
class PassageIndex:
    passages: tuple[Passage, ...]
    index: Bm25

    def match(self, query: str) -> PassageMatch:
        """Every passage's score for `query`, computed once."""
        wanted = query_tokens(query)
        scores = self.index.scores(wanted) if wanted else np.zeros(len(self.passages))
        return PassageMatch(self, scores)

    @cached_property
    def starts(self) -> np.ndarray:
        """Where each article's passages begin: an article's are together, its summary first."""
        return np.flatnonzero([p.number == 0 for p in self.passages])

    @cached_property
    def article_ids(self) -> tuple[str, ...]:
        """The article of each run of passages that `starts` begins."""
        return tuple(self.passages[i].article_id for i in self.starts)


@dataclass(frozen=True, eq=False)  # its scores are an array: compared by identity
class PassageMatch:
    of: PassageIndex
    scores: np.ndarray  # float64, one per passage of `of`

    def best(self) -> dict[str, tuple[Passage, float]]:
        """Each article's best passage and its score (articles with a match); of equal
        scores, the first passage."""
        if not len(self.scores):
            return {}
        starts = self.of.starts
        tops = np.maximum.reduceat(self.scores, starts)
        sizes = np.diff(np.append(starts, len(self.scores)))
        at_top = np.flatnonzero(self.scores == np.repeat(tops, sizes))
        run_of = np.searchsorted(starts, at_top, side="right") - 1
        # The first passage at each run's top (reduceat's maximum is one of the run's scores).
        runs, first = np.unique(run_of, return_index=True)
        out: dict[str, tuple[Passage, float]] = {}
        for run, position in zip(runs.tolist(), at_top[first].tolist(), strict=True):
            score = float(self.scores[position])
            if score > 0:
                out[self.of.article_ids[run]] = (self.of.passages[position], score)
        return out

    def summary_score(self, article_id: str) -> float:
        """The score of the article's summary (its passage 0)."""
        return self._summary_scores.get(article_id, 0.0)

    @cached_property
    def _summary_scores(self) -> dict[str, float]:
        # Asked for each article in turn: one pass, not one scan of every passage per article.
        return dict(zip(self.of.article_ids, self.scores[self.of.starts].tolist(), strict=True))


def passage_index(articles: Sequence[ContentArticle]) -> PassageIndex:
    """The passage index of these articles, kept while their content is unchanged."""
    return _for_rows(articles)


def _index_of(rows: tuple[ContentArticle, ...]) -> PassageIndex:
    # Rows of another snapshot with the same content share the index built for the first.
    return _build(tuple((a.id, a.content_hash, a.title, a.summary, a.body) for a in rows))


_for_rows = PerArticleSet(_index_of, 64)


@lru_cache(maxsize=16)
def _build(key: tuple[tuple[str, str, str, str, str], ...]) -> PassageIndex:
    passages: list[Passage] = []
    documents: list[tuple[str, ...]] = []
    for article_id, _hash, title, summary, body in key:
        row = ContentArticle(id=article_id, title=title, summary=summary, body=body)
        for passage in split_passages(row):
            passages.append(passage)
            documents.append(_passage_tokens(title, passage.text))
    return PassageIndex(tuple(passages), Bm25(documents))
