"""A scratch database for one benchmark run: an empty SQLite file, or a fresh PostgreSQL one."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa


@contextmanager
def scratch_database(kind: str, tmp: Path, prefix: str) -> Iterator[str]:
    """The URL of an empty database for this run: `tmp/<prefix>.db` for "sqlite", else a new
    database named `<prefix>_<random>` on TEST_DATABASE_URL's server, dropped at the end."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / f'{prefix}.db'}"
        return
    server = sa.make_url(
        os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    )
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
