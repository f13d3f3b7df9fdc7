"""The inbox/outbox of webhook events and the flows' drafts in the database (issue 14).

Revision ID: 0010_inbox
Revises: 0009_handoff
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_inbox"
down_revision = "0009_handoff"
branch_labels = None
depends_on = None

DELIVERY = ("none", "pending", "sent", "failed", "expired")


def upgrade() -> None:
    op.create_table(
        "chat_inbox",
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(64), nullable=True),
        sa.Column("reply_token", sa.String(255), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "delivery",
            sa.Enum(*DELIVERY, name="delivery", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("via", sa.String(8), nullable=True),
        sa.Column("messages", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("reply_uncertain", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.String(255), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_chat_inbox")),
    )
    with op.batch_alter_table("chat_inbox") as batch:
        batch.create_index(batch.f("ix_chat_inbox_received_at"), ["received_at"])
        batch.create_index(batch.f("ix_chat_inbox_delivery"), ["delivery"])
    op.create_table(
        "chat_drafts",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_chat_drafts")),
    )
    with op.batch_alter_table("chat_drafts") as batch:
        batch.create_index(batch.f("ix_chat_drafts_expires_at"), ["expires_at"])


def downgrade() -> None:
    op.drop_table("chat_drafts")
    op.drop_table("chat_inbox")
