"""Complaint flow, first stage: consent to keep the data, who was affected, and their consent.

Saying no at either consent ends the flow with nothing stored and the hotlines to call instead.
"""

from __future__ import annotations

from datetime import UTC, datetime

from linebot.v3.messaging import TextMessage

from bot.chat.flows.engine import CONSENT_REMINDER, END, VAGUE_YES, FlowContext, Step
from bot.chat.flows.inputs import fold
from bot.complaints.flow_states import (
    AFFECTED_CHOICES,
    AGREED_CHOICES,
    YES_NO_CONSENT,
    ComplaintState,
    next_step,
)
from bot.complaints.models import Affected

CONSENT_VERSION = "complaint-pdpa-1"
HOTLINES = (
    "สายด่วนผู้ตรวจการแผ่นดิน 1676\nสายด่วนกรมสวัสดิการและคุ้มครองแรงงาน 1546\nสายด่วนกระทรวงแรงงาน 1506"
)
CONSENT_DECLINED = f"ไม่เป็นไรค่ะ อาสาบอทไม่ได้เก็บข้อมูลใด ๆ ไว้ค่ะ\nถ้าต้องการแจ้งเรื่องทางโทรศัพท์:\n{HOTLINES}"
AFFECTED_NOT_ASKED = (
    "ขอให้ถามความยินยอมของผู้ได้รับผลกระทบก่อนนะคะ แล้วกลับมาแจ้งได้ทุกเมื่อ "
    f"หรือให้เขาติดต่อเองได้ที่:\n{HOTLINES}\nตอนนี้ยังไม่ได้บันทึกข้อมูลใด ๆ ค่ะ"
)


def consent_notice(retention_years: int) -> str:
    """The PDPA notice: purpose, who sees the data, how long it is kept, the user's rights."""
    return (
        "ก่อนแจ้งเรื่อง ขอแจ้งเรื่องข้อมูลส่วนบุคคลค่ะ\n"
        "• ใช้เพื่อส่งเรื่องให้หน่วยงานที่รับผิดชอบและแจ้งความคืบหน้าให้ทราบ\n"
        "• ผู้เห็นข้อมูล: เจ้าหน้าที่อาสาบอทและหน่วยงานที่รับเรื่อง\n"
        f"• เก็บไว้ไม่เกิน {retention_years} ปีหลังปิดเรื่อง\n"
        "• ขอดู แก้ไข ลบ หรือถอนความยินยอมได้ โดยเลือก «คุยกับเจ้าหน้าที่»\n"
        "ยินยอมให้เก็บข้อมูลเพื่อแจ้งเรื่องไหมคะ"
    )


def consent_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(consent_notice(ctx.services.complaint_retention_years), YES_NO_CONSENT)


def affected_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask("เรื่องนี้เกิดกับใครคะ", AFFECTED_CHOICES)


def affected_consent_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(
        "ผู้ได้รับผลกระทบยินยอมให้แจ้งเรื่องและให้ข้อมูลของเขาแล้วใช่ไหมคะ",
        AGREED_CHOICES,
    )


def on_consent(ctx: FlowContext) -> Step | None:
    answer = ctx.choice(YES_NO_CONSENT)
    if answer == "no":
        return Step(END, [TextMessage(text=CONSENT_DECLINED)])
    if answer is None and ctx.input.kind == "text" and fold(ctx.input.text) in VAGUE_YES:
        return Step(ComplaintState.CONSENT, [TextMessage(text=CONSENT_REMINDER)])
    if answer != "yes":
        return None
    ctx.data["consented_at"] = datetime.now(UTC).isoformat()
    ctx.data["consent_version"] = CONSENT_VERSION
    return Step(ComplaintState.AFFECTED)


def on_affected(ctx: FlowContext) -> Step | None:
    answer = ctx.choice(AFFECTED_CHOICES)
    if answer is None:
        return None
    ctx.data["affected"] = answer
    if answer == Affected.SELF.value:
        ctx.data.pop("affected_consented", None)
        return next_step(ctx, ComplaintState.CATEGORY)
    return Step(ComplaintState.AFFECTED_CONSENT)


def on_affected_consent(ctx: FlowContext) -> Step | None:
    answer = ctx.choice(AGREED_CHOICES)
    if answer == "no":
        return Step(END, [TextMessage(text=AFFECTED_NOT_ASKED)])
    if answer != "yes":
        return None
    ctx.data["affected_consented"] = True
    return next_step(ctx, ComplaintState.CATEGORY)
