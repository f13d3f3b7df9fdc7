"""Broadcasts may carry a Malay version; each batch is sent in one language.

Revision ID: 0014_malay_broadcasts
Revises: 0013_complaint_language
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_malay_broadcasts"
down_revision = "0013_complaint_language"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN (as 0012): a batch copy on SQLite would recreate the tables.
def upgrade() -> None:
    op.add_column("broadcasts", sa.Column("messages_ms", sa.JSON(), nullable=True))
    # Batches frozen before this revision were all sent in Thai.
    op.add_column(
        "broadcast_batches",
        sa.Column("language", sa.String(2), nullable=False, server_default="th"),
    )


def downgrade() -> None:
    op.drop_column("broadcast_batches", "language")
    op.drop_column("broadcasts", "messages_ms")
