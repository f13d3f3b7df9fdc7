"""Engine and session plumbing; the request-scoped session is reached through get_session()."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """An engine for SQLite (file or memory) or PostgreSQL, tuned for each.

    Bound parameters are hidden from error messages: they carry complaint stories, places,
    coordinates and message texts, and errors end up in logs.
    """
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            # WAL lets the web process read while a worker writes; FKs are off by default.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, hide_parameters=True)
    _ping_when_idle(engine)
    return engine


# A pooled connection back within this many seconds is taken as alive: a server that went away
# since fails that one event, which LINE delivers again. One idle longer is pinged first.
IDLE_BEFORE_PING = 2.0
_RETURNED = "asabot.returned_at"


def _ping_when_idle(engine: Engine) -> None:
    """`pool_pre_ping`, but only for connections that sat idle in the pool.

    Under load a connection goes back to work milliseconds after its last event, and a ping on
    every checkout is one more round trip per event. A connection just made needs none either.
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info[_RETURNED] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get(_RETURNED)
        if returned is None or time.monotonic() - returned < IDLE_BEFORE_PING:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool drops this connection and checks out (or makes) another.
            raise exc.DisconnectionError("idle connection failed its ping") from error
        if not alive:
            raise exc.DisconnectionError("idle connection failed its ping")


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["asabot.engine"] = engine
    app.extensions["asabot.sessions"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    return current_app.extensions["asabot.engine"]


def get_session() -> Session:
    """The session of this request or CLI command, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["asabot.sessions"]()
    return g.db_session


def database_ready(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
