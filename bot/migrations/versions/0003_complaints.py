"""Complaints, their attachments and status events, and the reference counters.

Revision ID: 0003_complaints
Revises: 0002_content
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_complaints"
down_revision = "0002_content"
branch_labels = None
depends_on = None

_STATUSES = ("received", "forwarded", "in_progress", "resolved", "closed_unresolvable")


def _status(name: str) -> sa.Enum:
    return sa.Enum(*_STATUSES, name=name, native_enum=False, length=24)


def upgrade() -> None:
    op.create_table(
        "complaint_reference_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_complaint_reference_counters")),
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("draft_id", sa.String(64), nullable=True),
        sa.Column("user_id", sa.String(64), nullable=True),
        sa.Column(
            "affected",
            sa.Enum("self", "other", "group", name="affected", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("affected_consented", sa.Boolean(), nullable=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("province_code", sa.String(2), nullable=True),
        sa.Column("district_code", sa.String(4), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("place_text", sa.String(500), nullable=True),
        sa.Column("phone_encrypted", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("routed_to", sa.String(32), nullable=False),
        sa.Column("status", _status("complaintstatus"), nullable=False),
        sa.Column("consent_version", sa.String(32), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("reference", name=op.f("uq_complaints_reference")),
        sa.UniqueConstraint("draft_id", name=op.f("uq_complaints_draft_id")),
    )
    with op.batch_alter_table("complaints") as batch:
        batch.create_index(batch.f("ix_complaints_user_id"), ["user_id"])
        batch.create_index(batch.f("ix_complaints_category"), ["category"])
        batch.create_index(batch.f("ix_complaints_province_code"), ["province_code"])
        batch.create_index(batch.f("ix_complaints_routed_to"), ["routed_to"])
        batch.create_index(batch.f("ix_complaints_status"), ["status"])
        batch.create_index(batch.f("ix_complaints_created_at"), ["created_at"])
    op.create_table(
        "complaint_attachments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=True),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_attachments_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_attachments")),
    )
    with op.batch_alter_table("complaint_attachments") as batch:
        batch.create_index(batch.f("ix_complaint_attachments_complaint_id"), ["complaint_id"])
        batch.create_index(batch.f("ix_complaint_attachments_message_id"), ["message_id"])
    op.create_table(
        "complaint_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("status", _status("complaintstatus"), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_events_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_events")),
    )
    with op.batch_alter_table("complaint_events") as batch:
        batch.create_index(batch.f("ix_complaint_events_complaint_id"), ["complaint_id"])


def downgrade() -> None:
    op.drop_table("complaint_events")
    op.drop_table("complaint_attachments")
    op.drop_table("complaints")
    op.drop_table("complaint_reference_counters")
