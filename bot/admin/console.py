"""The console's parent blueprint: the login gate, CSRF, security headers, layout helpers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from bot.admin import access
from bot.admin.format import register_filters
from bot.admin.models import StaffUser
from bot.admin.security import csrf_token, csrf_valid
from bot.core.db import get_session
from bot.core.secret_key import secret_key

bp = Blueprint(
    "admin",
    __name__,
    url_prefix="/admin",
    template_folder="templates",
    static_folder="static",
)

# The account's session version when this session logged in (see StaffUser.session_version).
SESSION_VERSION_KEY = "staff_version"
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PUBLIC_ENDPOINTS = frozenset({"admin.static", "admin.auth.login", "admin.favicon"})
_CACHEABLE_ENDPOINTS = frozenset({"admin.static", "admin.favicon"})
# Scripts and styles come only from our own static files: no inline script can run.
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'"
)


@bp.before_request
def _gate() -> Response | None:
    if request.method in _UNSAFE_METHODS:
        submitted = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token")
        if not csrf_valid(session, submitted):
            abort(400, description="แบบฟอร์มหมดอายุ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง")
    if request.endpoint in _PUBLIC_ENDPOINTS:
        return None
    staff_id = session.get("staff_id")
    staff = get_session().get(StaffUser, staff_id) if staff_id else None
    revoked = staff is not None and session.get(SESSION_VERSION_KEY) != staff.session_version
    if staff is None or not staff.active or revoked:
        session.pop("staff_id", None)
        session.pop(SESSION_VERSION_KEY, None)
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            abort(401)
        return redirect(url_for("admin.auth.login", next=request.full_path.rstrip("?")))
    g.staff = staff
    return None


@bp.after_request
def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = _CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint not in _CACHEABLE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"  # pages carry personal data
    return response


@bp.errorhandler(HTTPException)
def _error_page(error: HTTPException) -> tuple[str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    # Our own aborts carry a Thai description; werkzeug's English defaults are not shown.
    own = error.description if error.description != type(error).description else None
    return render_template("admin/error.html", error=error, message=own), error.code


@bp.app_context_processor
def _layout_helpers() -> dict[str, Any]:
    staff = g.get("staff")
    return {
        "staff": staff,
        "csrf_token": lambda: csrf_token(session),
        "can": (lambda area: staff is not None and access.can_enter(staff, area)),
    }


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The tab icon the pages link to (the ICO beside their SVG, for older browsers)."""
    return _favicon_file()


def _favicon_file() -> Response:
    return send_from_directory(
        Path(__file__).parent / "static", "favicon.ico", mimetype="image/x-icon", max_age=86400
    )


def require_area(area: str) -> None:
    """403 unless the logged-in staff member's role may enter `area` (called before views)."""
    if not access.can_enter(g.staff, area):
        abort(403)


def current_staff() -> StaffUser:
    return g.staff


def client_ip() -> str | None:
    """The client's address: the socket's, or with TRUSTED_PROXIES set, what ProxyFix took from
    that many X-Forwarded-For hops (bot/__init__.py); a client cannot forge it otherwise."""
    return request.remote_addr


def init_app(app: Flask) -> None:
    """Session cookie settings and the console's blueprints."""
    app.secret_key = app.secret_key or secret_key(app.config)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_NAME"] = "asabot_console"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=8)
    register_filters(app)
    app.register_blueprint(bp)
    # Browsers ask the site's root for the icon whatever page they are on.
    app.add_url_rule("/favicon.ico", "favicon", _favicon_file)


