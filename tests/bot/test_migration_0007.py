"""Revision 0007: volunteer phones encrypted in place, old log texts masked again, and the
models still match what the migrations build."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from cryptography.fernet import Fernet

from bot.core.crypto import Cipher
from bot.core.db import make_engine
from bot.core.migrate import downgrade, upgrade
from bot.schema import Base

KEY = Fernet.generate_key().decode()
USER = "U" + "5" * 32


def _run(url: str, *statements: str) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            rows: list[tuple] = []
            for statement in statements:
                result = connection.execute(sa.text(statement))
                rows = [tuple(r) for r in result] if result.returns_rows else []
            return rows
    finally:
        engine.dispose()


def _columns(url: str, table: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {c["name"] for c in sa.inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


@pytest.fixture
def at_0006(db_url: str) -> str:
    """The database as 0006 left it, with a registered volunteer who gave a phone."""
    downgrade(db_url, "0006_agent_requests")
    _run(
        db_url,
        f"INSERT INTO line_users (id, created_at) VALUES ('{USER}', CURRENT_TIMESTAMP)",
        f"INSERT INTO volunteers (user_id, phone, updated_at) VALUES ('{USER}', '0812345678', "
        "CURRENT_TIMESTAMP)",
        "INSERT INTO message_log (direction, event_type, text, created_at) VALUES "
        "('in', 'message.text', 'โทร (081) 234 5678 หรือ ๐๘๑๒๓๔๕๖๗๘ ค่ะ', CURRENT_TIMESTAMP)",
    )
    return db_url


def test_the_models_match_the_migrations_column_for_column(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_existing_volunteer_phones_are_encrypted_and_come_back_on_downgrade(at_0006: str) -> None:
    upgrade(at_0006, phone_key=KEY)

    assert "phone" not in _columns(at_0006, "volunteers")
    ((token,),) = _run(at_0006, "SELECT phone_encrypted FROM volunteers")
    assert "0812345678" not in token and Cipher(KEY).decrypt(token) == "0812345678"

    downgrade(at_0006, "0006_agent_requests", phone_key=KEY)
    assert _run(at_0006, "SELECT phone FROM volunteers") == [("0812345678",)]


def test_without_the_key_the_upgrade_stops_and_no_phone_is_lost(at_0006: str) -> None:
    with pytest.raises(RuntimeError, match="COMPLAINT_PHONE_KEY"):
        upgrade(at_0006)

    assert _run(at_0006, "SELECT phone FROM volunteers") == [("0812345678",)]


def test_log_texts_the_old_regex_missed_are_masked(at_0006: str) -> None:
    upgrade(at_0006, phone_key=KEY)

    assert _run(at_0006, "SELECT text FROM message_log") == [("โทร [เบอร์โทร] หรือ [เบอร์โทร] ค่ะ",)]
