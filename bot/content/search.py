"""BM25 ranking over the articles' search tokens (PyThaiNLP words, computed at load time).

An article is indexed in four fields, title (with its button label), summary, body and the
kinds of answer its title asks for (how, which matters, what happens next), each
ranked on its own and weighted: a question's words in the title name the article's topic, the
same words deep in a body are often only a mention. Articles and questions both go through
`search_text`, so "ม.40" finds "มาตรา 40" and "ปกส" finds "ประกันสังคม".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.content.article_sets import PerArticleSet
from bot.content.languages import MALAY
from bot.content.malay import malay_tokens
from bot.content.models import ContentArticle
from bot.content.thai import everyday_word_share, search_text, tokens
from bot.content.words import ASKS_PREFIX, asked_kinds, vocabulary
from intents.normalize import normalize

K1 = 1.5
B = 0.75
# Title, summary, body, the kinds of answer the title asks for. Tuned on
# tests/content/article_questions.yaml (the kinds on asked_questions.yaml, 2026-12-03). The kinds
# are a field of their own so that they leave the other fields' lengths, and scores, as they were.
FIELD_WEIGHTS = (3.0, 1.5, 1.0, 3.0)
# The title's place among the fields: words asking for a way to reach someone rank there only.
TITLE_FIELD = 0
# BM25's length normalisation per field: a title asking two things asks each as much as a
# title asking one.
FIELD_LENGTH_NORMS = (B, B, B, 0.0)
FIELD_SEPARATOR = "\n"
# Part of every article's content hash: raising it makes the next `content load` re-index
# every article, so a change to the tokens or fields reaches a database loaded before it.
INDEX_VERSION = 19
# A word in at least this share of an intent's articles names the intent's topic.
COMMON_SHARE = 0.6
# A word at least this much everyday Thai (see thai.everyday_word_share) names no topic.
EVERYDAY = 0.5
# Shorter place names ("นา", "ทุ่ง") are also everyday words: they are left in the question.
MIN_PLACE_NAME = 3
# Indexes kept for the article sets answers rank (all articles, each intent's): a few dozen.
_INDEX_CACHE = 256


@dataclass(frozen=True)
class Hit:
    article: ContentArticle
    score: float


class Bm25:
    """Okapi BM25 (Lucene's variant, from the bm25s library) over a small, fixed set of token
    lists. Built once per set of documents and kept; a query costs microseconds."""

    def __init__(self, documents: Sequence[Sequence[str]], b: float = B) -> None:
        import bm25s

        # A field empty in every document (rows indexed before fields existed) has no
        # average length; nothing in it can match.
        self._sizes = [len(doc) for doc in documents]
        self._count = len(documents) if any(documents) else 0
        self._index = bm25s.BM25(k1=K1, b=b, method="lucene")
        if self._count:
            # bm25s logs through its own logger and would draw a progress bar otherwise.
            self._index.index([list(doc) for doc in documents], show_progress=False)

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """Each document's score for `query`, as float64s in document order."""
        if not self._count:
            return np.zeros(len(self._sizes))
        return np.asarray(self._index.get_scores(list(dict.fromkeys(query))), dtype=np.float64)


@lru_cache(maxsize=_INDEX_CACHE)
def field_indexes(token_sets: tuple[str, ...]) -> tuple[Bm25, ...]:
    """One BM25 index per field over these articles' stored tokens, kept per article set."""
    fields = [_parsed_fields(tokens) for tokens in token_sets]
    return tuple(Bm25([doc[i] for doc in fields], b) for i, b in enumerate(FIELD_LENGTH_NORMS))


# A web address in an article or a question ("www.ombudsman.go.th", "unemploy.doe.go.th/x").
_URL = re.compile(
    r"(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:th|com|org|net|my|info)\b(?:/[^\s)]*)?",
    re.IGNORECASE,
)
# Parts of an address that name no topic.
_URL_NOISE = frozenset({"http", "https", "www", "go", "th", "or", "ac", "co", "in", "com", "org"})
WEBSITE = "เว็บไซต์"
# A figure as a token: an amount, a number of years, a hotline.
_FIGURE = re.compile(r"[\d.,]+")


def _read_url(match: re.Match[str]) -> str:
    # Read as "a website" and the names in it: the letters of an address, run through the
    # segmenter and the repeated-letter rule, came out as pieces ("w", "แผ่น", "ดิ").
    names = [w for w in re.split(r"[^a-z0-9]+", match.group(0).lower()) if w]
    return " ".join([f" {WEBSITE}", *(w for w in names if w not in _URL_NOISE), ""])


@lru_cache(maxsize=4096)  # one answer asks for the same question's tokens several times
def query_tokens(text: str) -> tuple[str, ...]:
    """Search tokens of a question or an article: typed the way the classifier reads it (Thai
    digits, repeated letters, dialect spellings undone), abbreviations spelled out, a web
    address as "เว็บไซต์" and its names; Malay words as bot.content.malay reads them."""
    return tuple(malay_tokens(tokens(search_text(normalize(_URL.sub(_read_url, text))))))


def index_text(title: str, label: str | None, summary: str, body: str) -> str:
    """What the loader stores as an article's search tokens: one line of tokens per field, the
    last the kinds of answer its title and label ask for (words.asked_kinds), as often as they
    ask them: a title phrased as a question ("ทำได้ทางไหน") says what the article answers."""
    heading = f"{title} {label or ''}"
    lines = (
        query_tokens(heading),
        query_tokens(summary),
        query_tokens(body),
        asked_kinds(heading),
    )
    return FIELD_SEPARATOR.join(" ".join(line) for line in lines)


def _fields(article: ContentArticle) -> tuple[tuple[str, ...], ...]:
    return _parsed_fields(article.search_tokens)


# Every answer reads every article's tokens; rows are loaded afresh per request, but their
# stored tokens change only with `content load`, so the parsing is kept per token string.
@lru_cache(maxsize=512)
def _parsed_fields(search_tokens: str) -> tuple[tuple[str, ...], ...]:
    lines = search_tokens.split(FIELD_SEPARATOR)
    if len(lines) == len(FIELD_WEIGHTS) - 1:
        # Indexed before the kinds of answer were (a database not reloaded yet): none.
        lines.append("")
    if len(lines) != len(FIELD_WEIGHTS):
        # Indexed before fields existed (a database not reloaded yet): all of it counts as body.
        return ((), (), tuple(search_tokens.split()), ())
    return tuple(tuple(line.split()) for line in lines)


@lru_cache(maxsize=512)
def _word_set(search_tokens: str) -> frozenset[str]:
    return frozenset(t for field in _parsed_fields(search_tokens) for t in field)


def rank(articles: Sequence[ContentArticle], query: str) -> list[Hit]:
    """Articles that share a word with the query, best first (ties keep the given order)."""
    wanted = question_terms(articles, query)
    if not wanted or not articles:
        return []
    indexes = field_indexes(stored_tokens(articles))
    # Words asking for a way to reach someone (words.yaml `reaching`) rank by the title alone: a
    # contact card names its number there ("สายด่วน 1694"). In a summary or a body a number is a
    # mention, most articles end with one, and a card of steps that each name it ("โทรสายด่วน
    # 1506 ให้...ตรวจสอบ", "ร้องเรียนได้ที่ 1506") answered "โทรถามประกันสังคมเบอร์ไหน".
    reaching = vocabulary().reaching
    topical = tuple(term for term in wanted if term not in reaching)
    # Field by field, in order, as a loop adding each weighted score would: the same sums.
    totals = np.zeros(len(articles))
    for field, (weight, index) in enumerate(zip(FIELD_WEIGHTS, indexes, strict=True)):
        terms = wanted if field == TITLE_FIELD else topical
        if terms:
            totals += weight * index.scores(terms)
    matched = np.flatnonzero(totals > 0)
    hits = [
        Hit(articles[i], score)
        for i, score in zip(matched.tolist(), totals[matched].tolist(), strict=True)
    ]
    return sorted(hits, key=lambda hit: -hit.score)


# Each article's stored search tokens, read once per set of rows (article_sets.py).
stored_tokens = PerArticleSet(lambda rows: tuple(a.search_tokens for a in rows), _INDEX_CACHE)
# Whether a set is all Malay articles: read once per set of rows, not on every question.
_all_malay = PerArticleSet(
    lambda rows: bool(rows) and all(a.lang == MALAY for a in rows), _INDEX_CACHE
)


def _words(article: ContentArticle) -> frozenset[str]:
    return _word_set(article.search_tokens)


# A piece of a word cut apart again is at least this long: shorter ones ("นา", "ปี") are
# everyday words that would match anything.
MIN_PIECE = 3


def question_terms(articles: Sequence[ContentArticle], query: str) -> tuple[str, ...]:
    """The question's search tokens cut as `articles` are cut, and the kinds of answer it asks
    for (words.asked_kinds, and those its own figures ask: _figure_kinds). The segmenter cuts a
    compound by its context: "จ้างแรงงาน" in a question, "จ้าง" and "แรงงาน" in the article;
    "ค้า" and "มนุษย์" in a question, "ค้ามนุษย์" in the article."""
    if not articles:
        return (*query_tokens(query), *asked_kinds(query))
    known, _by_length = _vocabulary(stored_tokens(articles))
    terms = _resegment(query_tokens(query), known)
    return (*terms, *asked_kinds(query), *_figure_kinds(terms, known))


def _figure_kinds(terms: Sequence[str], known: frozenset[str]) -> tuple[str, ...]:
    """The kinds a figure of the person's own asks (words.yaml `of_a_figure`), once per figure
    no article has. Without them "ประกันสังคมหักเพิ่มเป็น 875 ทำไม" read as หัก and ประกันสังคม
    alone, words the article on an employer who deducts but does not pay in repeats more often
    than the one on how much is deducted; the amount quoted asks how much, as "หักเท่าไหร่" does."""
    kinds = sorted(vocabulary().of_a_figure)
    return tuple(
        kind for term in terms if _FIGURE.fullmatch(term) and term not in known for kind in kinds
    )


def _resegment(terms: Sequence[str], known: frozenset[str]) -> tuple[str, ...]:
    """`terms` with two neighbours the articles hold as one word joined, and a word they lack
    split in two words they hold."""
    out: list[str] = []
    i = 0
    while i < len(terms):
        term = terms[i]
        after = terms[i + 1] if i + 1 < len(terms) else None
        if after is not None and (term not in known or after not in known):
            if term + after in known:
                out.append(term + after)
                i += 2
                continue
        if term not in known and not term.isascii():
            out.extend(_split_known(term, known))
        else:
            out.append(term)
        i += 1
    return tuple(out)


def _split_known(term: str, known: frozenset[str]) -> tuple[str, ...]:
    for cut in range(MIN_PIECE, len(term) - MIN_PIECE + 1):
        if term[:cut] in known and term[cut:] in known:
            return (term[:cut], term[cut:])
    return (term,)


def term_weights(articles: Sequence[ContentArticle], query: str) -> dict[str, float]:
    """Each search word of the question weighted by how rare it is among `articles` (a word no
    article has, like "ลาคลอด", weighs most), everyday Thai ("รู้", "เลย") weighing less."""
    wanted = set(question_terms(articles, query))
    reaching = vocabulary().reaching
    frequencies = _document_frequencies(stored_tokens(articles))
    count = len(articles)
    # Latin-letter words are everyday to Thai articles (thai.everyday_word_share), but they
    # are the words of Malay ones: there, malay.FUNCTION_WORDS already left out the everyday.
    malay = _all_malay(articles)
    out = {}
    for term in wanted:
        if term.startswith(ASKS_PREFIX) or term in reaching:
            # How it is asked ranks the articles (search.rank), but says nothing of the topic:
            # an article is not lacking the question's words for a title not phrased as one.
            out[term] = 0.0
            continue
        df = frequencies.get(term, 0)
        if df == 0 and _FIGURE.fullmatch(term):
            # A figure the person quotes ("วันละ 250", "ทำงานมา 22 ปี") that no article has is
            # their case, not a topic the articles lack; a figure articles have ("1694") counts.
            out[term] = 0.0
            continue
        rarity = math.log((count - df + 0.5) / (df + 0.5) + 1.0)
        everyday = 0.0 if malay and term.isascii() else everyday_word_share(term)
        out[term] = rarity * (1.0 - everyday)
    return out


def covered_share(weights: dict[str, float], chosen: ContentArticle) -> float:
    """The weighted share of the question's words `chosen` contains (1.0 with no weight)."""
    total = sum(weights.values())
    if total == 0:
        return 1.0
    own = _words(chosen)
    return sum(w for term, w in weights.items() if term in own) / total


def covered_shares(weights: dict[str, float], articles: Sequence[ContentArticle]) -> list[float]:
    """covered_share of each of `articles`, in order: the same sums, one word at a time over
    every article instead of one article at a time over every word."""
    total = sum(weights.values())
    if total == 0:
        return [1.0] * len(articles)
    holding = _holders(articles)
    held = np.zeros(len(articles))
    for term, weight in weights.items():
        holders = holding(term)
        if holders is not None:
            held[holders] += weight
    shares: list[float] = (held / total).tolist()
    return shares


class _Holders:
    """Which articles of a set hold each word, found the first time a question asks."""

    def __init__(self, rows: tuple[ContentArticle, ...]) -> None:
        self._words = [_words(row) for row in rows]
        self._known, _ = _vocabulary(stored_tokens(rows))
        self._found: dict[str, np.ndarray] = {}

    def __call__(self, term: str) -> np.ndarray | None:
        """The positions of the articles holding `term`; None when none does."""
        if term not in self._known:
            return None  # kept for the set's own words only: questions bring endless others
        found = self._found.get(term)
        if found is None:
            found = np.flatnonzero([term in words for words in self._words])
            self._found[term] = found
        return found


_holders = PerArticleSet(_Holders, _INDEX_CACHE)


def shared_topic_words(chosen: ContentArticle, query: str) -> int:
    """How many of the question's topic words (not everyday Thai) `chosen` contains."""
    own = _words(chosen)
    return sum(
        1 for t in set(query_tokens(query)) if t in own and everyday_word_share(t) < EVERYDAY
    )


def coverage(articles: Sequence[ContentArticle], chosen: ContentArticle, query: str) -> float:
    """How much of the question `chosen` speaks to, from 0 to 1: the share of the question's
    words it contains, each word weighted as term_weights says. 1.0 for a question without
    search words."""
    return covered_share(term_weights(articles, query), chosen)


def _topic_words(article: ContentArticle) -> set[str]:
    # Title and summary say what an article is about (and the title what it answers: its kinds);
    # a body mentions much else besides.
    title, summary, _body, kinds = _fields(article)
    return {*title, *summary, *kinds}


def is_generic(articles: Sequence[ContentArticle], query: str, topic: str = "") -> bool:
    """True when the question only names a topic: each of its search words is in `topic` (the
    intent's name) or in the titles or summaries of most of `articles` (the intent's articles)."""
    # How it is asked counts: "ร้องผู้ตรวจการยังไง" names only the topic, yet asks for the one
    # article whose title asks how ("ปกส คืออะไร" does not: the main article says what it is).
    wanted = {*query_tokens(query), *asked_kinds(query, of_a_topic=False)} - set(
        query_tokens(topic)
    )
    if not wanted:
        return True
    if len(articles) < 2:
        return False
    headings = [_topic_words(article) for article in articles]
    return all(_common_share(term, headings) >= COMMON_SHARE for term in wanted)


def titled_by(articles: Sequence[ContentArticle], query: str) -> ContentArticle | None:
    """The one article whose title (with its button label) holds every topic word of the
    question, or None when none or several do: "สายด่วนแรงงานต่างด้าว" only names topics all
    migrant articles speak of, yet one article's title is those words."""
    # Latin-letter words count as everyday Thai (thai.everyday_word_share), yet a Malay
    # title's words are its topic.
    wanted = {t for t in query_tokens(query) if t.isascii() or everyday_word_share(t) < EVERYDAY}
    if not wanted:
        return None
    titled = [a for a in articles if wanted <= set(_fields(a)[0])]
    return titled[0] if len(titled) == 1 else None


def _common_share(term: str, vocabularies: Sequence[set[str]]) -> float:
    return sum(term in vocabulary for vocabulary in vocabularies) / len(vocabularies)


def unanswered_words(
    articles: Sequence[ContentArticle],
    chosen: ContentArticle,
    query: str,
    topic: str = "",
    places: frozenset[str] = frozenset(),
) -> list[str]:
    """The question's topic words that `chosen` leaves unanswered, or [] when it answers them.

    `articles` are the intent's articles. [] when the title or summary of `chosen` has one of
    the question's specific words (not the intent's `topic`, not common to the intent, not
    everyday Thai): the article is about what was asked. Otherwise, the question's words that
    none of the intent's articles has, leaving out everyday Thai and `places` (an article about
    a province answers for its districts)."""
    wanted = set(query_tokens(query)) - set(query_tokens(topic))
    headings = [_topic_words(article) for article in articles] or [set()]
    if any(
        term in _topic_words(chosen)
        and _common_share(term, headings) < COMMON_SHARE
        and everyday_word_share(term) < EVERYDAY
        for term in wanted
    ):
        return []
    known, by_length = _vocabulary(stored_tokens(articles))
    # Place names are taken out of the text first: the segmenter splits one it does not know
    # ("สุไหงโกลก" into "สุไหง", "โก", "ลก").
    text = query.replace("-", "")
    for place in places:
        if len(place) >= MIN_PLACE_NAME and place.replace("-", "") in text:
            text = text.replace(place.replace("-", ""), " ")
    terms = _resegment(query_tokens(text), known)
    misspelt = _misspelt_pieces(terms, known, by_length)
    return sorted(
        term
        for term in set(terms) - set(query_tokens(topic)) - misspelt
        if term not in known and everyday_word_share(term) < EVERYDAY
    )


# A misspelt word is cut into pieces ("ประกันสงคม" into "ประกัน", "สง", "คม"); joined again
# they are one letter away from the word meant. Shorter joins are too easily one letter from
# an unrelated word.
MIN_MISSPELT_LENGTH = 5
MAX_MISSPELT_PIECES = 4


@lru_cache(maxsize=_INDEX_CACHE)
def _vocabulary(token_sets: tuple[str, ...]) -> tuple[frozenset[str], dict[int, tuple[str, ...]]]:
    """Every word of these articles, and the same words by length (a word one letter away from
    another is at most one letter longer or shorter): kept per article set, as the indexes are."""
    known = frozenset().union(*(_word_set(tokens) for tokens in token_sets))
    by_length: dict[int, list[str]] = {}
    for word in known:
        by_length.setdefault(len(word), []).append(word)
    return known, {n: tuple(words) for n, words in by_length.items()}


@lru_cache(maxsize=_INDEX_CACHE)
def _document_frequencies(token_sets: tuple[str, ...]) -> dict[str, int]:
    """How many of these articles hold each word: counted once per article set, not per
    question word and article on every answer."""
    counts: Counter[str] = Counter()
    for search_tokens in token_sets:
        counts.update(_word_set(search_tokens))
    return dict(counts)


def _misspelt_pieces(
    terms: Sequence[str], known: frozenset[str], by_length: dict[int, tuple[str, ...]]
) -> set[str]:
    """The pieces of `terms` that, joined, are a word of `known` with one letter wrong."""
    pieces: set[str] = set()
    for start in range(len(terms)):
        for end in range(start + 1, min(start + MAX_MISSPELT_PIECES, len(terms)) + 1):
            joined = "".join(terms[start:end])
            if (
                len(joined) >= MIN_MISSPELT_LENGTH
                and joined not in known
                and any(
                    _one_edit_apart(joined, word)
                    for size in (len(joined) - 1, len(joined), len(joined) + 1)
                    for word in by_length.get(size, ())
                )
            ):
                pieces.update(terms[start:end])
    return pieces


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one letter added, dropped or changed turns `a` into `b` (and a != b)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]
