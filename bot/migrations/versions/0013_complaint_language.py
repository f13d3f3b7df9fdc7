"""The language each complaint was made in.

Revision ID: 0013_complaint_language
Revises: 0012_reply_language
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_complaint_language"
down_revision = "0012_reply_language"
branch_labels = None
depends_on = None


# Complaints made before the bot spoke Malay were all made in Thai: the server default says so.
# Plain ADD/DROP COLUMN (no batch copy of the table on SQLite).
def upgrade() -> None:
    op.add_column(
        "complaints",
        sa.Column("language", sa.String(2), nullable=False, server_default="th"),
    )


def downgrade() -> None:
    op.drop_column("complaints", "language")
