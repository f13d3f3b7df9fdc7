"""LINE users and the message log.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "line_users",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=True),
        sa.Column("picture_url", sa.String(1000), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("followed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unfollowed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_line_users")),
    )
    op.create_table(
        "message_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=True),
        sa.Column(
            "direction",
            sa.Enum("in", "out", name="direction", native_enum=False, length=8),
            nullable=False,
        ),
        sa.Column("user_id", sa.String(64), nullable=True),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("intent", sa.String(64), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("handling_ms", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_log")),
    )
    with op.batch_alter_table("message_log") as batch:
        batch.create_index(batch.f("ix_message_log_event_id"), ["event_id"])
        batch.create_index(batch.f("ix_message_log_user_id"), ["user_id"])
        batch.create_index(batch.f("ix_message_log_intent"), ["intent"])
        batch.create_index(batch.f("ix_message_log_created_at"), ["created_at"])


def downgrade() -> None:
    op.drop_table("message_log")
    op.drop_table("line_users")
