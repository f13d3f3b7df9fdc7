"""A pooled PostgreSQL connection is pinged only after sitting idle, and a dead one is replaced."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from bot.core import db


def _backend_pid(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())


# The ping is for a server that can drop connections: PostgreSQL only.
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_connection_killed_while_idle_is_replaced(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "IDLE_BEFORE_PING", 0.0)
    engine = db.make_engine(db_url)
    killer = db.make_engine(db_url)
    try:
        first = _backend_pid(engine)
        with killer.connect() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        # Without the ping this checkout would hand out the dead connection and fail.
        second = _backend_pid(engine)
        assert second != first
    finally:
        engine.dispose()
        killer.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_connection_back_at_work_at_once_is_not_pinged(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.make_engine(db_url)
    pings: list[Any] = []

    def ping(connection: Any) -> bool:
        pings.append(connection)
        return True

    monkeypatch.setattr(engine.dialect, "do_ping", ping)
    try:
        for _ in range(3):
            _backend_pid(engine)
        assert pings == []
        monkeypatch.setattr(db, "IDLE_BEFORE_PING", 0.0)
        _backend_pid(engine)
        assert len(pings) == 1
    finally:
        engine.dispose()
