"""The content store: articles and data files loaded from content/ by `asabot content load`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.orm import Base, utcnow


class ContentArticle(Base):
    """One article in one language. Articles removed from content/ are retired, never deleted,
    so postbacks on old messages still find them and staff can see what was said."""

    __tablename__ = "content_articles"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    lang: Mapped[str] = mapped_column(String(8), index=True)
    title: Mapped[str] = mapped_column(String(200))
    label: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    intents: Mapped[list[str]] = mapped_column(JSON)
    provinces: Mapped[list[str]] = mapped_column(JSON)
    related: Mapped[list[str]] = mapped_column(JSON)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    audience: Mapped[str] = mapped_column(String(16))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    reviewed: Mapped[dt.date] = mapped_column(Date)
    # Search tokens are computed once at load time (PyThaiNLP is slow) and kept space-joined.
    search_tokens: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    source_path: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[dt.datetime | None]

    @property
    def is_active(self) -> bool:
        return self.retired_at is None


class ContentDocument(Base):
    """A whole data file of content/ (offices.yaml), kept as parsed JSON."""

    __tablename__ = "content_documents"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
