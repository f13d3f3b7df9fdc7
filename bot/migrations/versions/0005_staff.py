"""Staff accounts, their audit log and login attempts, and intent labels from the console.

Revision ID: 0005_staff
Revises: 0004_volunteers_broadcasts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_staff"
down_revision = "0004_volunteers_broadcasts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin", "officer", "ombudsman", name="staffrole", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("provinces", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_users_username")),
    )
    op.create_table(
        "staff_audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target_type", sa.String(32), nullable=True),
        sa.Column("target_id", sa.String(64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("ip", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_users.id"],
            name=op.f("fk_staff_audit_log_staff_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_audit_log")),
    )
    with op.batch_alter_table("staff_audit_log") as batch:
        batch.create_index(batch.f("ix_staff_audit_log_staff_id"), ["staff_id"])
        batch.create_index(batch.f("ix_staff_audit_log_action"), ["action"])
        batch.create_index(batch.f("ix_staff_audit_log_target_id"), ["target_id"])
        batch.create_index(batch.f("ix_staff_audit_log_created_at"), ["created_at"])

    op.create_table(
        "staff_login_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("ip", sa.String(64), nullable=True),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_login_attempts")),
    )
    with op.batch_alter_table("staff_login_attempts") as batch:
        batch.create_index(batch.f("ix_staff_login_attempts_username"), ["username"])
        batch.create_index(batch.f("ix_staff_login_attempts_created_at"), ["created_at"])

    op.create_table(
        "intent_labels",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(64), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message_log.id"],
            name=op.f("fk_intent_labels_message_id_message_log"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_users.id"],
            name=op.f("fk_intent_labels_staff_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intent_labels")),
        sa.UniqueConstraint("message_id", name=op.f("uq_intent_labels_message_id")),
    )


def downgrade() -> None:
    op.drop_table("intent_labels")
    op.drop_table("staff_login_attempts")
    op.drop_table("staff_audit_log")
    op.drop_table("staff_users")
