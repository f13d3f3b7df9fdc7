"""Load a content folder into the database: add, update, retire; leave unchanged rows alone."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content.check import OFFICES_FILE, read_content
from bot.content.models import ContentArticle, ContentDocument
from bot.content.schema import Article, Problem
from bot.content.search import INDEX_VERSION, index_text
from bot.content.store import OFFICES_DOCUMENT
from bot.content.wages import WAGES_DOCUMENT
from bot.core.orm import utcnow
from intents.taxonomy import load_taxonomy


class ContentError(Exception):
    """The content folder has problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in content: " + "; ".join(map(str, problems)))


@dataclass
class LoadReport:
    """What one load changed, article ids in each list."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    documents_changed: list[str] = field(default_factory=list)
    # Translations whose original was reviewed since: not in service until translated again.
    stale: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.retired or self.documents_changed)

    def lines(self) -> list[str]:
        """Human-readable lines for the CLI."""
        out = [f"added {a}" for a in self.added]
        out += [f"updated {a}" for a in self.updated]
        out += [f"retired {a}" for a in self.retired]
        out += [f"loaded document {d}" for d in self.documents_changed]
        out += [f"left out {a}: stale translation" for a in self.stale]
        out.append(
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.retired)} retired, "
            f"{len(self.unchanged)} unchanged"
        )
        return out


def _hash(value: Any) -> str:
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _digest(article: Article) -> str:
    # The index version is part of the hash so that a new way of indexing re-indexes every row.
    return _hash({**article.to_record(), "search_index": INDEX_VERSION})


def _apply(row: ContentArticle, article: Article, digest: str) -> None:
    row.lang = article.lang
    row.title = article.title
    row.label = article.label
    row.summary = article.summary
    row.body = article.body
    row.intents = list(article.intents)
    row.provinces = list(article.provinces)
    row.related = list(article.related)
    row.sources = [source.to_dict() for source in article.sources]
    row.audience = article.audience
    row.priority = article.priority
    row.reviewed = article.reviewed
    row.search_tokens = index_text(article.title, article.label, article.summary, article.body)
    row.content_hash = digest
    row.source_path = article.path


def to_row(article: Article) -> ContentArticle:
    """A new, unsaved row for an article (also how tests compose messages without a database)."""
    now = utcnow()
    row = ContentArticle(id=article.id, created_at=now, updated_at=now)
    _apply(row, article, _digest(article))
    return row


def load_content(
    session: Session, content_dir: Path | str, taxonomy_ids: Iterable[str] | None = None
) -> LoadReport:
    """Bring the database in line with content_dir and commit; raise ContentError if invalid."""
    ids = taxonomy_ids if taxonomy_ids is not None else load_taxonomy().ids
    content = read_content(Path(content_dir), ids)
    if content.problems:
        raise ContentError(content.problems)
    report = LoadReport(stale=[a.id for a in content.articles if a not in content.loadable])
    now = utcnow()
    existing = {row.id: row for row in session.scalars(select(ContentArticle))}
    for article in content.loadable:
        digest = _digest(article)
        row = existing.pop(article.id, None)
        if row is None:
            row = to_row(article)
            row.created_at = row.updated_at = now
            session.add(row)
            report.added.append(article.id)
        elif row.content_hash != digest or row.retired_at is not None:
            _apply(row, article, digest)
            row.updated_at = now
            row.retired_at = None
            report.updated.append(article.id)
        else:
            report.unchanged.append(article.id)
    for row in existing.values():
        if row.retired_at is None:
            row.retired_at = now
            report.retired.append(row.id)
    _load_document(session, OFFICES_DOCUMENT, content.offices, report, now)
    if content.wages:
        _load_document(session, WAGES_DOCUMENT, content.wages, report, now)
    session.commit()
    return report


def _load_document(
    session: Session, name: str, data: dict[str, Any], report: LoadReport, now: Any
) -> None:
    # YAML dates become text so the JSON column stores the same thing on every database.
    plain = json.loads(json.dumps(data, ensure_ascii=False, default=str))
    digest = _hash(plain)
    row = session.get(ContentDocument, name)
    if row is None:
        session.add(ContentDocument(name=name, data=plain, content_hash=digest, updated_at=now))
        report.documents_changed.append(name)
    elif row.content_hash != digest:
        row.data, row.content_hash, row.updated_at = plain, digest, now
        report.documents_changed.append(name)


__all__ = ["OFFICES_FILE", "ContentError", "LoadReport", "load_content", "to_row"]
