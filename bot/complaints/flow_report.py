"""Complaint flow, second stage: the report itself: what kind, what happened, where, evidence."""

from __future__ import annotations

from linebot.v3.messaging import CameraAction, CameraRollAction, LocationAction, TextMessage

from bot.chat.flows.engine import FlowContext, Step
from bot.chat.flows.place_steps import AREA_CHOICES, district_question, district_step, place_step
from bot.complaints.evidence import discard_draft_evidence
from bot.complaints.flow_states import (
    CATEGORY_BY_INTENT,
    CATEGORY_CHOICES,
    DONE,
    SKIP,
    UNKNOWN_DISTRICT,
    UNKNOWN_PROVINCE,
    ComplaintState,
    next_step,
)
from bot.complaints.jobs import download_evidence
from bot.complaints.routing import category_label
from bot.core.places import may_be_in_thailand, parse_place, place_in_address

MAX_EVIDENCE = 5
MAX_DETAILS_CHARS = 4000
DETAILS_EXCERPT_CHARS = 120  # what the details question repeats back


def category_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask("เป็นเรื่องประเภทไหนคะ", CATEGORY_CHOICES)


def details_question(ctx: FlowContext) -> TextMessage:
    details = ctx.data.get("details", "")
    if not details:
        return ctx.ask(
            "เล่าเหตุการณ์ได้เลยค่ะ: เกิดอะไรขึ้น เมื่อไร กับนายจ้างหรือหน่วยงานไหน\n"
            "พิมพ์ได้หลายข้อความ เล่าจบแล้วพิมพ์ «เสร็จ» ค่ะ",
        )
    if len(details) > DETAILS_EXCERPT_CHARS:
        details = details[:DETAILS_EXCERPT_CHARS] + "…"
    return ctx.ask(
        f"รายละเอียดที่ได้แล้ว: «{details}»\n"
        "เล่าเหตุการณ์เพิ่มได้ค่ะ: เมื่อไร กับนายจ้างหรือหน่วยงานไหน\n"
        "ครบแล้วพิมพ์ «เสร็จ» ค่ะ",
        [DONE],
    )


def place_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(
        "เกิดเหตุที่ไหนคะ เลือกพื้นที่ พิมพ์ชื่ออำเภอและจังหวัด หรือกดส่งตำแหน่งค่ะ",
        AREA_CHOICES,
        extra=[LocationAction(label="ส่งตำแหน่ง")],
    )


def pin_place_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(
        "ตำแหน่งที่ส่งมาไม่ได้บอกจังหวัดค่ะ เกิดเหตุที่จังหวัดไหนคะ "
        "เลือกพื้นที่ หรือพิมพ์ชื่ออำเภอและจังหวัดค่ะ",
        [*AREA_CHOICES, UNKNOWN_PROVINCE],
    )


def complaint_district_question(ctx: FlowContext) -> TextMessage:
    return district_question(ctx, first=[UNKNOWN_DISTRICT])


def evidence_question(ctx: FlowContext) -> TextMessage:
    count = len(ctx.data.get("evidence", []))
    lead = (
        f"ได้รับแล้ว {count} ไฟล์ค่ะ ส่งเพิ่มได้อีก {MAX_EVIDENCE - count} ไฟล์ หรือกด «เสร็จ» ค่ะ"
        if count
        else f"มีรูปหรือไฟล์หลักฐานไหมคะ ส่งได้ไม่เกิน {MAX_EVIDENCE} ไฟล์ หรือกด «ข้าม» ค่ะ"
    )
    return ctx.ask(
        lead,
        [DONE if count else SKIP],
        extra=[CameraRollAction(label="เลือกรูป"), CameraAction(label="ถ่ายรูป")],
    )


def on_category(ctx: FlowContext) -> Step | None:
    answer = ctx.choice(CATEGORY_CHOICES)
    if answer is None:
        return None
    ctx.data["category"] = answer
    return next_step(ctx, ComplaintState.DETAILS)


def on_category_topic(ctx: FlowContext, intent: str) -> Step | None:
    """The problem typed instead of a tap: its topic gives the kind, the text begins the story.

    Said aloud, so a wrong guess is fixed at the summary. When editing, the story is already
    told: only the kind changes.
    """
    category = CATEGORY_BY_INTENT.get(intent)
    if category is None:
        return None
    ctx.data["category"] = category
    chosen = TextMessage(
        text=f"เลือกประเภท «{category_label(category)}» ให้นะคะ "
        "ถ้าไม่ใช่ แก้ได้ตอนสรุปก่อนส่งเรื่องค่ะ"
    )
    if not ctx.data.get("details"):
        ctx.data["details"] = ctx.input.text[:MAX_DETAILS_CHARS]
    return next_step(ctx, ComplaintState.DETAILS, [chosen])


def on_details(ctx: FlowContext) -> Step | None:
    if ctx.choice([DONE]) == "done":
        if not ctx.data.get("details"):
            return Step(ComplaintState.DETAILS, [TextMessage(text="ยังไม่มีรายละเอียดค่ะ")])
        return next_step(ctx, ComplaintState.PLACE)
    if ctx.input.kind != "text":
        return None
    details = "\n".join(p for p in (ctx.data.get("details", ""), ctx.input.text) if p)
    if len(details) > MAX_DETAILS_CHARS:
        return Step(
            ComplaintState.DETAILS,
            [TextMessage(text="รายละเอียดยาวเกินไปค่ะ ข้อความล่าสุดไม่ได้บันทึก")],
        )
    ctx.data["details"] = details
    ack = ctx.ask("รับทราบค่ะ เล่าต่อได้ หรือพิมพ์ «เสร็จ» ค่ะ", [DONE])
    return Step(ComplaintState.DETAILS, [ack], ask=False)


_PIN_KEYS = ("latitude", "longitude", "place_text", "place_name")


def on_place(ctx: FlowContext) -> Step | None:
    """A pin, a tapped area or a typed place. A place typed after a pin (the summary's "แก้ไข →
    สถานที่") corrects what the pin's text said; its coordinates are kept until another pin."""
    inp = ctx.input
    for key in ("province", "district", *(_PIN_KEYS if inp.kind == "location" else ())):
        ctx.data.pop(key, None)
    if inp.kind == "location":
        ctx.data.update(latitude=inp.latitude, longitude=inp.longitude)
        if inp.place_name:
            ctx.data["place_name"] = inp.place_name[:100]
        place = place_in_address(inp.address) if inp.address else None
        if place is None and inp.place_name:
            # A pin chosen by name ("ท่าเรือตากใบ") may carry no address: its title is the text.
            place = parse_place(inp.place_name).place
        if inp.address:
            ctx.data["place_text"] = inp.address[:500]
        if place is None and may_be_in_thailand(inp.latitude, inp.longitude, inp.address):
            # Without the province it would go to the national office: ask, as for a typed place.
            return Step(ComplaintState.PIN_PLACE)
        if place is None:
            # A pin abroad: the coordinates are all there is to send.
            return next_step(ctx, ComplaintState.EVIDENCE)
        ctx.data["province"] = place.province_code
        if place.district_code is None:
            # As for a typed province: the office needs the district.
            return next_step(ctx, ComplaintState.DISTRICT)
        ctx.data["district"] = place.district_code
        return next_step(ctx, ComplaintState.EVIDENCE)
    return place_step(
        ctx,
        place_state=ComplaintState.PLACE,
        district_state=ComplaintState.DISTRICT,
        then=lambda: next_step(ctx, ComplaintState.EVIDENCE),
    )


def on_pin_place(ctx: FlowContext) -> Step | None:
    """The province of a pin that did not say it; the pin itself is kept."""
    if ctx.input.kind == "location":
        return on_place(ctx)  # another pin, read afresh
    if ctx.choice([UNKNOWN_PROVINCE]) == "unknown":
        return next_step(ctx, ComplaintState.EVIDENCE)  # the coordinates alone, as before asking
    return place_step(
        ctx,
        place_state=ComplaintState.PIN_PLACE,
        district_state=ComplaintState.DISTRICT,
        then=lambda: next_step(ctx, ComplaintState.EVIDENCE),
    )


def on_district(ctx: FlowContext) -> Step | None:
    if ctx.input.kind == "location":
        return on_place(ctx)  # another pin, read afresh
    if ctx.choice([UNKNOWN_DISTRICT]) == "unknown":
        return next_step(ctx, ComplaintState.EVIDENCE)
    return district_step(
        ctx,
        then=lambda: next_step(ctx, ComplaintState.EVIDENCE),
        district_state=ComplaintState.DISTRICT,
    )


def on_evidence(ctx: FlowContext) -> Step | None:
    inp = ctx.input
    evidence: list[dict] = ctx.data.setdefault("evidence", [])
    if ctx.choice([DONE, SKIP]) is not None:
        return next_step(ctx, ComplaintState.CONTACT)
    if inp.kind not in ("image", "file") or not inp.message_id:
        return None
    if len(evidence) >= MAX_EVIDENCE:
        return next_step(ctx, ComplaintState.CONTACT, [TextMessage(text="ครบ 5 ไฟล์แล้วค่ะ")])
    evidence.append({"message_id": inp.message_id, "kind": inp.kind, "file_name": inp.file_name})
    # LINE keeps content only for a while: fetch it now, not at confirm.
    ctx.services.jobs.enqueue(
        download_evidence,
        inp.message_id,
        job_id=f"evidence-{inp.message_id}",
    )
    if len(evidence) >= MAX_EVIDENCE:
        return next_step(ctx, ComplaintState.CONTACT, [TextMessage(text="ได้รับครบ 5 ไฟล์แล้วค่ะ")])
    return Step(ComplaintState.EVIDENCE)


def discard_evidence(ctx: FlowContext) -> None:
    """Delete the files downloaded for this draft's evidence: it will not be filed with them."""
    evidence = ctx.data.get("evidence") or []
    if not evidence:
        return
    discard_draft_evidence(
        ctx.turn.session,
        ctx.services.media_dir,
        (item["message_id"] for item in evidence),
    )
