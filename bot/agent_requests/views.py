"""Requests to talk to staff: the open ones of the viewer's provinces, and marking them done.

The bot records a request (`service.record_request`) when someone asks for a person;
staff call or chat back outside the bot and then mark it "ติดต่อแล้ว" here.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from bot.admin import access
from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.admin.models import StaffUser
from bot.agent_requests.models import AgentRequest, AgentRequestStatus
from bot.agent_requests.service import mark_handled
from bot.core.crypto import Cipher
from bot.core.db import get_session
from bot.core.services import get_services
from bot.core.users import LineUser
from bot.volunteers.models import Volunteer
from bot.volunteers.registry import phone_of

bp = Blueprint(
    "agent_requests", __name__, url_prefix="/agent-requests", template_folder="templates"
)
PAGE_SIZE = 50


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("agent_requests")


@dataclass(frozen=True)
class Contact:
    """How staff can reach the person: what the volunteers page shows the same roles."""

    name: str | None  # the name given at registration
    phone: str | None


def contact_for(volunteer: Volunteer | None, cipher: Cipher | None) -> Contact:
    # Name and phone are kept only with consent; a row without it (only "หยุดรับข่าว") has none.
    if volunteer is None or volunteer.registered_at is None or volunteer.consent_at is None:
        return Contact(None, None)
    return Contact(volunteer.full_name or None, phone_of(volunteer, cipher))


@bp.get("/")
def index() -> str:
    """Open requests (or, with ?status=handled, the ones followed up), latest first."""
    status = (
        AgentRequestStatus.HANDLED
        if request.args.get("status") == AgentRequestStatus.HANDLED.value
        else AgentRequestStatus.OPEN
    )
    query = (
        select(AgentRequest, LineUser.display_name, StaffUser.display_name, Volunteer)
        .join(LineUser, LineUser.id == AgentRequest.user_id)
        .outerjoin(StaffUser, StaffUser.id == AgentRequest.handled_by)
        .outerjoin(Volunteer, Volunteer.user_id == AgentRequest.user_id)
        .where(access.agent_request_scope(current_staff()), AgentRequest.status == status)
    )
    db = get_session()
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(-(-total // PAGE_SIZE), 1)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    handled = status is AgentRequestStatus.HANDLED
    latest_first = AgentRequest.handled_at if handled else AgentRequest.requested_at
    rows = db.execute(
        query.order_by(latest_first.desc(), AgentRequest.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    cipher = get_services().phone_cipher
    return render_template(
        "admin/agent_requests.html",
        rows=[
            (r, name, handler, contact_for(volunteer, cipher))
            for r, name, handler, volunteer in rows
        ],
        status=status.value,
        total=total,
        page=page,
        pages=pages,
    )


@bp.post("/<int:request_id>/handled")
def handled(request_id: int) -> Response:
    """Mark a request followed up: who and when are kept, and the audit log says so."""
    db = get_session()
    found = db.get(AgentRequest, request_id)
    if found is None:
        abort(404)
    staff = current_staff()
    if not access.can_see_agent_request(staff, found):
        abort(403)
    if mark_handled(db, found.id, staff):
        record(
            db,
            staff,
            "agent_request.handled",
            target_type="agent_request",
            target_id=found.id,
            ip=client_ip(),
        )
        db.commit()
        flash("บันทึกว่าติดต่อแล้วค่ะ", "ok")
    else:
        db.rollback()
        flash("คำขอนี้มีผู้บันทึกว่าติดต่อแล้วค่ะ", "error")
    return redirect(url_for(".index"))
