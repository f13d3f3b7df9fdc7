"""Logging in and out: hashed passwords, CSRF, secure cookies, lock-out, the login gate."""

from __future__ import annotations

from sqlalchemy import select

from bot.admin.models import AuditEntry, StaffUser
from bot.core.db import get_session
from tests.admin.conftest import PASSWORD, add_staff, csrf, login, post


def test_pages_redirect_to_login_when_nobody_is_logged_in(app, client) -> None:
    response = client.get("/admin/complaints/?status=received")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login?next=")
    assert "status%3Dreceived" in response.headers["Location"]


def test_the_login_page_is_thai(app, client) -> None:
    page = client.get("/admin/login").get_data(as_text=True)
    assert 'lang="th"' in page and "เข้าสู่ระบบ" in page


def test_a_correct_password_logs_in_and_lands_where_asked(app, client, staff) -> None:
    response = client.post(
        "/admin/login",
        data={
            "username": "Admin ",  # usernames are trimmed and case-insensitive
            "password": PASSWORD,
            "csrf_token": csrf(client),
            "next": "/admin/complaints/",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/complaints/"
    assert client.get("/admin/").status_code == 200


def test_passwords_are_stored_hashed(app, staff) -> None:
    with app.app_context():
        stored = get_session().scalar(
            select(StaffUser.password_hash).where(StaffUser.username == "admin")
        )
    assert (
        stored is not None and PASSWORD not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    )


def test_a_wrong_password_is_refused_in_thai(app, client, staff) -> None:
    response = login(client, "admin", "wrong password!")
    assert response.status_code == 401
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_a_next_url_outside_the_console_is_ignored(app, client, staff) -> None:
    response = client.post(
        "/admin/login",
        data={
            "username": "admin",
            "password": PASSWORD,
            "csrf_token": csrf(client),
            "next": "//evil.example/admin",
        },
    )
    assert response.headers["Location"] == "/admin/"


def test_a_form_without_the_csrf_token_is_refused(app, client, staff) -> None:
    response = client.post("/admin/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302  # and nobody was logged in


def test_a_logged_in_post_with_a_wrong_csrf_token_is_refused(app, as_user) -> None:
    client = as_user("admin")
    response = client.post("/admin/logout", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 200  # still logged in


def test_five_failures_lock_the_account_even_for_the_right_password(app, client, staff) -> None:
    for _ in range(5):
        login(client, "pattani", "wrong password!")
    response = login(client, "pattani")
    assert response.status_code == 429
    assert "ล็อกชั่วคราว" in response.get_data(as_text=True)
    # Another account is not affected.
    assert login(app.test_client(), "yala").status_code == 302


def test_a_success_before_the_limit_resets_the_count(app, client, staff) -> None:
    for _ in range(4):
        login(client, "pattani", "wrong password!")
    assert login(client, "pattani").status_code == 302
    other = app.test_client()
    for _ in range(4):
        login(other, "pattani", "wrong password!")
    assert login(other, "pattani").status_code == 302


def test_a_disabled_account_cannot_log_in_and_its_session_ends(app, staff) -> None:
    add_staff(app, "gone", "admin", active=False)
    assert login(app.test_client(), "gone").status_code == 401

    client = app.test_client()
    login(client, "yala")
    with app.app_context():
        session = get_session()
        session.scalar(select(StaffUser).where(StaffUser.username == "yala")).active = False
        session.commit()
    assert client.get("/admin/").status_code == 302


def test_the_session_cookie_is_secure_httponly_and_samesite_by_default(
    db_url, tmp_path, staff
) -> None:
    from tests.conftest import make_bot_app

    app = make_bot_app(db_url, SECRET_KEY="k", INTENTS_LABELLED_DIR=str(tmp_path))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    client = app.test_client()
    cookie = client.get("/admin/login").headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logout_ends_the_session_and_is_audited(app, as_user) -> None:
    client = as_user("admin")
    response = post(client, "/admin/logout")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
    with app.app_context():
        actions = list(get_session().scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-2:] == ["staff.login", "staff.logout"]


def test_console_pages_forbid_framing_and_inline_scripts(app, as_user) -> None:
    response = as_user("admin").get("/admin/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
