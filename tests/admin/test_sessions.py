"""Sessions end for real (log-out, a new password, disabling), and lock-out cannot be turned
against the account's owner: it counts by account and by address, with a doubling wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.admin.cli import users
from bot.admin.lockout import FIRST_WAIT_SECONDS, LockoutPolicy, address_key
from bot.admin.models import LoginAttempt, StaffRole, StaffUser
from bot.admin.security import authenticate, hash_password
from bot.core.db import get_session
from tests.admin.conftest import PASSWORD, console_config, login, post
from tests.conftest import make_bot_app

COOKIE = "asabot_console"
OWNER_ADDRESS = "10.0.0.1"


def _client(app: Flask, address: str = "127.0.0.1") -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _replay(app: Flask, cookie: str) -> FlaskClient:
    """Another browser holding a copy of the cookie (a stolen or saved one)."""
    client = _client(app, "10.6.6.6")
    client.set_cookie(COOKIE, cookie)
    return client


def _logged_in(app: Flask, username: str, address: str = OWNER_ADDRESS) -> tuple[FlaskClient, str]:
    client = _client(app, address)
    assert login(client, username).status_code == 302
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return client, cookie.value


def test_a_cookie_replayed_after_logout_opens_nothing(app, staff) -> None:
    client, cookie = _logged_in(app, "pattani")
    assert _replay(app, cookie).get("/admin/complaints/").status_code == 200  # a valid copy

    assert post(client, "/admin/logout").status_code == 302

    assert _replay(app, cookie).get("/admin/complaints/").status_code == 302


def test_logging_out_ends_the_accounts_other_sessions_too(app, staff) -> None:
    phone, _ = _logged_in(app, "pattani")
    desk, _ = _logged_in(app, "pattani")

    post(desk, "/admin/logout")

    assert phone.get("/admin/").status_code == 302
    again, _ = _logged_in(app, "pattani")  # logging in again works as before
    assert again.get("/admin/").status_code == 200


def test_a_new_password_ends_every_session_of_the_account(app, staff) -> None:
    _, cookie = _logged_in(app, "yala")
    runner = app.test_cli_runner()

    result = runner.invoke(users, ["set-password", "yala", "--password", "another long password"])

    assert result.exit_code == 0, result.output
    assert _replay(app, cookie).get("/admin/").status_code == 302
    assert login(_client(app, OWNER_ADDRESS), "yala").status_code == 401  # the old password
    assert login(_client(app, OWNER_ADDRESS), "yala", "another long password").status_code == 302


def test_a_disabled_account_enabled_again_does_not_bring_old_sessions_back(app, staff) -> None:
    _, cookie = _logged_in(app, "yala")
    assert app.test_cli_runner().invoke(users, ["disable", "yala"]).exit_code == 0
    with app.app_context():
        session = get_session()
        session.scalar(select(StaffUser).where(StaffUser.username == "yala")).active = True
        session.commit()

    assert _replay(app, cookie).get("/admin/").status_code == 302


def test_a_stranger_elsewhere_cannot_lock_the_owner_out(app, staff) -> None:
    owner, _ = _logged_in(app, "pattani")  # the owner's usual address
    post(owner, "/admin/logout")
    stranger = _client(app, "203.0.113.9")
    for _ in range(10):
        login(stranger, "pattani", "guessing the password")

    refused = login(stranger, "pattani")  # even the right password, from the stranger

    assert refused.status_code == 429 and "ล็อกชั่วคราว" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    assert login(_client(app, OWNER_ADDRESS), "pattani").status_code == 302


def test_one_address_trying_many_usernames_is_stopped(app, staff) -> None:
    sprayer = _client(app, "198.51.100.7")
    statuses = [login(sprayer, f"user{n}", "password123456").status_code for n in range(30)]

    # The twentieth failure reaches the address's limit: it and every try after it are refused.
    assert statuses[:19] == [401] * 19
    assert set(statuses[19:]) == {429}
    refused = login(sprayer, "admin")  # a real account, the right password: not from here
    assert refused.status_code == 429 and "จากเครื่องนี้" in refused.get_data(as_text=True)
    assert login(_client(app, "198.51.100.8"), "admin").status_code == 302  # another address


@pytest.fixture
def account(db_session: Session) -> str:
    db_session.add(
        StaffUser(
            username="somsri",
            display_name="สมศรี",
            password_hash=hash_password(PASSWORD),
            role=StaffRole.ADMIN,
            provinces=[],
        )
    )
    db_session.commit()
    return "somsri"


def test_the_wait_starts_short_and_doubles_with_each_further_failure(
    db_session: Session, account: str
) -> None:
    policy = LockoutPolicy(failures=5, address_failures=100, minutes=15)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def attempt(seconds: float, password: str = "wrong password!") -> Any:
        return authenticate(
            db_session, account, password, ip="192.0.2.1", policy=policy,
            now=start + timedelta(seconds=seconds),
        )  # fmt: skip

    for n in range(4):
        assert attempt(n).lock is None
    fifth = attempt(4)
    assert fifth.lock is not None and fifth.lock.seconds == FIRST_WAIT_SECONDS
    # A try while locked is refused whatever the password, and counts: the wait doubles.
    sixth = attempt(4 + FIRST_WAIT_SECONDS - 1, PASSWORD)
    assert sixth.staff is None and sixth.lock is not None
    assert sixth.lock.seconds == 2 * FIRST_WAIT_SECONDS
    assert attempt(4 + FIRST_WAIT_SECONDS - 1 + 2 * FIRST_WAIT_SECONDS, PASSWORD).staff is not None
    # Nothing waits longer than ADMIN_LOCKOUT_MINUTES, however many failures there were.
    later = 10_000.0
    for n in range(12):
        attempt(later + n)
    longest = attempt(later + 12)
    assert longest.lock is not None and longest.lock.seconds <= 15 * 60


def test_ipv6_addresses_count_per_64_network_and_mapped_ipv4_as_ipv4() -> None:
    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert address_key(None) is None


@pytest.mark.parametrize(("proxies", "recorded"), [(0, "127.0.0.1"), (1, "198.51.100.23")])
def test_the_address_behind_a_proxy_is_read_only_when_proxies_are_trusted(
    db_url: str, tmp_path: Any, proxies: int, recorded: str
) -> None:
    app = make_bot_app(db_url, TRUSTED_PROXIES=proxies, **console_config(tmp_path))
    client = app.test_client()
    client.get("/admin/login")
    with client.session_transaction() as session:
        token = session["csrf_token"]

    client.post(
        "/admin/login",
        data={"username": "nobody", "password": "x" * 12, "csrf_token": token},
        headers={"X-Forwarded-For": "198.51.100.23"},
    )

    with app.app_context():
        assert get_session().scalar(select(LoginAttempt.ip)) == recorded
