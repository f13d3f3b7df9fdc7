"""Complaint flow, last stage: a phone to call back, the summary, edit or confirm, the one write.

Only the confirm touches the database (through `bot.complaints.filing`), once per draft however
often it is tapped.
"""

from __future__ import annotations

from datetime import datetime

from linebot.v3.messaging import TextMessage
from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Turn
from bot.chat.flows.engine import END, FlowContext, Step
from bot.complaints.crypto import PhoneCipher, normalise_phone
from bot.complaints.evidence import Evidence
from bot.complaints.filing import NewComplaint, create_complaint
from bot.complaints.flow_report import discard_evidence
from bot.complaints.flow_states import (
    AFFECTED_CHOICES,
    ANONYMOUS,
    CONFIRM_CHOICES,
    ComplaintState,
    edit_choices,
    next_step,
)
from bot.complaints.jobs import download_evidence
from bot.complaints.lookup import find_by_draft
from bot.complaints.models import Affected
from bot.complaints.routing import body_name, category_label, route
from bot.core.i18n import IN_THAI, N_, Translator
from bot.core.places import Place, parse_place

ASK_PHONE = N_(
    "ขอเบอร์โทร{whose}ให้เจ้าหน้าที่ติดต่อกลับค่ะ พิมพ์เบอร์ได้เลย หรือกด «ไม่ระบุ» "
    "(จะแจ้งความคืบหน้าทาง LINE นี้ค่ะ)"
)
# Filled into ASK_PHONE's {whose}, with its trailing space, when filing for someone else.
REPORTERS_OWN = N_("ของคุณซึ่งเป็นผู้แจ้ง (ไม่ใช่เบอร์ของผู้ได้รับผลกระทบ) ")
ASK_EDIT = N_("ต้องการแก้ไขส่วนไหนคะ")
SUMMARY_LEAD = N_("สรุปเรื่องที่จะแจ้งค่ะ")
SUMMARY_AFFECTED = N_("ผู้ได้รับผลกระทบ: {affected}")
SUMMARY_CATEGORY = N_("ประเภท: {category}")
SUMMARY_DETAILS = N_("รายละเอียด: {details}")
SUMMARY_PLACE = N_("สถานที่: {place}")
SUMMARY_EVIDENCE = N_("หลักฐาน: {count} ไฟล์")
SUMMARY_PHONE = N_("ติดต่อกลับ: {phone}")
NOT_GIVEN = N_("ไม่ระบุ")
SUMMARY_BODY = N_("ส่งต่อ: {body}")
SUMMARY_QUESTION = N_("ส่งเรื่องเลยไหมคะ")
PINNED_PLACE = N_("ตำแหน่งที่ส่งมา")
AS_PINNED = N_("{place} (ตามตำแหน่งที่ส่งมา)")
BAD_PHONE = N_("เบอร์นี้ไม่ถูกต้องค่ะ ตัวอย่าง 0812345678")
ALREADY_SENT = N_("เรื่องนี้ส่งแล้วค่ะ เลขที่เรื่อง {reference} ไม่ต้องส่งซ้ำค่ะ")
RECEIVED = N_(
    "ได้รับเรื่องแล้วค่ะ\nเลขที่เรื่อง: {reference}\nส่งต่อ: {body}\n"
    "อาสาบอทจะแจ้งความคืบหน้าทาง LINE นี้ค่ะ "
    "ติดตามเองได้โดยพิมพ์ «ติดตามเรื่อง» ตามด้วยเลขที่เรื่องค่ะ"
)


def contact_question(ctx: FlowContext) -> TextMessage:
    # The number is the reporter's, the one in this chat: the office calls back whoever filed,
    # as it writes back on this LINE. Said outright when the reporter files for someone else.
    whose = "" if ctx.data.get("affected") == Affected.SELF.value else ctx.t(REPORTERS_OWN)
    return ctx.ask(ctx.t(ASK_PHONE, whose=whose), [ANONYMOUS])


def confirm_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(summary(ctx.data, ctx.services.phone_cipher, ctx.t), CONFIRM_CHOICES)


def edit_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(ctx.t(ASK_EDIT), edit_choices(ctx))


def summary(data: dict, cipher: PhoneCipher | None, t: Translator = IN_THAI) -> str:
    """What will be sent, and to whom, for the user to check before confirming (in `t`'s
    language; the story and a pin's address as they were typed)."""
    affected = next(t(c.label) for c in AFFECTED_CHOICES if c.value == data["affected"])
    details = data.get("details", "")
    if len(details) > 300:
        details = details[:300] + "…"
    lines = [
        t(SUMMARY_LEAD),
        t(SUMMARY_AFFECTED, affected=affected),
        t(SUMMARY_CATEGORY, category=category_label(data["category"], t)),
        t(SUMMARY_DETAILS, details=details),
        t(SUMMARY_PLACE, place=_place_text(data, t)),
        t(SUMMARY_EVIDENCE, count=len(data.get("evidence", []))),
    ]
    phone = _stored_phone(data, cipher)
    if cipher:
        lines.append(t(SUMMARY_PHONE, phone=_mask_phone(phone) if phone else t(NOT_GIVEN)))
    lines.append(t(SUMMARY_BODY, body=body_name(route(data["category"]), data.get("province"), t)))
    lines.append(t(SUMMARY_QUESTION))
    return "\n".join(lines)


def _place_text(data: dict, t: Translator = IN_THAI) -> str:
    """The place, each fact once: a pin's address repeats the district and province it gave."""
    pinned = data.get("latitude") is not None
    if not data.get("province"):
        return (data.get("place_text") or t(PINNED_PLACE)) if pinned else t(NOT_GIVEN)
    described = Place(data["province"], data.get("district")).describe(t)
    if not pinned:
        return described
    name = data.get("place_name")
    if name and parse_place(name).place is None:  # "โรงงาน" adds to it, "ปัตตานี" would not
        described = f"{name} {described}"
    return t(AS_PINNED, place=described)


def _pin_text(data: dict) -> str | None:
    """What the pin said, for the console: its title and its address, each once."""
    name, address = data.get("place_name"), data.get("place_text")
    if name and address and name in address:
        return address
    return " ".join(p for p in (name, address) if p) or None


def _mask_phone(phone: str) -> str:
    return phone[:3] + "x" * (len(phone) - 6) + phone[-3:]


def _stored_phone(data: dict, cipher: PhoneCipher | None) -> str | None:
    token = data.get("phone_token")
    return cipher.decrypt(token) if cipher and token else None


def on_contact(ctx: FlowContext) -> Step | None:
    cipher = ctx.services.phone_cipher
    if ctx.choice([ANONYMOUS]) == "anonymous" or cipher is None:
        ctx.data.pop("phone_token", None)
        return next_step(ctx, ComplaintState.CONFIRM)
    if ctx.input.kind != "text":
        return None
    phone = normalise_phone(ctx.input.text)
    if phone is None:
        if sum(ch.isdigit() for ch in ctx.input.text) >= 6:
            return Step(
                ComplaintState.CONTACT,
                [TextMessage(text=ctx.t(BAD_PHONE))],
            )
        return None
    # Encrypted even in the draft: the state store is not the place for clear phone numbers.
    ctx.data["phone_token"] = cipher.encrypt(phone)
    return next_step(ctx, ComplaintState.CONFIRM)


def on_confirm(ctx: FlowContext) -> Step | None:
    answer = ctx.choice(CONFIRM_CHOICES)
    if answer == "edit":
        return Step(ComplaintState.EDIT)
    if answer != "confirm":
        return None
    return Step(END, submit(ctx))


def on_edit(ctx: FlowContext) -> Step | None:
    answer = ctx.choice(edit_choices(ctx))
    if answer is None:
        return None
    state = ComplaintState(answer)
    ctx.draft.editing = True
    if state is ComplaintState.DETAILS:
        ctx.data.pop("details", None)
    if state is ComplaintState.EVIDENCE:
        discard_evidence(ctx)  # sent again from scratch: the old files are not the complaint's
        ctx.data["evidence"] = []
    return Step(state)


def submit(ctx: FlowContext) -> list[Message]:
    """File the complaint (idempotent on the draft id) and say where it went."""
    data = ctx.data
    turn = ctx.turn
    assert turn.user_id is not None
    new = NewComplaint(
        draft_id=ctx.draft.id,
        user_id=turn.user_id,
        affected=Affected(data["affected"]),
        affected_consented=data.get("affected_consented"),
        category=data["category"],
        details=data["details"],
        consent_version=data["consent_version"],
        consented_at=datetime.fromisoformat(data["consented_at"]),
        province_code=data.get("province"),
        district_code=data.get("district"),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        place_text=_pin_text(data),
        phone=_stored_phone(data, ctx.services.phone_cipher),
        language=turn.language,
        evidence=tuple(
            Evidence(e["message_id"], e["kind"], e.get("file_name"))
            for e in data.get("evidence", [])
        ),
    )
    services = ctx.services
    complaint, created = create_complaint(
        turn.session, new, cipher=services.phone_cipher, media_dir=services.media_dir
    )
    if created:
        for attachment in complaint.attachments:
            # Again after commit, so the job finds the rows to mark (harmless if done).
            services.jobs.enqueue(
                download_evidence,
                attachment.message_id,
                job_id=f"evidence-{attachment.message_id}-rows",
            )
    t = turn.t
    body = body_name(complaint.routed_to, complaint.province_code, t)
    return received_messages(complaint.reference, body, t)


def already_sent(turn: Turn, draft_id: str, value: str) -> list[Message] | None:
    """A confirm tapped again after its draft is gone: the complaint it filed, if it did."""
    if value != "confirm" or not draft_id:
        return None
    complaint = find_by_draft(turn.session, draft_id)
    if complaint is None:
        return None
    return [TextMessage(text=turn.t(ALREADY_SENT, reference=complaint.reference))]


def received_messages(reference: str, body: str, t: Translator = IN_THAI) -> list[Message]:
    return [TextMessage(text=t(RECEIVED, reference=reference, body=body))]
