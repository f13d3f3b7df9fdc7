"""`asabot users create`: accounts with a role, provinces for officers, a strong hashed password."""

from __future__ import annotations

from sqlalchemy import select

from bot.admin.cli import users
from bot.admin.models import StaffRole, StaffUser
from bot.core.db import get_session
from tests.admin.conftest import login


def test_an_officer_is_created_with_provinces_by_thai_name_and_can_log_in(app, runner) -> None:
    result = runner.invoke(
        users,
        [
            "create",
            "Somchai",
            "--role",
            "officer",
            "--province",
            "ปัตตานี",
            "--province",
            "Yala",
            "--name",
            "สมชาย ใจดี",
            "--password",
            "a-long-password",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "ปัตตานี" in result.output
    with app.app_context():
        staff = get_session().scalar(select(StaffUser).where(StaffUser.username == "somchai"))
    assert staff is not None
    assert (staff.role, staff.provinces, staff.display_name) == (
        StaffRole.OFFICER,
        ["94", "95"],
        "สมชาย ใจดี",
    )
    assert login(app.test_client(), "somchai", "a-long-password").status_code == 302


def test_an_officer_without_a_province_is_refused(app, runner) -> None:
    result = runner.invoke(
        users, ["create", "x", "--role", "officer", "--password", "a-long-password"]
    )
    assert result.exit_code != 0 and "province" in result.output


def test_a_short_password_is_refused(app, runner) -> None:
    result = runner.invoke(users, ["create", "x", "--role", "admin", "--password", "short"])
    assert result.exit_code != 0 and "10 characters" in result.output


def test_a_duplicate_username_is_refused(app, runner) -> None:
    args = ["create", "dup", "--role", "ombudsman", "--password", "a-long-password"]
    assert runner.invoke(users, args).exit_code == 0
    result = runner.invoke(users, args)
    assert result.exit_code != 0 and "already exists" in result.output


def test_disable_ends_access(app, runner) -> None:
    runner.invoke(users, ["create", "temp", "--role", "admin", "--password", "a-long-password"])
    assert runner.invoke(users, ["disable", "temp"]).exit_code == 0
    assert login(app.test_client(), "temp", "a-long-password").status_code == 401
    assert "temp\tadmin\t (disabled)" in runner.invoke(users, ["list"]).output
