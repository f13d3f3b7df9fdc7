"""Conversations with an officer ("แชทกับประชาชน") and their transcripts.

Revision ID: 0009_handoff
Revises: 0008_surveys
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_handoff"
down_revision = "0008_surveys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "waiting", "active", "closed", name="handoffstatus", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_reason", sa.String(16), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("read_token", sa.String(255), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["line_users.id"],
            name=op.f("fk_handoffs_user_id_line_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["staff_users.id"],
            name=op.f("fk_handoffs_officer_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoffs")),
    )
    with op.batch_alter_table("handoffs") as batch:
        for column in ("user_id", "province_code", "status", "officer_id"):
            batch.create_index(batch.f(f"ix_handoffs_{column}"), [column])
        batch.create_index(batch.f("ix_handoffs_requested_at"), ["requested_at"])
        batch.create_index(batch.f("ix_handoffs_closed_at"), ["closed_at"])
    still_open = sa.text("status != 'closed'")
    op.create_index(
        "uq_handoffs_open_user",
        "handoffs",
        ["user_id"],
        unique=True,
        sqlite_where=still_open,
        postgresql_where=still_open,
    )
    op.create_table(
        "handoff_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(8), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("line_message_id", sa.String(32), nullable=True),
        sa.Column("retry_key", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["handoff_id"],
            ["handoffs.id"],
            name=op.f("fk_handoff_messages_handoff_id_handoffs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_users.id"],
            name=op.f("fk_handoff_messages_staff_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_messages")),
        sa.UniqueConstraint("retry_key", name=op.f("uq_handoff_messages_retry_key")),
    )
    with op.batch_alter_table("handoff_messages") as batch:
        batch.create_index(batch.f("ix_handoff_messages_handoff_id"), ["handoff_id"])
        batch.create_index(batch.f("ix_handoff_messages_created_at"), ["created_at"])


def downgrade() -> None:
    op.drop_table("handoff_messages")
    op.drop_table("handoffs")
