"""The console's survey pages: each survey's interviews by area, its answers charted, the places
shared, exports (built by a job) and sending it to an area's volunteers. Officers see only
their provinces; every page view and action is audited."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from sqlalchemy import select
from werkzeug.wrappers import Response

from bot.admin import access
from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.admin.models import StaffRole
from bot.admin.places import district_choices
from bot.broadcasts import BroadcastError
from bot.core.db import get_session
from bot.core.jobs import get_jobs
from bot.surveys.announce import announce_survey
from bot.surveys.form import Form
from bot.surveys.jobs import build_survey_export, export_path
from bot.surveys.models import ExportStatus, SurveyExport, SurveyForm
from bot.surveys.stats import form_counts, overview, visible_provinces
from intents.service_area import service_area

bp = Blueprint("surveys", __name__, url_prefix="/surveys", template_folder="templates")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
RECENT_EXPORTS = 10


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("surveys")


def _newest(form_id: str) -> SurveyForm:
    form = get_session().scalar(
        select(SurveyForm).where(SurveyForm.form_id == form_id).order_by(SurveyForm.id.desc())
    )
    if form is None:
        abort(404)
    return form


@bp.get("/")
def index() -> str:
    """Every survey (the newest version of each), with interviews in the staff's provinces."""
    db = get_session()
    newest: dict[str, SurveyForm] = {}
    for form in db.scalars(select(SurveyForm).order_by(SurveyForm.id)):
        newest[form.form_id] = form
    counts = form_counts(db, visible_provinces(current_staff()))
    forms = sorted(newest.values(), key=lambda f: (not f.active, f.title))
    return render_template("admin/surveys/list.html", forms=forms, counts=counts)


@bp.get("/<form_id>")
def show(form_id: str) -> str:
    form = _newest(form_id)
    staff = current_staff()
    db = get_session()
    numbers = overview(db, form, visible_provinces(staff))
    exports = db.scalars(
        select(SurveyExport)
        .where(SurveyExport.form_id == form_id, SurveyExport.staff_id == staff.id)
        .order_by(SurveyExport.id.desc())
        .limit(RECENT_EXPORTS)
    ).all()
    provinces = access.province_codes_for(staff, service_area().province_codes)
    record(db, staff, "survey.viewed", target_type="survey", target_id=form_id, ip=client_ip())
    db.commit()
    return render_template(
        "admin/surveys/show.html",
        form=form,
        title=Form.from_json(form.definition).title("th"),
        numbers=numbers,
        exports=exports,
        provinces=provinces,
        districts=district_choices(provinces),
    )


@bp.post("/<form_id>/exports")
def request_export(form_id: str) -> Response:
    """Queue an export of the staff member's provinces; the job writes the file."""
    form = _newest(form_id)
    kind = request.form.get("format", "")
    if kind not in FORMATS:
        abort(400, description="เลือกรูปแบบไฟล์ CSV หรือ XLSX ค่ะ")
    staff = current_staff()
    db = get_session()
    export = SurveyExport(
        form_id=form.form_id,
        format=kind,
        staff_id=staff.id,
        provinces=visible_provinces(staff),
        status=ExportStatus.QUEUED,
    )
    db.add(export)
    db.flush()
    record(
        db,
        staff,
        "survey.export_requested",
        target_type="survey",
        target_id=form_id,
        detail={"format": kind, "provinces": export.provinces},
        ip=client_ip(),
    )
    db.commit()  # the job reads the row: it must exist first
    get_jobs().enqueue(build_survey_export, export.id, job_id=f"survey-export-{export.id}")
    flash("กำลังเตรียมไฟล์ค่ะ เมื่อเสร็จจะมีลิงก์ดาวน์โหลดในรายการด้านล่าง (โหลดหน้าใหม่)", "ok")
    return redirect(url_for(".show", form_id=form_id))


@bp.get("/exports/<int:export_id>")
def download(export_id: int) -> Response:
    """The file, for the staff member who asked for it (or an admin); audited."""
    db = get_session()
    export = db.get(SurveyExport, export_id)
    staff = current_staff()
    if export is None:
        abort(404)
    if export.staff_id != staff.id and staff.role is not StaffRole.ADMIN:
        abort(403)
    path = export_path(export.id, export.format)
    if export.status is not ExportStatus.DONE or not path.exists():
        abort(404, description="ไฟล์นี้ยังไม่พร้อมหรือไม่มีแล้วค่ะ")
    record(
        db,
        staff,
        "survey.exported",
        target_type="survey",
        target_id=export.form_id,
        detail={"format": export.format, "rows": export.rows, "provinces": export.provinces},
        ip=client_ip(),
    )
    db.commit()
    return send_file(
        path,
        mimetype=FORMATS[export.format],
        as_attachment=True,
        download_name=export.file_name or path.name,
    )


@bp.post("/<form_id>/announce")
def announce(form_id: str) -> Any:
    """Send the survey to the volunteers of the chosen area, with a start button."""
    form = _newest(form_id)
    if not form.active:
        abort(400, description="แบบสำรวจนี้ปิดแล้ว ส่งให้อาสาสมัครไม่ได้ค่ะ")
    staff = current_staff()
    provinces = request.form.getlist("provinces")
    districts = request.form.getlist("districts")
    if not access.may_address(staff, provinces, districts):
        abort(403)
    db = get_session()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        broadcast_id = announce_survey(
            app,
            db,
            form,
            provinces=provinces,
            districts=districts,
            created_by=f"staff:{staff.username}",
        )
    except BroadcastError as error:
        db.rollback()
        flash(f"ส่งไม่ได้: {error}", "error")
        return redirect(url_for(".show", form_id=form_id))
    record(
        db,
        staff,
        "survey.announced",
        target_type="survey",
        target_id=form_id,
        detail={"provinces": provinces, "districts": districts, "broadcast": broadcast_id},
        ip=client_ip(),
    )
    db.commit()
    flash("ส่งแบบสำรวจให้อาสาสมัครในพื้นที่แล้วค่ะ ดูความคืบหน้าได้ที่หน้าประกาศข่าว", "ok")
    return redirect(url_for(".show", form_id=form_id))
