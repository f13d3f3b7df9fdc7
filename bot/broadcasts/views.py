"""Announcements: compose with a live recipient count and a LINE-like preview, send, progress.

Sending always passes a confirm page that shows how many people it reaches; an announcement
that would reach nobody is refused there (and on the compose page) instead of "sent" to 0.

The life cycle is bot.broadcasts' (create_broadcast, send_broadcast, cancel_broadcast, summary);
this module only adds who may address whom, the forms and the audit log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from linebot.v3.messaging import TextMessage
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from bot.admin import access
from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.admin.format import thai_datetime
from bot.admin.models import StaffUser
from bot.admin.places import district_choices
from bot.broadcasts import (
    BroadcastError,
    cancel_broadcast,
    create_broadcast,
    send_broadcast,
    summary,
)
from bot.broadcasts.audience import audience_query
from bot.broadcasts.jobs import quiet_hours
from bot.broadcasts.models import Broadcast, BroadcastStatus
from bot.broadcasts.service import malay_version
from bot.core.db import get_session
from bot.core.thai_dates import local_zone
from bot.volunteers.models import Role
from intents.service_area import service_area

bp = Blueprint(
    "broadcasts", __name__, url_prefix="/broadcasts", template_folder="templates"
)
MAX_MESSAGES = 5
MAX_TEXT = 5000  # LINE's limit for one text message
HISTORY_SIZE = 100
NO_RECIPIENTS = (
    "ยังไม่มีผู้รับในกลุ่มที่เลือก (0 คน) จึงส่งประกาศไม่ได้ค่ะ "
    "เลือกบทบาทหรือพื้นที่ใหม่ หรือบันทึกเป็นร่างไว้ส่งภายหลังค่ะ"
)

MALAY_WITHOUT_THAI = "ข้อความภาษามลายูต้องมีข้อความภาษาไทยในช่องเดียวกันด้วยค่ะ"


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("broadcasts")


def _audience_from(values: Any) -> tuple[list[str], list[str], list[str]]:
    roles = [r for r in values.getlist("roles") if r in {x.value for x in Role}]
    return roles, values.getlist("provinces"), values.getlist("districts")


def _visible(staff: StaffUser, broadcast: Broadcast) -> bool:
    return access.may_address(staff, broadcast.provinces, broadcast.districts)


def _get_visible(broadcast_id: int) -> Broadcast:
    broadcast = get_session().get(Broadcast, broadcast_id)
    if broadcast is None:
        abort(404)
    if not _visible(current_staff(), broadcast):
        abort(403)
    return broadcast


@bp.get("/")
def index() -> str:
    """History with counts: officers see only announcements to their own provinces."""
    staff = current_staff()
    recent = get_session().scalars(
        select(Broadcast).order_by(Broadcast.id.desc()).limit(HISTORY_SIZE)
    )
    broadcasts = [b for b in recent if _visible(staff, b)]
    return render_template(
        "admin/broadcasts/list.html",
        broadcasts=broadcasts,
        estimated={b.id: _estimated_audience(b) for b in broadcasts},
    )


@bp.get("/new")
def new() -> str:
    return _compose_page()


def _compose_page(error: str | None = None, status: int = 200) -> Any:
    provinces = access.province_codes_for(current_staff(), service_area().province_codes)
    return (
        render_template(
            "admin/broadcasts/new.html",
            roles=list(Role),
            provinces=provinces,
            districts=district_choices(provinces),
            form=request.form,
            max_messages=MAX_MESSAGES,
            error=error,
        ),
        status,
    )


@bp.get("/count")
def count() -> Response:
    """How many people the audience reaches right now (the compose page asks as you choose)."""
    roles, provinces, districts = _audience_from(request.args)
    if not access.may_address(current_staff(), provinces, districts):
        return jsonify(count=None, error="เลือกจังหวัดหรืออำเภอในความรับผิดชอบของคุณก่อนค่ะ")
    return jsonify(count=_audience_size(roles, provinces, districts))


def _audience_size(roles: list[str], provinces: list[str], districts: list[str]) -> int:
    query = audience_query(roles, provinces, districts).subquery()
    return get_session().scalar(select(func.count()).select_from(query)) or 0


def _estimated_audience(broadcast: Broadcast) -> int | None:
    """Before sending starts the audience is not frozen yet: how many it would reach now."""
    if broadcast.status not in (BroadcastStatus.DRAFT, BroadcastStatus.SCHEDULED):
        return None
    return _audience_size(broadcast.roles, broadcast.provinces, broadcast.districts)


@bp.post("/")
def create() -> Any:
    """Create the announcement; "send" also sends it now or at the chosen time."""
    staff = current_staff()
    # Each Thai box has a Malay box beside it (optional): pairs, in order, of the written ones.
    boxes, boxes_ms = request.form.getlist("text"), request.form.getlist("text_ms")
    if any(m.strip() and not t.strip() for t, m in zip(boxes, boxes_ms, strict=False)):
        return _compose_page(MALAY_WITHOUT_THAI, 400)
    written = _texts_with_malay(boxes, boxes_ms)
    texts = [thai for thai, _ in written]
    texts_ms = [malay for _, malay in written]
    roles, provinces, districts = _audience_from(request.form)
    if not texts:
        return _compose_page("กรุณาพิมพ์ข้อความอย่างน้อย 1 ข้อความค่ะ", 400)
    if any(len(t) > MAX_TEXT for t in texts + texts_ms):
        return _compose_page(f"ข้อความหนึ่งยาวได้ไม่เกิน {MAX_TEXT} ตัวอักษรค่ะ", 400)
    if not access.may_address(staff, provinces, districts):
        abort(403)
    raw_at = request.form.get("at", "")
    try:
        _local_time(raw_at)
    except ValueError:
        return _compose_page("เวลาส่งไม่ถูกต้องค่ะ", 400)
    sending = request.form.get("action") == "send"
    if sending and _audience_size(roles, provinces, districts) == 0:
        return _compose_page(NO_RECIPIENTS, 400)
    db = get_session()
    try:
        messages = [TextMessage(text=t).to_dict() for t in texts]
        broadcast = create_broadcast(
            db,
            messages,
            messages_ms=malay_version(messages, texts_ms),
            roles=roles,
            provinces=provinces,
            districts=districts,
            urgent=request.form.get("urgent") == "1",
            created_by=f"staff:{staff.username}",
        )
    except BroadcastError as error:
        db.rollback()
        return _compose_page(str(error), 400)
    record(
        db,
        staff,
        "broadcast.created",
        target_type="broadcast",
        target_id=broadcast.id,
        detail={"roles": roles, "provinces": provinces, "districts": districts},
        ip=client_ip(),
    )
    db.commit()
    if sending:
        # Saved as a draft; nothing goes out until staff confirm on the next page.
        return redirect(url_for(".confirm_send", broadcast_id=broadcast.id, at=raw_at or None))
    flash("บันทึกร่างประกาศแล้วค่ะ", "ok")
    return redirect(url_for(".show", broadcast_id=broadcast.id))


def _texts_with_malay(texts: list[str], texts_ms: list[str]) -> list[tuple[str, str]]:
    """(Thai, Malay) of each box with Thai written, in order; Malay is "" where none was."""
    malay = [*texts_ms, *[""] * (len(texts) - len(texts_ms))]
    pairs = [(t.strip(), m.strip()) for t, m in zip(texts, malay, strict=False) if t.strip()]
    return pairs[:MAX_MESSAGES]


@bp.get("/<int:broadcast_id>")
def show(broadcast_id: int) -> str:
    broadcast = _get_visible(broadcast_id)
    return render_template(
        "admin/broadcasts/show.html",
        broadcast=broadcast,
        state=summary(get_session(), broadcast.id),
        estimated=_estimated_audience(broadcast),
        author=_author(broadcast.created_by),
    )


def _author(created_by: str | None) -> str:
    """Who made the announcement, as staff know them: "staff:<username>" is a display name."""
    if not created_by:
        return "-"
    if created_by == "cli":
        return "ผู้ดูแลระบบ (คำสั่ง)"
    kind, _, username = created_by.partition(":")
    if kind != "staff" or not username:
        return created_by
    name = get_session().scalar(
        select(StaffUser.display_name).where(StaffUser.username == username)
    )
    return name or username


@bp.get("/<int:broadcast_id>/progress")
def progress(broadcast_id: int) -> Response:
    """The numbers the progress bar polls while sending."""
    broadcast = _get_visible(broadcast_id)
    state = summary(get_session(), broadcast.id)
    done = state["accepted"] + state["failed"]
    state["percent"] = (
        100
        if state["status"] == "sent"
        else round(100 * done / state["recipients"])
        if state["recipients"]
        else 0
    )
    return jsonify(state)


@bp.get("/<int:broadcast_id>/send")
def confirm_send(broadcast_id: int) -> Any:
    """A send is not undone: this page says whom it reaches, how many and when, and asks."""
    broadcast = _get_visible(broadcast_id)
    if broadcast.status is not BroadcastStatus.DRAFT:
        flash("ประกาศนี้ส่งหรือตั้งเวลาส่งไปแล้วค่ะ", "error")
        return redirect(url_for(".show", broadcast_id=broadcast.id))
    raw_at = request.args.get("at", "")
    try:
        at = _local_time(raw_at)
    except ValueError:
        flash("เวลาส่งไม่ถูกต้องค่ะ", "error")
        return redirect(url_for(".show", broadcast_id=broadcast.id))
    audience = _estimated_audience(broadcast) or 0
    return render_template(
        "admin/broadcasts/send.html",
        broadcast=broadcast,
        audience=audience,
        at=at,
        raw_at=raw_at,
        refused=NO_RECIPIENTS if audience == 0 else None,
    )


@bp.post("/<int:broadcast_id>/send")
def send(broadcast_id: int) -> Response:
    """Send after the confirm page (the only form that posts here)."""
    broadcast = _get_visible(broadcast_id)
    try:
        at = _local_time(request.form.get("at", ""))
    except ValueError:
        flash("เวลาส่งไม่ถูกต้องค่ะ", "error")
        return redirect(url_for(".show", broadcast_id=broadcast_id))
    # The audience may have emptied since the confirm page (people unfollow, opt out).
    if _estimated_audience(broadcast) == 0:
        flash(NO_RECIPIENTS, "error")
        return redirect(url_for(".show", broadcast_id=broadcast_id))
    return _send(broadcast, at)


def _send(broadcast: Broadcast, at: datetime | None) -> Response:
    db = get_session()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        due = send_broadcast(app, db, broadcast.id, at)
    except BroadcastError as error:
        db.rollback()
        flash(f"ส่งประกาศไม่ได้: {error}", "error")
        return redirect(url_for(".show", broadcast_id=broadcast.id))
    record(
        db,
        current_staff(),
        "broadcast.sent",
        target_type="broadcast",
        target_id=broadcast.id,
        detail={"at": at.isoformat() if at else None, "due": due.isoformat() if due else None},
        ip=client_ip(),
    )
    db.commit()
    flash(_sending_news(due, at), "ok")
    return redirect(url_for(".show", broadcast_id=broadcast.id))


def _sending_news(due: datetime | None, at: datetime | None) -> str:
    """What staff are told after pressing send: now, at their time, or later for quiet hours."""
    if due is None:
        # A small audience may be all sent before the page loads: true either way.
        return "เริ่มส่งประกาศแล้วค่ะ ดูความคืบหน้าด้านล่าง"
    # Only quiet hours make the due time later than the one asked for (or than now, if none).
    if at is None or due > at:
        quiet = quiet_hours(current_app._get_current_object())  # type: ignore[attr-defined]
        window = f"{quiet.start:%H:%M}–{quiet.end:%H:%M} น." if quiet.start and quiet.end else ""
        return f"เลื่อนไปส่ง {thai_datetime(due)} น. เพราะอยู่ในช่วงงดส่ง {window} ค่ะ"
    return f"ตั้งเวลาส่งแล้ว จะส่งเวลา {thai_datetime(due)} น. ค่ะ"


@bp.get("/<int:broadcast_id>/cancel")
def confirm_cancel(broadcast_id: int) -> Any:
    """A cancel is not undone: this page says what would be cancelled and asks once more."""
    broadcast = _get_visible(broadcast_id)
    if broadcast.status not in (BroadcastStatus.DRAFT, BroadcastStatus.SCHEDULED):
        flash("ยกเลิกไม่ได้ เพราะเริ่มส่งไปแล้วค่ะ", "error")
        return redirect(url_for(".show", broadcast_id=broadcast.id))
    return render_template(
        "admin/broadcasts/cancel.html",
        broadcast=broadcast,
        estimated=_estimated_audience(broadcast),
    )


@bp.post("/<int:broadcast_id>/cancel")
def cancel(broadcast_id: int) -> Response:
    """Cancel after the confirm page (the only form that posts here)."""
    broadcast = _get_visible(broadcast_id)
    db = get_session()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if cancel_broadcast(app, db, broadcast.id):
        record(
            db,
            current_staff(),
            "broadcast.cancelled",
            target_type="broadcast",
            target_id=broadcast.id,
            ip=client_ip(),
        )
        db.commit()
        flash("ยกเลิกประกาศแล้วค่ะ", "ok")
    else:
        flash("ยกเลิกไม่ได้ เพราะเริ่มส่งไปแล้วค่ะ", "error")
    return redirect(url_for(".show", broadcast_id=broadcast.id))


def _local_time(text: str) -> datetime | None:
    """A datetime-local field, read in the bot's zone; empty means now."""
    if not text.strip():
        return None
    when = datetime.fromisoformat(text.strip())
    if when.tzinfo is None:
        when = when.replace(tzinfo=local_zone())
    return when.astimezone(UTC)
