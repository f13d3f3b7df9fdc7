"""An index of the few volunteers who turned announcements off.

Revision ID: 0015_opted_out_index
Revises: 0014_malay_broadcasts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_opted_out_index"
down_revision = "0014_malay_broadcasts"
branch_labels = None
depends_on = None


# Every broadcast's audience leaves out those who opted out (an anti-join, audience.py); with
# no index PostgreSQL read the whole registry to find the few (17 ms of 100,000 rows, before
# the first batch could go). Partial: only the rows that have it set are in it.
def upgrade() -> None:
    op.create_index(
        "ix_volunteers_announcements_off",
        "volunteers",
        ["user_id"],
        postgresql_where=sa.text("announcements_off_at IS NOT NULL"),
        sqlite_where=sa.text("announcements_off_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_volunteers_announcements_off", table_name="volunteers")
