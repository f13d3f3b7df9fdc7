"""Complaints: the list with filters, the case page, status changes and export.

Status changes go through bot.complaints.status.change_status, the same function the CLI
calls, which records the event with its audit entry in one transaction and pushes the news to
the reporter.
"""

from __future__ import annotations

import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import Select, func, select
from werkzeug.wrappers import Response as BaseResponse

from bot.admin import access
from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.admin.models import AuditEntry, StaffRole, StaffUser
from bot.admin.places import NO_PROVINCE, district_choices
from bot.complaints.crypto import get_phone_cipher
from bot.complaints.export import export_rows, write_csv, write_xlsx
from bot.complaints.filters import Filters
from bot.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
)
from bot.complaints.routing import CATEGORIES, route
from bot.complaints.status import change_status
from bot.core.db import get_session
from bot.core.thai_dates import local_zone
from bot.core.users import LineUser
from intents.service_area import service_area

bp = Blueprint(
    "complaints", __name__, url_prefix="/complaints", template_folder="templates"
)
PAGE_SIZE = 25
AREA_REASON_MAX = 200
# The language a complaint was made in, as the (Thai) console names it.
LANGUAGE_NAMES = {"th": "ไทย", "ms": "มลายู"}


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("complaints")




def _filtered() -> tuple[Filters, Select[Any]]:
    filters = Filters.from_args()
    query = select(Complaint).where(
        access.complaint_scope(current_staff()), *filters.where(local_zone())
    )
    return filters, query


@bp.get("/")
def index() -> str:
    """Complaints the viewer may see, newest first, 25 a page."""
    filters, query = _filtered()
    db = get_session()
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(-(-total // PAGE_SIZE), 1)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    complaints = db.scalars(
        query.order_by(Complaint.created_at.desc(), Complaint.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    staff = current_staff()
    return render_template(
        "admin/complaints/list.html",
        complaints=complaints,
        filters=filters,
        total=total,
        page=page,
        pages=pages,
        statuses=list(ComplaintStatus),
        categories=[
            c
            for c in CATEGORIES
            if staff.role.value != "ombudsman" or c.code in access.OMBUDSMAN_CATEGORIES
        ],
        provinces=access.province_codes_for(staff, service_area().province_codes),
        # Only an admin sees complaints without a province, so only an admin is offered them.
        no_province=NO_PROVINCE if staff.role is StaffRole.ADMIN else None,
    )


def _visible(reference: str) -> Complaint:
    """The complaint, or 404 when there is none, or 403 when it is outside the viewer's scope."""
    complaint = get_session().scalar(select(Complaint).where(Complaint.reference == reference))
    if complaint is None:
        abort(404)
    if not access.can_see_complaint(current_staff(), complaint):
        abort(403)
    return complaint


@bp.get("/<reference>")
def case(reference: str) -> str:
    """The case page; every view is written to the audit log."""
    complaint = _visible(reference)
    db = get_session()
    cipher = get_phone_cipher()
    phone = (
        cipher.decrypt(complaint.phone_encrypted) if cipher and complaint.phone_encrypted else None
    )
    reporter = db.get(LineUser, complaint.user_id) if complaint.user_id else None
    record(
        db,
        current_staff(),
        "complaint.viewed",
        target_type="complaint",
        target_id=complaint.reference,
        detail={"contact_shown": bool(phone or reporter)},
        ip=client_ip(),
    )
    db.commit()
    may_set_area = current_staff().role is StaffRole.ADMIN
    served = service_area().province_codes
    return render_template(
        "admin/complaints/case.html",
        complaint=complaint,
        phone=phone,
        reporter=reporter,
        statuses=list(ComplaintStatus),
        actors=_actor_names(complaint),
        area_changes=_area_changes(complaint),
        may_set_area=may_set_area,
        area_provinces=served if may_set_area else (),
        area_districts=district_choices(list(served)) if may_set_area else [],
        area_reason_max=AREA_REASON_MAX,
        language_name=LANGUAGE_NAMES.get(complaint.language, complaint.language),
    )


def _area_changes(complaint: Complaint) -> list[AuditEntry]:
    """Corrections of the place, kept in the audit log.

    Not status events: those are pushed to the reporter, and a place fix is staff's business.
    """
    return list(
        get_session().scalars(
            select(AuditEntry)
            .where(
                AuditEntry.action == "complaint.area_changed",
                AuditEntry.target_type == "complaint",
                AuditEntry.target_id == complaint.reference,
            )
            .order_by(AuditEntry.id)
        )
    )


def _actor_names(complaint: Complaint) -> dict[str, str]:
    """Who is behind each event's actor ("staff:<id>") in words staff read."""
    ids = {int(e.actor.split(":")[1]) for e in complaint.events if e.actor.startswith("staff:")}
    names = {"reporter": "ผู้แจ้ง", "cli": "ผู้ดูแลระบบ (คำสั่ง)"}
    if ids:
        rows = get_session().execute(
            select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(ids))
        )
        names.update({f"staff:{staff_id}": name for staff_id, name in rows})
    return names


@bp.post("/<reference>/status")
def set_status(reference: str) -> BaseResponse:
    """Change the status with a note; the reporter gets the news in LINE."""
    complaint = _visible(reference)
    try:
        status = ComplaintStatus(request.form.get("status", ""))
    except ValueError:
        abort(400, description="กรุณาเลือกสถานะค่ะ")
    note = request.form.get("note", "").strip() or None
    db = get_session()
    staff = current_staff()
    previous = complaint.status

    def audit(event: ComplaintEvent) -> None:
        record(
            db,
            staff,
            "complaint.status_changed",
            target_type="complaint",
            target_id=complaint.reference,
            detail={
                "from": previous.value,
                "to": status.value,
                "note": note,
                "event_id": event.id,
            },
            ip=client_ip(),
        )

    event = change_status(
        db,
        current_app.extensions["asabot.line"],
        complaint,
        status,
        note=note,
        actor=f"staff:{staff.id}",
        audit=audit,
    )
    if event.notified_at is not None:
        flash("บันทึกสถานะแล้ว และแจ้งผู้ร้องทาง LINE แล้วค่ะ", "ok")
    else:
        flash("บันทึกสถานะแล้ว แต่ยังแจ้งผู้ร้องทาง LINE ไม่ได้ค่ะ", "error")
    return redirect(url_for(".case", reference=reference))


def _area_error(province: str, district: str, reason: str) -> str | None:
    """Why the submitted place cannot be taken, in Thai, or None when it can."""
    if province not in service_area().province_codes:
        return "กรุณาเลือกจังหวัดจากรายการค่ะ"
    if district and district not in {code for code, _ in district_choices([province])}:
        return "อำเภอที่เลือกไม่อยู่ในรายการของจังหวัดนี้ค่ะ"
    if not reason:
        return "กรุณาระบุเหตุผลที่แก้ไขพื้นที่ค่ะ"
    if len(reason) > AREA_REASON_MAX:
        return f"เหตุผลยาวเกิน {AREA_REASON_MAX} ตัวอักษรค่ะ"
    return None


@bp.post("/<reference>/area")
def set_area(reference: str) -> BaseResponse:
    """An admin sets or corrects the province and district; the case is routed again.

    A complaint whose place could not be read has no province, so no officer sees it: this is
    how it reaches the province's office.
    """
    staff = current_staff()
    if staff.role is not StaffRole.ADMIN:
        abort(403)
    complaint = _visible(reference)
    province = request.form.get("province", "").strip()
    district = request.form.get("district", "").strip()
    reason = request.form.get("reason", "").strip()
    error = _area_error(province, district, reason)
    if error:
        flash(error, "error")
        return redirect(url_for(".case", reference=reference))
    db = get_session()
    before = (complaint.province_code, complaint.district_code, complaint.routed_to)
    complaint.province_code = province
    complaint.district_code = district or None
    complaint.routed_to = route(complaint.category)
    record(
        db,
        staff,
        "complaint.area_changed",
        target_type="complaint",
        target_id=complaint.reference,
        detail={
            "from_province": before[0],
            "from_district": before[1],
            "to_province": province,
            "to_district": district or None,
            "from_routed_to": before[2],
            "to_routed_to": complaint.routed_to,
            "reason": reason,
        },
        ip=client_ip(),
    )
    db.commit()
    flash("แก้ไขพื้นที่และส่งเรื่องต่อหน่วยงานในพื้นที่แล้วค่ะ", "ok")
    return redirect(url_for(".case", reference=reference))


@bp.get("/<reference>/attachments/<int:attachment_id>")
def attachment(reference: str, attachment_id: int) -> Response:
    complaint = _visible(reference)
    db = get_session()
    item = db.get(ComplaintAttachment, attachment_id)
    if item is None or item.complaint_id != complaint.id or item.stored_at is None:
        abort(404)
    media_dir = Path(current_app.config["MEDIA_DIR"]).resolve()
    path = (media_dir / item.path).resolve()
    if not path.is_relative_to(media_dir) or not path.is_file():
        abort(404)
    record(
        db,
        current_staff(),
        "complaint.attachment_viewed",
        target_type="complaint",
        target_id=complaint.reference,
        detail={"attachment_id": item.id},
        ip=client_ip(),
    )
    db.commit()
    return send_file(
        path,
        mimetype=item.content_type or "application/octet-stream",
        download_name=item.file_name or f"{complaint.reference}-{item.id}",
        as_attachment=item.kind != "image",
    )


@bp.get("/export")
def export() -> Response:
    """The filtered list as CSV (UTF-8 with BOM, for Excel) or XLSX; phones only when asked."""
    filters, query = _filtered()
    db = get_session()
    references = set(db.scalars(query.with_only_columns(Complaint.reference)))
    with_phone = request.args.get("with_phone") == "1"
    cipher = get_phone_cipher() if with_phone else None
    # The export module writes the table; we keep only the rows this viewer may see.
    rows = (
        row
        for row in export_rows(db, datetime(1970, 1, 1, tzinfo=UTC), cipher)
        if row["reference"] in references
    )
    fmt = "xlsx" if request.args.get("format") == "xlsx" else "csv"
    stamp = datetime.now(local_zone()).strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "complaints.xlsx"
            count = write_xlsx(rows, target, with_phone)
            body = target.read_bytes()
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        text = io.StringIO()
        text.write("\ufeff")
        count = write_csv(rows, text, with_phone)
        body = text.getvalue().encode("utf-8")
        mimetype = "text/csv; charset=utf-8"
    record(
        db,
        current_staff(),
        "complaints.exported",
        target_type="complaint",
        detail={"format": fmt, "rows": count, "with_phone": with_phone, **filters.as_args()},
        ip=client_ip(),
    )
    db.commit()
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="complaints-{stamp}.{fmt}"'},
    )
