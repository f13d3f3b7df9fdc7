"""Logging in and out of the console."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff
from bot.admin.security import authenticate, csrf_token
from bot.core.db import get_session

bp = Blueprint("auth", __name__)

LOCKED_MESSAGE = "บัญชีนี้ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ใน {minutes} นาทีค่ะ"
WRONG_MESSAGE = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้องค่ะ"


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    """The login form; a success starts a fresh session (new id, new CSRF token)."""
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("admin/login.html", next_url=next_url, error=None)
    config = current_app.config
    db = get_session()
    staff, locked = authenticate(
        db,
        request.form.get("username", ""),
        request.form.get("password", ""),
        ip=client_ip(),
        failures=config["ADMIN_LOCKOUT_FAILURES"],
        minutes=config["ADMIN_LOCKOUT_MINUTES"],
    )
    if staff is None:
        error = (
            LOCKED_MESSAGE.format(minutes=config["ADMIN_LOCKOUT_MINUTES"])
            if locked
            else WRONG_MESSAGE
        )
        status = 429 if locked else 401
        return render_template("admin/login.html", next_url=next_url, error=error), status
    session.clear()  # no fixation: nothing from before the login survives
    session["staff_id"] = staff.id
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
    db.commit()
    session.clear()
    return redirect(url_for("admin.auth.login"))


def _safe_next(url: str | None) -> str | None:
    """Only a path inside the console: never another host (open redirect)."""
    if not url or not url.startswith("/admin") or url.startswith("//") or "\\" in url:
        return None
    return url
