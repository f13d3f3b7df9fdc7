"""The volunteer registry, broadcasts, their batches (each with its frozen user ids) and recipients.

Revision ID: 0004_volunteers_broadcasts
Revises: 0003_complaints
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_volunteers_broadcasts"
down_revision = "0003_complaints"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=16)


def upgrade() -> None:
    op.create_table(
        "volunteers",
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("role", _enum("role", "volunteer", "graduate", "public"), nullable=True),
        sa.Column("province_code", sa.String(2), nullable=True),
        sa.Column("district_code", sa.String(4), nullable=True),
        sa.Column("full_name", sa.String(200), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("announcements_off_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["line_users.id"],
            name=op.f("fk_volunteers_user_id_line_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_volunteers")),
    )
    with op.batch_alter_table("volunteers") as batch:
        batch.create_index(batch.f("ix_volunteers_role"), ["role"])
        batch.create_index(batch.f("ix_volunteers_province_code"), ["province_code"])
        batch.create_index(batch.f("ix_volunteers_district_code"), ["district_code"])

    statuses = ("draft", "scheduled", "sending", "sent", "failed", "cancelled")
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("messages", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("provinces", sa.JSON(), nullable=False),
        sa.Column("districts", sa.JSON(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("status", _enum("broadcaststatus", *statuses), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("via", sa.String(16), nullable=True),
        sa.Column("recipients_count", sa.Integer(), nullable=False),
        sa.Column("accepted_count", sa.Integer(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcasts")),
    )
    with op.batch_alter_table("broadcasts") as batch:
        batch.create_index(batch.f("ix_broadcasts_status"), ["status"])

    op.create_table(
        "broadcast_batches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("retry_key", sa.String(36), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("user_ids", sa.JSON(), nullable=False),
        sa.Column("status", _enum("batchstatus", "pending", "accepted", "failed"), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.String(64), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcasts.id"],
            name=op.f("fk_broadcast_batches_broadcast_id_broadcasts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_batches")),
        sa.UniqueConstraint("broadcast_id", "seq", name=op.f("uq_broadcast_batches_broadcast_id")),
        sa.UniqueConstraint("retry_key", name=op.f("uq_broadcast_batches_retry_key")),
    )
    with op.batch_alter_table("broadcast_batches") as batch:
        batch.create_index(batch.f("ix_broadcast_batches_broadcast_id"), ["broadcast_id"])
        batch.create_index(batch.f("ix_broadcast_batches_status"), ["status"])
    if op.get_bind().dialect.name == "postgresql":
        # Ids are written once and read whole: compressing 17 kB of JSON per batch would cost
        # more CPU at freeze time (half of it, for 100,000 people) than the disk it saves.
        op.execute("ALTER TABLE broadcast_batches ALTER COLUMN user_ids SET STORAGE EXTERNAL")

    op.create_table(
        "broadcast_recipients",
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcasts.id"],
            name=op.f("fk_broadcast_recipients_broadcast_id_broadcasts"),
            ondelete="CASCADE",
        ),
        # User first: "my announcements" looks people up by user.
        sa.PrimaryKeyConstraint("user_id", "broadcast_id", name=op.f("pk_broadcast_recipients")),
    )


def downgrade() -> None:
    op.drop_table("broadcast_recipients")
    op.drop_table("broadcast_batches")
    op.drop_table("broadcasts")
    op.drop_table("volunteers")
