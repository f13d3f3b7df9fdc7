"""The language each person is answered in, and whether they chose it.

Revision ID: 0012_reply_language
Revises: 0010_inbox
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_reply_language"
down_revision = "0010_inbox"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN, never batch mode: on SQLite a batch copy drops and recreates
# line_users, and the rows that reference it (volunteers, ON DELETE CASCADE) would go with it.
def upgrade() -> None:
    op.add_column("line_users", sa.Column("reply_language", sa.String(2), nullable=True))
    op.add_column(
        "line_users", sa.Column("language_stated_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("line_users", "language_stated_at")
    op.drop_column("line_users", "reply_language")
