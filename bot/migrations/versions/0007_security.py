"""Volunteer phones encrypted at rest, staff session versions, lock-out by address, and phone
numbers the old regex missed masked in the message log.

Revision ID: 0007_security
Revises: 0006_agent_requests

Existing volunteer phones are encrypted with COMPLAINT_PHONE_KEY (what `asabot db upgrade` has
in its config, else the environment); with phones on record and no key the upgrade stops
before changing anything, so none is lost. The downgrade decrypts them back.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import sqlalchemy as sa
from alembic import context, op

from bot.core.crypto import Cipher
from bot.core.phones import mask_phone_numbers

revision = "0007_security"
down_revision = "0006_agent_requests"
branch_labels = None
depends_on = None

BATCH = 1000


def _cipher(needed: bool) -> Cipher | None:
    key = context.config.attributes.get("phone_key") or os.environ.get("COMPLAINT_PHONE_KEY")
    if key:
        return Cipher(key)
    if needed:
        raise RuntimeError(
            "volunteers have phone numbers on record: set COMPLAINT_PHONE_KEY (a Fernet key, "
            "the one complaints use) so this migration can encrypt them, then run it again"
        )
    return None


def _has_rows(column: str) -> bool:
    found = op.get_bind().execute(
        sa.text(f"SELECT 1 FROM volunteers WHERE {column} IS NOT NULL LIMIT 1")
    )
    return found.first() is not None


def _rewrite(table: str, key: str, source: str, target: str, change: Callable[[str], str]) -> None:
    """Set `target` to `change(source)` in every row with a `source`, a batch at a time."""
    bind = op.get_bind()
    where = f"{source} IS NOT NULL"
    first = sa.text(
        f"SELECT {key}, {source} FROM {table} WHERE {where} ORDER BY {key} LIMIT {BATCH}"
    )
    after = sa.text(
        f"SELECT {key}, {source} FROM {table} WHERE {where} AND {key} > :last "
        f"ORDER BY {key} LIMIT {BATCH}"
    )
    update = sa.text(f"UPDATE {table} SET {target} = :value WHERE {key} = :key")
    rows = bind.execute(first).all()
    while rows:
        changes = []
        for row_key, value in rows:
            new = change(value)
            if target != source or new != value:
                changes.append({"key": row_key, "value": new})
        if changes:
            bind.execute(update, changes)
        rows = bind.execute(after, {"last": rows[-1][0]}).all()


def _decrypt(cipher: Cipher) -> Callable[[str], str]:
    def decrypt(token: str) -> str:
        phone = cipher.decrypt(token)
        if phone is None:  # stop rather than lose the number
            raise RuntimeError("COMPLAINT_PHONE_KEY is not the key the phones were encrypted with")
        return phone

    return decrypt


def upgrade() -> None:
    cipher = _cipher(needed=_has_rows("phone"))
    with op.batch_alter_table("volunteers") as batch:
        batch.add_column(sa.Column("phone_encrypted", sa.Text(), nullable=True))
    if cipher is not None:
        _rewrite("volunteers", "user_id", "phone", "phone_encrypted", cipher.encrypt)
    with op.batch_alter_table("volunteers") as batch:
        batch.drop_column("phone")

    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("staff_login_attempts") as batch:
        batch.add_column(sa.Column("address", sa.String(64), nullable=True))
        batch.create_index(batch.f("ix_staff_login_attempts_address"), ["address"])

    # The old regex missed (081) 234 5678, 081.234.5678, Thai digits and more.
    _rewrite("message_log", "id", "text", "text", mask_phone_numbers)
    _rewrite("intent_labels", "id", "text", "text", mask_phone_numbers)


def downgrade() -> None:
    with op.batch_alter_table("staff_login_attempts") as batch:
        batch.drop_index(batch.f("ix_staff_login_attempts_address"))
        batch.drop_column("address")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("session_version")

    cipher = _cipher(needed=_has_rows("phone_encrypted"))
    with op.batch_alter_table("volunteers") as batch:
        batch.add_column(sa.Column("phone", sa.String(20), nullable=True))
    if cipher is not None:
        _rewrite("volunteers", "user_id", "phone_encrypted", "phone", _decrypt(cipher))
    with op.batch_alter_table("volunteers") as batch:
        batch.drop_column("phone_encrypted")
