"""Fixtures for the staff console: an app with a console secret, staff accounts, logins, data."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.admin.models import StaffRole, StaffUser
from bot.admin.security import hash_password
from bot.complaints.filing import NewComplaint, create_complaint
from bot.complaints.models import Affected, Complaint
from bot.core.crypto import Cipher
from bot.core.db import get_session
from bot.core.users import LineUser
from tests.conftest import make_bot_app
from tests.support.fakes import RecordingLine

PASSWORD = "correct horse battery"
# Phones are stored encrypted (complaints' and volunteers'): the console decrypts with this key.
PHONE_KEY = Fernet.generate_key().decode()


def encrypted_phone(phone: str | None) -> str | None:
    """A phone as the registry stores it."""
    return Cipher(PHONE_KEY).encrypt(phone) if phone else None


def console_config(tmp_path: Any) -> dict[str, Any]:
    return {
        "SECRET_KEY": "test-console-secret",
        "COMPLAINT_PHONE_KEY": PHONE_KEY,
        "SESSION_COOKIE_SECURE": False,  # the test client speaks plain http
        "INTENTS_LABELLED_DIR": str(tmp_path / "labelled"),
        "MEDIA_DIR": str(tmp_path / "media"),
        "QUIET_HOURS": "",
    }


@pytest.fixture
def line() -> RecordingLine:
    """The bot's LINE seam: records the status pushes the console's changes send."""
    return RecordingLine()


@pytest.fixture
def app(db_url: str, tmp_path: Any, line: RecordingLine) -> Flask:
    return make_bot_app(db_url, LINE_API=line, **console_config(tmp_path))


def add_staff(
    app: Flask, username: str, role: str, provinces: tuple[str, ...] = (), active: bool = True
) -> int:
    with app.app_context():
        session = get_session()
        staff = StaffUser(
            username=username,
            display_name=f"คุณ{username}",
            password_hash=hash_password(PASSWORD),
            role=StaffRole(role),
            provinces=list(provinces),
            active=active,
        )
        session.add(staff)
        session.commit()
        return staff.id


@pytest.fixture
def staff(app: Flask) -> dict[str, int]:
    """One account per role: admin, an officer of Pattani, an officer of Yala, the Ombudsman."""
    return {
        "admin": add_staff(app, "admin", "admin"),
        "pattani": add_staff(app, "pattani", "officer", ("94",)),
        "yala": add_staff(app, "yala", "officer", ("95",)),
        "ombudsman": add_staff(app, "ombudsman", "ombudsman"),
    }


def csrf(client: FlaskClient) -> str:
    """The session's CSRF token (made by the first page that shows a form)."""
    client.get("/admin/login")
    with client.session_transaction() as session:
        return str(session["csrf_token"])


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> Any:
    return client.post(
        "/admin/login",
        data={"username": username, "password": password, "csrf_token": csrf(client)},
    )


@pytest.fixture
def as_user(app: Flask, staff: dict[str, int]) -> Callable[[str], FlaskClient]:
    """A logged-in test client for one of the `staff` accounts."""

    def make(username: str) -> FlaskClient:
        client = app.test_client()
        response = login(client, username)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return make


def post(client: FlaskClient, url: str, data: dict[str, Any] | None = None) -> Any:
    """A form post with the session's CSRF token, as the browser sends it."""
    with client.session_transaction() as session:
        token = session["csrf_token"]
    return client.post(url, data={**(data or {}), "csrf_token": token})


def add_complaint(
    app: Flask,
    *,
    category: str = "wages_dismissal",
    province: str | None = "94",
    details: str = "นายจ้างค้างค่าจ้างสองเดือน",
    user_id: str | None = None,
    phone: str | None = None,
    created_at: datetime | None = None,
    affected: Affected = Affected.SELF,
    affected_consented: bool | None = None,
) -> str:
    """A complaint filed through bot.complaints.filing, as the chat makes it; its reference."""
    user_id = user_id or "U" + uuid.uuid4().hex
    with app.app_context():
        session = get_session()
        if session.get(LineUser, user_id) is None:
            session.add(LineUser(id=user_id, display_name="ผู้ร้อง"))
            session.commit()
        now = created_at or datetime.now(UTC)
        complaint, _ = create_complaint(
            session,
            NewComplaint(
                draft_id=uuid.uuid4().hex,
                user_id=user_id,
                affected=affected,
                affected_consented=affected_consented,
                category=category,
                details=details,
                consent_version="test",
                consented_at=now,
                province_code=province,
                phone=phone,
            ),
            cipher=None,
            media_dir=Path(app.config["MEDIA_DIR"]),
            now=now,
        )
        return complaint.reference


def complaint(app: Flask, reference: str) -> Complaint:
    with app.app_context():
        found = get_session().scalar(select(Complaint).where(Complaint.reference == reference))
        assert found is not None
        _ = found.events  # loaded before the session closes
        return found


@pytest.fixture
def clients(as_user: Callable[[str], FlaskClient]) -> Iterator[dict[str, FlaskClient]]:
    yield {name: as_user(name) for name in ("admin", "pattani", "yala", "ombudsman")}
