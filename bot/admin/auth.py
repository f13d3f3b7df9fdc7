"""Logging in and out of the console."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from bot.admin.audit import record
from bot.admin.console import SESSION_VERSION_KEY, client_ip, current_staff
from bot.admin.lockout import Lock, LockoutPolicy
from bot.admin.security import authenticate, csrf_token, revoke_sessions
from bot.core.db import get_session

bp = Blueprint("auth", __name__)

LOCKED_MESSAGE = "บัญชีนี้ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ใน {minutes} นาทีค่ะ"
ADDRESS_LOCKED_MESSAGE = (
    "มีการใส่รหัสผ่านผิดจากเครื่องนี้หลายครั้ง ระบบจึงพักการเข้าสู่ระบบไว้ชั่วคราว กรุณาลองใหม่ใน {minutes} นาทีค่ะ"
)
WRONG_MESSAGE = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้องค่ะ"


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | tuple[str, int, dict[str, str]] | str:
    """The login form; a success starts a fresh session (new id, new CSRF token)."""
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("admin/login.html", next_url=next_url, error=None)
    db = get_session()
    result = authenticate(
        db,
        request.form.get("username", ""),
        request.form.get("password", ""),
        ip=client_ip(),
        policy=_policy(),
    )
    staff = result.staff
    if staff is None:
        if result.lock is None:
            return render_template("admin/login.html", next_url=next_url, error=WRONG_MESSAGE), 401
        page = render_template("admin/login.html", next_url=next_url, error=_locked(result.lock))
        return page, 429, {"Retry-After": str(result.lock.seconds)}
    session.clear()  # no fixation: nothing from before the login survives
    session["staff_id"] = staff.id
    session[SESSION_VERSION_KEY] = staff.session_version
    session.permanent = True
    csrf_token(session)
    record(db, staff, "staff.login", target_type="staff", target_id=staff.id, ip=client_ip())
    db.commit()
    return redirect(next_url or url_for("admin.dashboard.index"))


@bp.post("/logout")
def logout() -> Response:
    db = get_session()
    staff = current_staff()
    record(db, staff, "staff.logout", target_type="staff", target_id=staff.id, ip=client_ip())
    # The cookie is signed, not stored: a copy of it would still work unless the account's
    # session version moves on (every session of the account ends).
    revoke_sessions(staff)
    db.commit()
    session.clear()
    return redirect(url_for("admin.auth.login"))


def _policy() -> LockoutPolicy:
    config = current_app.config
    return LockoutPolicy(
        failures=config["ADMIN_LOCKOUT_FAILURES"],
        address_failures=config["ADMIN_LOCKOUT_ADDRESS_FAILURES"],
        minutes=config["ADMIN_LOCKOUT_MINUTES"],
    )


def _locked(lock: Lock) -> str:
    message = LOCKED_MESSAGE if lock.by == "account" else ADDRESS_LOCKED_MESSAGE
    return message.format(minutes=lock.minutes)


def _safe_next(url: str | None) -> str | None:
    """Only a path inside the console: never another host (open redirect)."""
    if not url or not url.startswith("/admin") or url.startswith("//") or "\\" in url:
        return None
    return url
