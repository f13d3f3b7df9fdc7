"""Features of a message: character n-grams and words, as TF-IDF blocks of our own.

The vectoriser is written out here rather than taken from scikit-learn so that a saved model is
only vocabularies and arrays (no pickled objects), and one message is scored in microseconds.
The arithmetic is TfidfVectorizer's (smooth idf, sublinear tf, l2 norm), one block at a time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .normalize import clip, normalize
from .tokenize import abbreviations, tokenize


@dataclass(frozen=True, slots=True)
class Analyzed:
    """A message cut into the raw terms of each feature block."""

    normalized: str
    chars: list[str]
    words: list[str]


def _char_ngrams(text: str, low: int, high: int) -> list[str]:
    """n-grams inside each space-separated chunk, padded with a space (scikit-learn's char_wb)."""
    grams: list[str] = []
    for chunk in text.split():
        padded = f" {chunk} "
        size = len(padded)
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


def analyze(text: str, config: dict, *, normalized: str | None = None) -> Analyzed:
    """Normalise (unless given), then cut into char n-grams and word uni/bigrams."""
    norm = normalize(text) if normalized is None else normalized
    tokens = [t for t in tokenize(clip(norm)) if not t.isspace()]
    expansions = abbreviations()
    # An abbreviation also counts as its full form, so "ปกส." meets "ประกันสังคม".
    expanded: list[str] = []
    for token in tokens:
        full = expansions.get(token)
        expanded.extend(tokenize(full) if full else (token,))
    words = list(expanded)
    if config["word_bigrams"]:
        words.extend(f"{a}|{b}" for a, b in zip(expanded, expanded[1:], strict=False))
    char_source = "".join(full_or_token(t, expansions) for t in tokens) if tokens else ""
    chars = _char_ngrams(
        " ".join(char_source.split()), config["char_ngram_min"], config["char_ngram_max"]
    )
    return Analyzed(norm, chars, words)


def full_or_token(token: str, expansions: dict[str, str]) -> str:
    """The full form of an abbreviation, or the token itself (spaces between Latin words kept)."""
    full = expansions.get(token)
    if full:
        return full
    return f" {token} " if token.isascii() else token


class Block:
    """One TF-IDF block: a vocabulary and its idf weights."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray) -> None:
        self.terms = list(vocabulary)
        self.index = {term: i for i, term in enumerate(self.terms)}
        self.idf = np.asarray(idf, dtype=np.float64)

    @classmethod
    def fit(cls, documents: Iterable[list[str]], min_df: int) -> Block:
        df: Counter[str] = Counter()
        n = 0
        for terms in documents:
            df.update(set(terms))
            n += 1
        vocabulary = sorted(term for term, count in df.items() if count >= min_df)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocabulary])
        return cls(vocabulary, idf)

    def vector(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(indices, l2-normalised weights) of the known terms."""
        counts: Counter[int] = Counter()
        index = self.index
        for term in terms:
            i = index.get(term)
            if i is not None:
                counts[i] += 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        weights = (1.0 + np.log(tf)) * self.idf[indices]
        return indices, weights / np.linalg.norm(weights)

    def __len__(self) -> int:
        return len(self.terms)
