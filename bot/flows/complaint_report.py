"""Complaint flow, second stage: the report itself: what kind, what happened, where, evidence."""

from __future__ import annotations

from linebot.v3.messaging import CameraAction, CameraRollAction, LocationAction, TextMessage

from .complaint_states import CATEGORY_CHOICES, DONE, SKIP, UNKNOWN_DISTRICT, S, next_step
from .engine import FlowContext, Step
from .place_steps import AREA_CHOICES, district_question, district_step, place_step
from .places import place_in_address

MAX_EVIDENCE = 5
MAX_DETAILS_CHARS = 4000


def category_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask("เป็นเรื่องประเภทไหนคะ", CATEGORY_CHOICES)


def details_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(
        "เล่าเหตุการณ์ได้เลยค่ะ: เกิดอะไรขึ้น เมื่อไร กับนายจ้างหรือหน่วยงานไหน\n"
        "พิมพ์ได้หลายข้อความ เล่าจบแล้วพิมพ์ «เสร็จ» ค่ะ",
        [DONE] if ctx.data.get("details") else [],
    )


def place_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(
        "เกิดเหตุที่ไหนคะ เลือกพื้นที่ พิมพ์ชื่ออำเภอและจังหวัด หรือกดส่งตำแหน่งค่ะ",
        AREA_CHOICES,
        extra=[LocationAction(label="ส่งตำแหน่ง")],
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
    return next_step(ctx, S.DETAILS)


def on_details(ctx: FlowContext) -> Step | None:
    if ctx.choice([DONE]) == "done":
        if not ctx.data.get("details"):
            return Step(S.DETAILS, [TextMessage(text="ยังไม่มีรายละเอียดค่ะ")])
        return next_step(ctx, S.PLACE)
    if ctx.input.kind != "text":
        return None
    details = "\n".join(p for p in (ctx.data.get("details", ""), ctx.input.text) if p)
    if len(details) > MAX_DETAILS_CHARS:
        return Step(
            S.DETAILS,
            [TextMessage(text="รายละเอียดยาวเกินไปค่ะ ข้อความล่าสุดไม่ได้บันทึก")],
        )
    ctx.data["details"] = details
    ack = ctx.ask("รับทราบค่ะ เล่าต่อได้ หรือพิมพ์ «เสร็จ» ค่ะ", [DONE])
    return Step(S.DETAILS, [ack], ask=False)


def on_place(ctx: FlowContext) -> Step | None:
    inp = ctx.input
    for key in ("province", "district", "latitude", "longitude", "place_text", "place_name"):
        ctx.data.pop(key, None)
    if inp.kind == "location":
        ctx.data.update(latitude=inp.latitude, longitude=inp.longitude)
        if inp.place_name:
            ctx.data["place_name"] = inp.place_name[:100]
        place = place_in_address(inp.address) if inp.address else None
        if inp.address:
            ctx.data["place_text"] = inp.address[:500]
        if place is None:
            # A pin abroad or without an address: the coordinates are all there is to send.
            return next_step(ctx, S.EVIDENCE)
        ctx.data["province"] = place.province_code
        if place.district_code is None:
            return next_step(ctx, S.DISTRICT)  # as for a typed province: the office needs it
        ctx.data["district"] = place.district_code
        return next_step(ctx, S.EVIDENCE)
    return place_step(
        ctx,
        place_state=S.PLACE,
        district_state=S.DISTRICT,
        then=lambda: next_step(ctx, S.EVIDENCE),
    )


def on_district(ctx: FlowContext) -> Step | None:
    if ctx.choice([UNKNOWN_DISTRICT]) == "unknown":
        return next_step(ctx, S.EVIDENCE)
    return district_step(ctx, then=lambda: next_step(ctx, S.EVIDENCE))


def on_evidence(ctx: FlowContext) -> Step | None:
    inp = ctx.input
    evidence: list[dict] = ctx.data.setdefault("evidence", [])
    if ctx.choice([DONE, SKIP]) is not None:
        return next_step(ctx, S.CONTACT)
    if inp.kind not in ("image", "file") or not inp.message_id:
        return None
    if len(evidence) >= MAX_EVIDENCE:
        return next_step(ctx, S.CONTACT, [TextMessage(text="ครบ 5 ไฟล์แล้วค่ะ")])
    evidence.append({"message_id": inp.message_id, "kind": inp.kind, "file_name": inp.file_name})
    jobs = ctx.turn.services.get("jobs")
    if jobs is not None:
        # LINE keeps content only for a while: fetch it now, not at confirm.
        jobs.enqueue(
            "bot.complaints.tasks.download_evidence",
            inp.message_id,
            job_id=f"evidence-{inp.message_id}",
        )
    if len(evidence) >= MAX_EVIDENCE:
        return next_step(ctx, S.CONTACT, [TextMessage(text="ได้รับครบ 5 ไฟล์แล้วค่ะ")])
    return Step(S.EVIDENCE)
