"""Queries over the loaded content: active articles, one article, the offices document.

Answers read every article in service on every question. Rows change only when content is
loaded (`asabot content load`, the console's unsure page linking a question), so the answer
path reads them from a per-process snapshot, checked against the tables with one small query
(row counts and the newest change stamps) instead of loading every row, JSON columns and all,
per event. The console keeps querying rows of its own session.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from bot.content.models import ContentArticle, ContentDocument

DEFAULT_LANG = "th"
OFFICES_DOCUMENT = "offices"
# Snapshots kept, one per database: production has one; a test run opens many in turn.
_SNAPSHOTS = 4
# One answer asks for the snapshot several times: the session keeps the one it checked until
# it writes, commits or rolls back (after which the tables may differ).
_SESSION_KEY = "asabot.content_snapshot"


def active_articles(session: Session, lang: str = DEFAULT_LANG) -> list[ContentArticle]:
    """Every article in service in one language, in id order."""
    query = (
        select(ContentArticle)
        .where(ContentArticle.lang == lang, ContentArticle.retired_at.is_(None))
        .order_by(ContentArticle.id)
    )
    return list(session.scalars(query))


def get_article(session: Session, article_id: str) -> ContentArticle | None:
    """An article in service; a retired one is gone for users (its facts may be outdated)."""
    row = session.get(ContentArticle, article_id)
    return row if row is not None and row.retired_at is None else None


@dataclass(frozen=True)
class Snapshot:
    """The content in service as one database holds it now; read only (rows are detached and
    shared by every request of the process)."""

    stamp: tuple[Any, ...]
    by_id: dict[str, ContentArticle]
    by_lang: dict[str, list[ContentArticle]]
    documents: dict[str, dict[str, Any]]

    def articles(self, lang: str = DEFAULT_LANG) -> list[ContentArticle]:
        """Every article in service in one language, in id order (a new list each call)."""
        return list(self.by_lang.get(lang, ()))

    def related(self, article: ContentArticle) -> list[ContentArticle]:
        """The article's related articles that are in service, in the order the author gave."""
        return [self.by_id[i] for i in article.related or () if i in self.by_id]

    def document(self, name: str) -> dict[str, Any]:
        """A loaded data document (a copy of its top level), {} when there is none."""
        return dict(self.documents.get(name) or {})


_lock = threading.Lock()
_snapshots: OrderedDict[str, Snapshot] = OrderedDict()


# Every content change moves one of these: the loader adds rows or sets updated_at on an update
# or a return to service, and retired_at on a retirement; documents likewise. Built once: they
# are read on every answer, by a statement of their own or as columns of another.
STAMP_COLUMNS = (
    select(func.count()).select_from(ContentArticle).scalar_subquery(),
    select(func.max(ContentArticle.updated_at)).scalar_subquery(),
    select(func.max(ContentArticle.retired_at)).scalar_subquery(),
    select(func.count()).select_from(ContentDocument).scalar_subquery(),
    select(func.max(ContentDocument.updated_at)).scalar_subquery(),
)
_STAMP = select(*STAMP_COLUMNS)
_STAMP_KEY = "asabot.content_stamp"


def note_stamp(session: Session, stamp: Sequence[Any]) -> None:
    """The STAMP_COLUMNS a query of the session's transaction read beside its own columns
    (bot/chat/person_state.py reads them at a chat turn's start): the session's next snapshot
    checks against them instead of asking again. Forgotten, like the snapshot, once the session
    writes, commits or rolls back."""
    session.info[_STAMP_KEY] = tuple(stamp)


def _stamp(session: Session) -> tuple[Any, ...]:
    noted: tuple[Any, ...] | None = session.info.get(_STAMP_KEY)
    if noted is not None:
        return noted
    # On the session's connection: a Core statement needs none of the ORM's execution steps.
    return tuple(session.connection().execute(_STAMP).one())


def _copy(row: ContentArticle) -> ContentArticle:
    # A transient copy in no session: the caller's own rows stay in its session, free to be
    # changed there, and nothing a request does to its rows reaches what the others read.
    columns = inspect(ContentArticle).column_attrs
    return ContentArticle(**{c.key: copy.deepcopy(getattr(row, c.key)) for c in columns})


def _read(session: Session, stamp: tuple[Any, ...]) -> Snapshot:
    query = (
        select(ContentArticle)
        .where(ContentArticle.retired_at.is_(None))
        .order_by(ContentArticle.id)
    )
    rows = [_copy(row) for row in session.scalars(query)]
    documents = {
        d.name: copy.deepcopy(dict(d.data or {})) for d in session.scalars(select(ContentDocument))
    }
    by_lang: dict[str, list[ContentArticle]] = {}
    for row in rows:
        by_lang.setdefault(row.lang, []).append(row)
    return Snapshot(stamp, {row.id: row for row in rows}, by_lang, documents)


def snapshot(session: Session) -> Snapshot:
    """The content in service, read again only when the tables changed since last time."""
    checked: Snapshot | None = session.info.get(_SESSION_KEY)
    if checked is not None:
        return checked
    fresh = _current(session)
    session.info[_SESSION_KEY] = fresh
    return fresh


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_SESSION_KEY, None)
    session.info.pop(_STAMP_KEY, None)


for _name in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(Session, _name, _forget)


def _current(session: Session) -> Snapshot:
    key = str(session.get_bind().engine.url)
    stamp = _stamp(session)
    with _lock:
        current = _snapshots.get(key)
        if current is not None and current.stamp == stamp:
            _snapshots.move_to_end(key)
            return current
    fresh = _read(session, stamp)
    with _lock:
        _snapshots[key] = fresh
        _snapshots.move_to_end(key)
        while len(_snapshots) > _SNAPSHOTS:
            _snapshots.popitem(last=False)
    return fresh
