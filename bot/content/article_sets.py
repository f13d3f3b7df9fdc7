"""What is worked out once for a set of article rows and asked again on every answer.

An answer ranks the same few sets of rows (every article of a language, each intent's) on
every question: the rows come from the process's content snapshot (store.py), shared and read
only, so anything made from a set (its token strings, its passage index) can be found again by
the rows themselves instead of by reading every row's columns (SQLAlchemy attributes, a few
hundred per set) into a key each time. A new snapshot brings new rows, so new keys.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from bot.content.models import ContentArticle

_Value = TypeVar("_Value")


class PerArticleSet(Generic[_Value]):
    """`make(rows)` for each set of row objects, kept for the `size` sets used last.

    Keyed by the rows' identities, in order. An entry holds its rows, so no row of a kept set
    can be freed and its id given to another object. Rows must not be changed once asked
    about (the snapshot's never are).
    """

    def __init__(self, make: Callable[[tuple[ContentArticle, ...]], _Value], size: int) -> None:
        self._make = make
        self._size = size
        self._kept: OrderedDict[tuple[int, ...], tuple[tuple[ContentArticle, ...], _Value]]
        self._kept = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, articles: Sequence[ContentArticle]) -> _Value:
        key = tuple(map(id, articles))
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return kept[1]
        rows = tuple(articles)
        value = self._make(rows)
        with self._lock:
            self._kept[key] = (rows, value)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return value
