"""Migration 0008 builds exactly the survey tables the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.core.db import make_engine
from bot.schema import Base

SURVEY_TABLES = {"survey_forms", "survey_responses", "survey_media", "survey_exports"}


def _touches_surveys(diff: object) -> bool:
    text = repr(diff)
    return any(table in text for table in SURVEY_TABLES)


def test_the_survey_migration_matches_the_models_column_for_column(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": False}
            )
            differences = [
                d for d in compare_metadata(context, Base.metadata) if _touches_surveys(d)
            ]
    finally:
        engine.dispose()
    assert differences == []
