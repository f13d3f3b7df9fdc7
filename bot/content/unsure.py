"""Messages the classifier was unsure about or got wrong, and labelling them for training."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from werkzeug.wrappers import Response

from bot.admin import access
from bot.admin.audit import record
from bot.admin.console import client_ip, current_staff, require_area
from bot.admin.labels import LabelError, label_message
from bot.admin.models import IntentLabel, StaffUser
from bot.chat.models import Direction, MessageLog
from bot.content.links import link_question
from bot.content.store import active_articles, get_article
from bot.core.db import get_session
from bot.core.services import get_services
from bot.volunteers.models import Volunteer

bp = Blueprint("unsure", __name__, url_prefix="/unsure", template_folder="templates")
PAGE_SIZE = 25
UNSURE_DECISIONS = ("clarify", "out_of_scope")
# Answered, but "no information" (bot.content.handlers.NO_INFORMATION_DECISION).
NO_INFORMATION = "no_info"
# A next message starting with one of these says the answer was not what was asked.
REJECTIONS = ("ไม่ใช่", "ไม่ได้ถาม", "ผิด", "ไม่ตรง", "ไม่เกี่ยว", "หม้ายใช่", "ไม่ช่วย")
REASONS = {
    "clarify": "ถามกลับ",
    "out_of_scope": "นอกขอบเขต",
    "no_info": "ตอบว่าไม่มีข้อมูล",
    "picked": "ผู้ใช้เลือกหัวข้ออื่น",
    "rejected": "ผู้ใช้บอกว่าไม่ใช่",
    "reasked": "ผู้ใช้ถามซ้ำ",
}
PREVIEW_CHARS = 300  # of a message shown in its row; the rest opens with «ดูทั้งหมด»


@bp.before_request
def _only_allowed_roles() -> None:
    require_area("unsure")


def unsure_query(staff: StaffUser) -> Select[Any]:
    """Unlabelled texts the bot asked about, answered "no information", or whose answer the
    sender then set aside (picked another intent, said it was not that, or asked again), among
    those `staff` may read (officers: people registered in their provinces).

    "Then" is the sender's next incoming event: a tap on a quick reply or the menu ("picked"),
    or a text that starts with a rejection ("ไม่ใช่…") or is classified as the same intent
    again (asked again, in other words). Each row carries its reason (REASONS).
    """
    message, following = MessageLog, aliased(MessageLog)
    later = aliased(MessageLog)
    next_id = (
        select(func.min(later.id))
        .where(
            later.user_id == message.user_id, later.direction == Direction.IN, later.id > message.id
        )
        .correlate(message)
        .scalar_subquery()
    )
    picked = and_(following.decision == "picked", following.intent != message.intent)
    answered = message.decision == "accept"
    next_text = and_(answered, following.event_type == "message.text")
    rejected = and_(next_text, or_(*(following.text.startswith(word) for word in REJECTIONS)))
    reasked = and_(next_text, following.intent == message.intent, following.decision != "picked")
    reason = case(
        (message.decision.in_(UNSURE_DECISIONS), message.decision),
        (message.decision == NO_INFORMATION, NO_INFORMATION),
        (picked, "picked"),
        (rejected, "rejected"),
        else_="reasked",
    )
    picked_intent = case((picked, following.intent), else_=None)
    return (
        select(message, picked_intent.label("picked_intent"), reason.label("reason"))
        .outerjoin(following, following.id == next_id)
        .outerjoin(IntentLabel, IntentLabel.message_id == message.id)
        .where(
            access.message_scope(staff),
            message.direction == Direction.IN,
            message.event_type == "message.text",
            message.text.is_not(None),
            IntentLabel.id.is_(None),
            or_(
                message.decision.in_((*UNSURE_DECISIONS, NO_INFORMATION)),
                and_(following.id.is_not(None), or_(picked, rejected, reasked)),
            ),
        )
    )


@bp.get("/")
def index() -> str:
    db = get_session()
    query = unsure_query(current_staff())
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(-(-total // PAGE_SIZE), 1)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    rows = db.execute(
        query.order_by(MessageLog.id.desc()).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    nlu = get_services().nlu
    items = []
    for message, picked, reason in rows:
        # The log keeps only the top intent; the loaded model gives the whole ranking again.
        guesses = (
            [(r.intent, r.confidence) for r in nlu.understand(message.text or "").ranking[:3]]
            if nlu is not None
            else [(message.intent, message.confidence or 0.0)]
            if message.intent
            else []
        )
        items.append(
            {
                "message": message,
                "picked": picked,
                "guesses": guesses,
                "reason": REASONS.get(reason, reason),
            }
        )
    labels = get_services().intent_labels
    articles = [(a.id, a.title) for a in active_articles(db)]
    return render_template(
        "admin/unsure.html",
        items=items,
        labels=labels,
        articles=articles,
        total=total,
        page=page,
        pages=pages,
        preview_chars=PREVIEW_CHARS,
    )


@bp.post("/<int:message_id>/label")
def label(message_id: int) -> Response:
    """Take a staff member's intent for a message into the training data."""
    db = get_session()
    message = db.get(MessageLog, message_id)
    if message is None or message.direction != Direction.IN:
        abort(404)
    sender = db.get(Volunteer, message.user_id) if message.user_id else None
    if not access.can_see_message(current_staff(), sender):
        abort(403)
    labels = get_services().intent_labels
    intent = request.form.get("intent", "")
    staff = current_staff()
    try:
        label_message(
            db,
            message,
            intent,
            known_intents=set(labels),
            staff=staff,
            labelled_dir=Path(current_app.config["INTENTS_LABELLED_DIR"]),
        )
    except LabelError as error:
        db.rollback()
        flash(str(error), "error")
        return redirect(url_for(".index"))
    except IntegrityError:
        db.rollback()
        flash("ข้อความนี้มีผู้กำหนดหัวข้อไปแล้วค่ะ", "error")
        return redirect(url_for(".index"))
    article = (
        get_article(db, request.form.get("article", "")) if request.form.get("article") else None
    )
    if article is not None:
        # The next time this question is asked, this article answers it.
        link_question(db, message.text or "", article.id, staff.id if staff else None)
    detail = {"intent": intent, "was": message.intent, "decision": message.decision}
    if article is not None:
        detail["article"] = article.id
    record(
        db,
        staff,
        "message.labelled",
        target_type="message",
        target_id=message.id,
        detail=detail,
        ip=client_ip(),
    )
    db.commit()
    done = f"บันทึกหัวข้อ «{labels[intent]}» แล้ว จะใช้ฝึกบอทรอบถัดไปค่ะ"
    if article is not None:
        done += f" คำถามนี้จะได้คำตอบจากเรื่อง «{article.title}» ค่ะ"
    flash(done, "ok")
    return redirect(url_for(".index", page=request.form.get("page", 1)))
