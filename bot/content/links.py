"""Questions staff linked to the article that answers them, from the console's unsure page.

A linked question is a question-answer pair: the next time someone asks it (or nearly the same
words), the linked article answers, whatever the ranking would have chosen. The links are kept
as one content document (no new table), keyed by the question's search words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from bot.content import store
from bot.content.models import ContentArticle, ContentDocument
from bot.content.search import query_tokens
from bot.core.orm import utcnow

LINKS_DOCUMENT = "question_links"
# Share of search words two questions must share (Jaccard) to be the same question.
SAME_QUESTION = 0.8


def _key(text: str) -> str:
    return " ".join(sorted(set(query_tokens(text))))


def links(session: Session) -> dict[str, str]:
    """Question key (sorted search words) -> article id."""
    row = session.get(ContentDocument, LINKS_DOCUMENT)
    data: dict[str, Any] = dict(row.data) if row is not None else {}
    return {str(k): str(v["article"]) for k, v in (data.get("links") or {}).items()}


def link_question(session: Session, text: str, article_id: str, staff_id: int | None) -> bool:
    """Link `text` to an article; False when the text has no search word to match on later.
    The caller commits."""
    key = _key(text)
    if not key:
        return False
    row = session.get(ContentDocument, LINKS_DOCUMENT)
    data: dict[str, Any] = dict(row.data) if row is not None else {"links": {}}
    entries = dict(data.get("links") or {})
    entries[key] = {"article": article_id, "staff": staff_id, "at": utcnow().isoformat()}
    data = {"links": entries}
    if row is None:
        session.add(
            ContentDocument(name=LINKS_DOCUMENT, data=data, content_hash="", updated_at=utcnow())
        )
    else:
        # A new dict, so the JSON column sees the change.
        row.data, row.updated_at = data, utcnow()
    return True


def linked_article(
    session: Session, articles: Sequence[ContentArticle], query: str
) -> ContentArticle | None:
    """The article staff linked to this question (or one sharing SAME_QUESTION of its words),
    when it is still in service."""
    # The answer path reads the links from the content snapshot, not a query of its own.
    data = store.snapshot(session).document(LINKS_DOCUMENT)
    known = {str(k): str(v["article"]) for k, v in (data.get("links") or {}).items()}
    if not known:
        return None
    wanted = set(query_tokens(query))
    if not wanted:
        return None
    by_id = {article.id: article for article in articles}
    best: tuple[float, str] | None = None
    for key, article_id in known.items():
        words = set(key.split())
        share = len(words & wanted) / len(words | wanted)
        if share >= SAME_QUESTION and (best is None or share > best[0]):
            best = (share, article_id)
    return by_id.get(best[1]) if best is not None else None
