"""Field surveys: XLSForm versions, interviews (drafts and submissions), photos, exports.

Revision ID: 0008_surveys
Revises: 0007_security
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_surveys"
down_revision = "0007_security"
branch_labels = None
depends_on = None

_RESPONSE_STATUS = sa.Enum(
    "active",
    "paused",
    "submitted",
    "declined",
    name="responsestatus",
    native_enum=False,
    length=16,
)
_EXPORT_STATUS = sa.Enum(
    "queued", "done", "failed", name="exportstatus", native_enum=False, length=16
)


def upgrade() -> None:
    op.create_table(
        "survey_forms",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("form_id", sa.String(40), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("source_name", sa.String(200), nullable=False),
        sa.Column("source", sa.LargeBinary(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_forms")),
        sa.UniqueConstraint("form_id", "version", name=op.f("uq_survey_forms_form_id")),
    )
    op.create_index(op.f("ix_survey_forms_form_id"), "survey_forms", ["form_id"])

    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("form_pk", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(40), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=True),
        sa.Column("status", _RESPONSE_STATUS, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=True),
        sa.Column("district_code", sa.String(4), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("cursor", sa.JSON(), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_pk"], ["survey_forms.id"], name=op.f("fk_survey_responses_form_pk_survey_forms")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["line_users.id"],
            name=op.f("fk_survey_responses_user_id_line_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("uuid", name=op.f("uq_survey_responses_uuid")),
    )
    for column in (
        "form_pk",
        "form_id",
        "user_id",
        "status",
        "province_code",
        "district_code",
        "submitted_at",
    ):
        op.create_index(op.f(f"ix_survey_responses_{column}"), "survey_responses", [column])
    open_only = sa.text("status IN ('active', 'paused')")
    op.create_index(
        "uq_survey_responses_open_user",
        "survey_responses",
        ["user_id"],
        unique=True,
        sqlite_where=open_only,
        postgresql_where=open_only,
    )

    op.create_table(
        "survey_media",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("question", sa.String(64), nullable=False),
        sa.Column("stored_path", sa.String(300), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_responses.id"],
            name=op.f("fk_survey_media_response_id_survey_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_media")),
    )
    op.create_index(op.f("ix_survey_media_response_id"), "survey_media", ["response_id"])
    op.create_index(op.f("ix_survey_media_message_id"), "survey_media", ["message_id"])

    op.create_table(
        "survey_exports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("form_id", sa.String(40), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("provinces", sa.JSON(), nullable=True),
        sa.Column("status", _EXPORT_STATUS, nullable=False),
        sa.Column("file_name", sa.String(200), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_users.id"],
            name=op.f("fk_survey_exports_staff_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_exports")),
    )
    op.create_index(op.f("ix_survey_exports_form_id"), "survey_exports", ["form_id"])
    op.create_index(op.f("ix_survey_exports_staff_id"), "survey_exports", ["staff_id"])


def downgrade() -> None:
    op.drop_table("survey_exports")
    op.drop_table("survey_media")
    op.drop_table("survey_responses")
    op.drop_table("survey_forms")
