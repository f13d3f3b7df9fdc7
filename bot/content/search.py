"""BM25 ranking over the articles' search tokens (PyThaiNLP words, computed at load time)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models.content import ContentArticle
from .thai import tokens

K1 = 1.5
B = 0.75


@dataclass(frozen=True)
class Hit:
    article: ContentArticle
    score: float


class Bm25:
    """Okapi BM25 over a small, fixed set of documents."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        self._docs = [Counter(doc) for doc in documents]
        self._lengths = [len(doc) for doc in documents]
        count = len(documents)
        self._average = (sum(self._lengths) / count) if count else 0.0
        frequency: Counter[str] = Counter()
        for doc in self._docs:
            frequency.update(doc.keys())
        self._idf = {
            term: math.log((count - df + 0.5) / (df + 0.5) + 1.0) for term, df in frequency.items()
        }

    def scores(self, query: Sequence[str]) -> list[float]:
        out = []
        for doc, length in zip(self._docs, self._lengths, strict=True):
            score = 0.0
            norm = K1 * (1 - B + B * length / self._average) if self._average else K1
            for term in set(query):
                tf = doc.get(term, 0)
                if tf:
                    score += self._idf[term] * tf * (K1 + 1) / (tf + norm)
            out.append(score)
        return out


def rank(articles: Sequence[ContentArticle], query: str) -> list[Hit]:
    """Articles that share a word with the query, best first (ties keep the given order)."""
    query_tokens = tokens(query)
    if not query_tokens or not articles:
        return []
    index = Bm25([article.search_tokens.split() for article in articles])
    hits = [
        Hit(article, score)
        for article, score in zip(articles, index.scores(query_tokens), strict=True)
        if score > 0
    ]
    return sorted(hits, key=lambda hit: -hit.score)
