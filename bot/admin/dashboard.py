"""The dashboard (charts for everyone, scoped) and the audit log (admins)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import func, select

from bot.admin import access, stats
from bot.admin.console import current_staff, require_area
from bot.admin.models import AuditEntry
from bot.agent_requests.stats import handoff_stats
from bot.core.db import get_session
from bot.core.orm import utcnow
from bot.core.services import get_services
from bot.core.thai_dates import local_zone

bp = Blueprint("dashboard", __name__)
AUDIT_PAGE_SIZE = 50


@bp.get("/")
def index() -> str:
    staff = current_staff()
    data = stats.dashboard(
        get_session(),
        access.complaint_scope(staff),
        now=utcnow(),
        zone=local_zone(),
        intent_labels=get_services().intent_labels,
    )
    handoff = (
        handoff_stats(get_session(), access.handoff_scope(staff), now=utcnow())
        if access.can_enter(staff, "handoff")
        else None
    )
    return render_template("admin/dashboard.html", data=data, handoff=handoff)


@bp.get("/audit")
def audit() -> str:
    require_area("audit")
    db = get_session()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    query = select(AuditEntry)
    if request.args.get("action"):
        query = query.where(AuditEntry.action == request.args["action"])
    if request.args.get("target"):
        query = query.where(AuditEntry.target_id == request.args["target"])
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    entries = db.scalars(
        query.order_by(AuditEntry.id.desc())
        .limit(AUDIT_PAGE_SIZE)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    return render_template(
        "admin/audit.html", entries=entries, page=page, pages=-(-total // AUDIT_PAGE_SIZE) or 1
    )
