"""Queries over the loaded content: active articles, one article, the offices document."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content.models import ContentArticle, ContentDocument

DEFAULT_LANG = "th"
OFFICES_DOCUMENT = "offices"


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


def related_articles(session: Session, article: ContentArticle) -> list[ContentArticle]:
    """The article's related articles that are in service, in the order the author gave."""
    if not article.related:
        return []
    rows = session.scalars(
        select(ContentArticle).where(
            ContentArticle.id.in_(article.related), ContentArticle.retired_at.is_(None)
        )
    )
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in article.related if i in by_id]


def offices(session: Session) -> dict[str, Any]:
    """The loaded offices.yaml, or an empty mapping before the first load."""
    row = session.get(ContentDocument, OFFICES_DOCUMENT)
    return dict(row.data) if row is not None else {}


def document(session: Session, name: str) -> dict[str, Any]:
    """A loaded data file (offices, minimum wage) by name, or an empty mapping."""
    row = session.get(ContentDocument, name)
    return dict(row.data) if row is not None else {}
