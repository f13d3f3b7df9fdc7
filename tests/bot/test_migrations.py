"""The Alembic chain builds the models' schema on SQLite and PostgreSQL, and unwinds cleanly."""

from __future__ import annotations

import sqlalchemy as sa

from bot.cli import cli
from bot.core.db import make_engine
from bot.core.migrate import current_heads, downgrade, upgrade
from bot.core.orm import Base


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_the_migrations_create_every_table_the_models_declare(db_url: str) -> None:
    assert _tables(db_url) == set(Base.metadata.tables)


def test_downgrade_to_nothing_and_upgrade_again(db_url: str) -> None:
    downgrade(db_url, "base")
    assert _tables(db_url) == set()

    upgrade(db_url)

    assert _tables(db_url) == set(Base.metadata.tables)
    assert len(current_heads(db_url)) == 1


def test_the_cli_upgrades_the_configured_database(runner, db_url: str) -> None:
    result = runner.invoke(cli, ["db", "upgrade"])

    assert result.exit_code == 0, result.output
    assert "database at" in result.output
