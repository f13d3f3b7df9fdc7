"""Alembic, driven from code so `asabot db upgrade` needs no alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"


def alembic_config(database_url: str, phone_key: str | None = None) -> Config:
    """`phone_key`: the COMPLAINT_PHONE_KEY for migrations that encrypt phones on record."""
    config = Config()
    config.attributes["phone_key"] = phone_key
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser treats % as interpolation; URLs may contain it.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head", phone_key: str | None = None) -> None:
    command.upgrade(alembic_config(database_url, phone_key), revision)


def downgrade(database_url: str, revision: str, phone_key: str | None = None) -> None:
    command.downgrade(alembic_config(database_url, phone_key), revision)


def current_heads(database_url: str) -> list[str]:
    from alembic.runtime.migration import MigrationContext

    from bot.core.db import make_engine

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()
