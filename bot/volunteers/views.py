"""The volunteer directory: filtered by role, province and district; exported as CSV."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from sqlalchemy import ColumnElement, Select, func, select

from bot.admin import access
from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.admin.format import thai_datetime
from bot.admin.places import district_choices, district_name, province_name
from bot.core.db import get_session
from bot.core.exports import csv_row
from bot.core.services import get_services
from bot.core.users import LineUser
from bot.volunteers.models import ROLE_LABELS, Role, Volunteer
from bot.volunteers.registry import phone_of
from intents.service_area import service_area

bp = Blueprint("volunteers", __name__, url_prefix="/volunteers", template_folder="templates")
PAGE_SIZE = 50
FILTERS = ("role", "province", "district")


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("volunteers")


def _filtered() -> tuple[dict[str, str], Select[Volunteer, LineUser]]:
    args = {name: request.args.get(name, "").strip() for name in FILTERS}
    clauses: list[ColumnElement[bool]] = [
        access.volunteer_scope(current_staff()),
        Volunteer.registered_at.is_not(None),
    ]
    if args["role"] in {r.value for r in Role}:
        clauses.append(Volunteer.role == Role(args["role"]))
    if args["province"]:
        clauses.append(Volunteer.province_code == args["province"])
    if args["district"]:
        clauses.append(Volunteer.district_code == args["district"])
    query = (
        select(Volunteer, LineUser)
        .join(LineUser, LineUser.id == Volunteer.user_id)
        .where(*clauses)
        .order_by(Volunteer.province_code, Volunteer.district_code, Volunteer.full_name)
    )
    return {k: v for k, v in args.items() if v}, query


@bp.get("/")
def index() -> str:
    args, query = _filtered()
    db = get_session()
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(-(-total // PAGE_SIZE), 1)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    found = db.execute(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    cipher = get_services().phone_cipher
    rows = [(volunteer, user, phone_of(volunteer, cipher)) for volunteer, user in found]
    provinces = access.province_codes_for(current_staff(), service_area().province_codes)
    return render_template(
        "admin/volunteers.html",
        rows=rows,
        args=args,
        total=total,
        page=page,
        pages=pages,
        roles=list(Role),
        provinces=provinces,
        districts=district_choices(provinces),
    )


@bp.get("/export")
def export() -> Response:
    """The filtered directory as CSV (UTF-8 with BOM so Excel reads Thai); audited.

    Names come from chat, so no cell may start a formula (bot/core/exports.py).
    """
    args, query = _filtered()
    db = get_session()
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        ["ชื่อ-นามสกุล", "บทบาท", "จังหวัด", "อำเภอ", "เบอร์โทร", "ชื่อใน LINE", "ลงทะเบียนเมื่อ", "รับข่าว"]
    )
    count = 0
    cipher = get_services().phone_cipher
    for volunteer, user in db.execute(query):
        writer.writerow(
            csv_row(
                [
                    volunteer.full_name or "",
                    ROLE_LABELS[volunteer.role] if volunteer.role else "",
                    province_name(volunteer.province_code),
                    district_name(volunteer.district_code),
                    phone_of(volunteer, cipher) or "",
                    user.display_name or "",
                    thai_datetime(volunteer.registered_at),
                    "รับ" if volunteer.wants_announcements else "ไม่รับ",
                ]
            )
        )
        count += 1
    record(
        db,
        current_staff(),
        "volunteers.exported",
        target_type="volunteer",
        detail={"rows": count, **args},
        ip=client_ip(),
    )
    db.commit()
    return Response(
        out.getvalue().encode("utf-8"),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="volunteers.csv"'},
    )
