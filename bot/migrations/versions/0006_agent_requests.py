"""Requests to talk to staff, listed in the console until someone follows up.

Revision ID: 0006_agent_requests
Revises: 0005_staff
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_agent_requests"
down_revision = "0005_staff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agent_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=True),
        sa.Column("district_code", sa.String(4), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "handled", name="agentrequeststatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_by", sa.Integer(), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["line_users.id"],
            name=op.f("fk_agent_requests_user_id_line_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["handled_by"],
            ["staff_users.id"],
            name=op.f("fk_agent_requests_handled_by_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_requests")),
    )
    with op.batch_alter_table("agent_requests") as batch:
        batch.create_index(batch.f("ix_agent_requests_user_id"), ["user_id"])
        batch.create_index(batch.f("ix_agent_requests_province_code"), ["province_code"])
        batch.create_index(batch.f("ix_agent_requests_status"), ["status"])
        batch.create_index(batch.f("ix_agent_requests_requested_at"), ["requested_at"])
    open_only = sa.text("status = 'open'")
    op.create_index(
        "uq_agent_requests_open_user",
        "agent_requests",
        ["user_id"],
        unique=True,
        sqlite_where=open_only,
        postgresql_where=open_only,
    )


def downgrade() -> None:
    op.drop_table("agent_requests")
