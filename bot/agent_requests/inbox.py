"""The console's "แชทกับประชาชน": take a waiting conversation, answer it, hand it on, end it.

The page polls `messages.json` (static/handoff.js: the console's CSP allows no inline script)
so the person's messages appear as they come. Every step is audited.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from linebot.v3.messaging import ApiException
from sqlalchemy import or_, select
from urllib3.exceptions import HTTPError
from werkzeug.wrappers import Response

from bot.admin import access
from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.admin.format import thai_datetime
from bot.admin.models import StaffRole, StaffUser
from bot.agent_requests import chat
from bot.agent_requests import handoff as service
from bot.agent_requests.canned import CANNED_REPLIES
from bot.agent_requests.models import Handoff, HandoffMessage, HandoffStatus
from bot.agent_requests.sending import (
    Sent,
    send_notice,
    send_officer_messages,
    send_officer_text,
)
from bot.complaints.models import Complaint
from bot.content.answers import article_messages
from bot.content.models import ContentArticle
from bot.core.db import get_session
from bot.core.i18n import THAI, translate
from bot.core.line import get_line
from bot.core.users import LineUser

log = logging.getLogger(__name__)
bp = Blueprint(
    "handoff",
    __name__,
    url_prefix="/chats",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
MAX_REPLY = 2000  # characters; LINE's text message takes 5,000, an officer's answer is shorter


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("handoff")


def _visible(handoff_id: int) -> Handoff:
    found = get_session().get(Handoff, handoff_id)
    if found is None:
        abort(404)
    if not access.can_see_handoff(current_staff(), found):
        abort(403)
    return found


def _audit(action: str, handoff: Handoff, detail: dict[str, Any] | None = None) -> None:
    record(
        get_session(), current_staff(), action, target_type="handoff",
        target_id=handoff.id, detail=detail, ip=client_ip(),
    )  # fmt: skip


def _quota() -> tuple[int | None, int] | None:
    """This month's push limit and use, or None when LINE did not answer."""
    try:
        return get_line().quota()
    except (ApiException, HTTPError):
        log.warning("handoff.quota_unavailable")
        return None


@bp.get("/")
def index() -> str:
    """Waiting conversations of the viewer's provinces, then the ones with officers."""
    staff = current_staff()
    rows = (
        get_session()
        .execute(
            select(Handoff, LineUser.display_name, StaffUser.display_name)
            .join(LineUser, LineUser.id == Handoff.user_id)
            .outerjoin(StaffUser, StaffUser.id == Handoff.officer_id)
            .where(
                Handoff.status.in_(service.OPEN),
                or_(access.handoff_scope(staff), Handoff.officer_id == staff.id),
            )
            .order_by(Handoff.requested_at)
        )
        .all()
    )
    waiting = [r for r in rows if r[0].status is HandoffStatus.WAITING]
    active = [r for r in rows if r[0].status is HandoffStatus.ACTIVE]
    return render_template(
        "admin/handoff_index.html", waiting=waiting, active=active, quota=_quota()
    )


@bp.get("/<int:handoff_id>")
def show(handoff_id: int) -> str:
    """One conversation: its transcript, the complaints the person filed, what may be done."""
    found = _visible(handoff_id)
    db = get_session()
    staff = current_staff()
    person = db.get(LineUser, found.user_id)
    complaints = db.scalars(
        select(Complaint).where(Complaint.user_id == found.user_id, access.complaint_scope(staff))
        .order_by(Complaint.id.desc()).limit(5)
    ).all()  # fmt: skip
    officers = db.scalars(
        select(StaffUser).where(
            StaffUser.active.is_(True),
            StaffUser.id != staff.id,
            StaffUser.role.in_([StaffRole.ADMIN, StaffRole.OFFICER]),
        ).order_by(StaffUser.display_name)
    ).all()  # fmt: skip
    may_transfer = [o for o in officers if access.can_see_handoff(o, found)]
    owner = db.get(StaffUser, found.officer_id) if found.officer_id else None
    speaks = person.speaks if person is not None else THAI
    _audit("handoff.viewed", found)
    db.commit()
    return render_template(
        "admin/handoff_show.html",
        handoff=found,
        person=person,
        owner=owner,
        mine=found.officer_id == staff.id and found.status is HandoffStatus.ACTIVE,
        lines=service.transcript(db, found.id),
        complaints=complaints,
        officers=may_transfer,
        retry_key=str(uuid.uuid4()),  # one per rendered form: a double press sends once
        article_key=str(uuid.uuid4()),
        # Offered in the person's language: a Malay speaker is answered in Malay.
        language=speaks,
        canned=[translate(text, speaks) for text in CANNED_REPLIES],
        articles=db.execute(
            select(ContentArticle.id, ContentArticle.title)
            .where(ContentArticle.lang == "th", ContentArticle.retired_at.is_(None))
            .order_by(ContentArticle.title)
        ).all(),
    )


def _line_json(message: HandoffMessage) -> dict[str, Any]:
    return {
        "id": message.id,
        "sender": message.sender,
        "kind": message.kind,
        "text": message.text,
        "at": thai_datetime(message.created_at),
    }


@bp.get("/<int:handoff_id>/messages.json")
def messages(handoff_id: int) -> Response:
    """The transcript's lines after ?after=<id>; the owner's look marks the person's as read."""
    found = _visible(handoff_id)
    db = get_session()
    after = request.args.get("after", 0, type=int) or 0
    lines = service.transcript(db, found.id, after)
    if found.read_token and found.officer_id == current_staff().id:
        try:
            get_line().mark_as_read(found.read_token)
            found.read_token = None
            db.commit()
        except (ApiException, HTTPError):
            log.warning("handoff.mark_as_read_failed")
    return jsonify({"status": found.status.value, "lines": [_line_json(m) for m in lines]})


@bp.get("/<int:handoff_id>/photo/<int:line_id>")
def photo(handoff_id: int, line_id: int) -> Response:
    """A photo the person sent, fetched from LINE when an officer opens it (not kept here)."""
    found = _visible(handoff_id)
    db = get_session()
    sent = db.get(HandoffMessage, line_id)
    if (
        sent is None
        or sent.handoff_id != found.id
        or sent.kind != "image"
        or not sent.line_message_id
    ):
        abort(404)
    try:
        data = get_line().content(sent.line_message_id)
    except (ApiException, HTTPError):
        abort(404, description="รูปนี้ไม่มีใน LINE แล้วค่ะ")
    _audit("handoff.photo_viewed", found, {"line": sent.id})
    db.commit()
    return Response(data, mimetype=_image_type(data))


def _image_type(data: bytes) -> str:
    return "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"


@bp.post("/<int:handoff_id>/take")
def take(handoff_id: int) -> Response:
    """ "รับเรื่อง": one owner, whoever's UPDATE lands first; the person is told."""
    found = _visible(handoff_id)
    db = get_session()
    if not service.take(db, found.id, current_staff()):
        db.rollback()
        flash("มีเจ้าหน้าที่รับเรื่องนี้ไปแล้วค่ะ", "error")
        return redirect(url_for(".show", handoff_id=handoff_id))
    _audit("handoff.taken", found)
    t = chat.person_language(db, found.user_id)
    send_notice(db, get_line(), found, "taken", chat.taken_notice(t))
    flash("รับเรื่องแล้วค่ะ ผู้ใช้ได้รับแจ้งว่าเจ้าหน้าที่เข้ามาคุยแล้ว", "ok")
    return redirect(url_for(".show", handoff_id=handoff_id))


@bp.post("/<int:handoff_id>/reply")
def reply(handoff_id: int) -> Response:
    """ "ส่ง": push the officer's text to the person, once per form."""
    found = _owned(handoff_id)
    text = (request.form.get("text") or "").strip()
    retry_key = _retry_key()
    if not text or len(text) > MAX_REPLY:
        flash(f"พิมพ์ข้อความ 1–{MAX_REPLY} ตัวอักษรค่ะ", "error")
        return redirect(url_for(".show", handoff_id=handoff_id))
    db = get_session()
    _audit("handoff.replied", found)
    outcome = send_officer_text(db, get_line(), found, current_staff(), text, retry_key)
    if outcome is Sent.FAILED:
        flash("ส่งไม่สำเร็จค่ะ LINE ไม่ตอบรับ ลองกด «ส่ง» อีกครั้ง", "error")
    return redirect(url_for(".show", handoff_id=handoff_id))


@bp.post("/<int:handoff_id>/article")
def article(handoff_id: int) -> Response:
    """Send a content article as its answer card, the same card the bot would send."""
    found = _owned(handoff_id)
    db = get_session()
    chosen = db.get(ContentArticle, request.form.get("article") or "")
    if chosen is None:
        abort(400, description="เลือกบทความที่จะส่งค่ะ")
    _audit("handoff.replied", found, {"article": chosen.id})
    cards = article_messages(db, chosen.id)
    outcome = send_officer_messages(
        db,
        get_line(),
        found,
        current_staff(),
        cards,
        _retry_key(),
        kind="article",
        text=chosen.title,
    )
    if outcome is Sent.FAILED:
        flash("ส่งไม่สำเร็จค่ะ LINE ไม่ตอบรับ ลองอีกครั้ง", "error")
    return redirect(url_for(".show", handoff_id=handoff_id))


def _owned(handoff_id: int) -> Handoff:
    found = _visible(handoff_id)
    if found.officer_id != current_staff().id or found.status is not HandoffStatus.ACTIVE:
        abort(403, description="ตอบได้เฉพาะเรื่องที่ท่านรับไว้และยังคุยอยู่ค่ะ")
    return found


def _retry_key() -> str:
    retry_key = request.form.get("retry_key") or ""
    try:
        uuid.UUID(retry_key)
    except ValueError:
        abort(400, description="แบบฟอร์มไม่ครบ กรุณาโหลดหน้าใหม่ค่ะ")
    return retry_key


@bp.post("/<int:handoff_id>/end")
def end(handoff_id: int) -> Response:
    """ "จบการสนทนา" with a note: the person goes back to the bot and is asked for a rating."""
    found = _visible(handoff_id)
    db = get_session()
    note = (request.form.get("note") or "").strip()[:2000]
    if not service.close(db, found.id, "officer", staff=current_staff(), note=note):
        db.rollback()
        flash("จบได้เฉพาะเรื่องที่ท่านรับไว้และยังคุยอยู่ค่ะ", "error")
        return redirect(url_for(".show", handoff_id=handoff_id))
    _audit("handoff.closed", found, {"note": note} if note else None)
    t = chat.person_language(db, found.user_id)
    send_notice(db, get_line(), found, "ended", chat.ended_notice(found.id, t))
    flash("จบการสนทนาแล้วค่ะ ผู้ใช้กลับไปคุยกับบอท", "ok")
    return redirect(url_for(".index"))


@bp.post("/<int:handoff_id>/transfer")
def transfer(handoff_id: int) -> Response:
    """Hand the conversation to another officer who may see it."""
    found = _visible(handoff_id)
    db = get_session()
    to = db.get(StaffUser, request.form.get("to", 0, type=int) or 0)
    if to is None or not to.active or not access.can_enter(to, "handoff"):
        abort(400, description="เลือกเจ้าหน้าที่ที่จะโอนให้ค่ะ")
    if not access.can_see_handoff(to, found) or not service.transfer(
        db, found.id, current_staff(), to.id
    ):
        db.rollback()
        flash("โอนไม่ได้ค่ะ ต้องเป็นเรื่องที่ท่านรับไว้ และผู้รับดูแลจังหวัดนั้น", "error")
        return redirect(url_for(".show", handoff_id=handoff_id))
    _audit("handoff.transferred", found, {"to_staff": to.username})
    db.commit()
    flash(f"โอนให้{to.display_name}แล้วค่ะ", "ok")
    return redirect(url_for(".index"))
