"""Volunteer registration: role, province and district, then name and phone only with consent.

A registered user who starts it again sees what is on record and answers to change it.
Diagram: registration_flow.mmd.
"""

from __future__ import annotations

import enum

from linebot.v3.messaging import TextMessage
from linebot.v3.messaging.models import Message

from bot.chat.flows.engine import END, Choice, Flow, FlowContext, Step
from bot.chat.flows.place_steps import AREA_CHOICES, district_question, district_step, place_step
from bot.complaints.crypto import normalise_phone
from bot.core.orm import utcnow
from bot.core.places import Place
from bot.richmenu import link_menu_for_role
from bot.volunteers import registry
from bot.volunteers.models import ROLE_LABELS, Role, Volunteer


class R(enum.Enum):
    ROLE = "role"
    PLACE = "place"
    DISTRICT = "district"
    CONSENT = "consent"
    NAME = "name"
    PHONE = "phone"


ROLE_CHOICES = [
    Choice(Role.VOLUNTEER.value, "อาสาสมัครแรงงาน", ("อาสา", "อสร")),
    Choice(Role.GRADUATE.value, "บัณฑิตแรงงาน", ("บัณฑิต",)),
    Choice(Role.PUBLIC.value, "ประชาชนทั่วไป", ("ประชาชน", "ทั่วไป")),
]
YES = Choice("yes", "ยินยอม", ("ได้", "ยินยอมค่ะ", "ยินยอมครับ", "ตกลง"))
SKIP = Choice("skip", "ข้าม", ("ไม่", "ไม่ให้", "ไม่ยินยอม"))


class RegistrationFlow(Flow):
    name = "registration"
    title = "การลงทะเบียน"
    states = R
    first = R.ROLE
    start_intents = ("volunteer_register",)

    def intro(self, ctx: FlowContext) -> list[Message]:
        current = _registration(ctx)
        if current is None or current.role is None:
            return []
        place = Place(current.province_code or "", current.district_code).describe()
        lines = [f"ข้อมูลที่ลงทะเบียนไว้: {ROLE_LABELS[current.role]} {place}"]
        if current.full_name:
            lines.append(f"ชื่อ {current.full_name}")
        lines.append("ตอบคำถามต่อไปนี้เพื่อแก้ไข หรือกด «ยกเลิก» เพื่อคงข้อมูลเดิมค่ะ")
        return [TextMessage(text="\n".join(lines))]

    def on_cancel(self, ctx: FlowContext) -> list[Message]:
        if _registration(ctx) is None:
            return super().on_cancel(ctx)
        # Cancelling a change is not losing the registration: nothing is written until the end.
        return [TextMessage(text="ยกเลิกการแก้ไขแล้วค่ะ ข้อมูลที่ลงทะเบียนไว้ยังเหมือนเดิมค่ะ")]

    def prompt(self, state: enum.Enum, ctx: FlowContext) -> list[Message]:
        if state is R.ROLE:
            return [ctx.ask("ลงทะเบียนในฐานะอะไรคะ", ROLE_CHOICES)]
        if state is R.PLACE:
            return [ctx.ask("อยู่จังหวัดหรืออำเภอไหนคะ เลือกหรือพิมพ์ชื่อได้ค่ะ", AREA_CHOICES)]
        if state is R.DISTRICT:
            return [district_question(ctx)]
        if state is R.CONSENT:
            return [
                ctx.ask(
                    "ให้ชื่อและเบอร์โทรไว้ เพื่อให้เจ้าหน้าที่ติดต่อได้ไหมคะ "
                    "ข้อมูลใช้เฉพาะงานเครือข่ายอาสาสมัครแรงงาน ไม่ให้ก็ลงทะเบียนได้ค่ะ",
                    [YES, SKIP],
                )
            ]
        if state is R.NAME:
            return [ctx.ask("ชื่อ-นามสกุลคะ")]
        return [ctx.ask("เบอร์โทรคะ (เช่น 0812345678)", [SKIP])]

    def on_role(self, ctx: FlowContext) -> Step | None:
        role = ctx.choice(ROLE_CHOICES)
        if role is None:
            return None
        ctx.data["role"] = role
        return Step(R.PLACE)

    def on_place(self, ctx: FlowContext) -> Step | None:
        ctx.data.pop("district", None)
        return place_step(
            ctx, place_state=R.PLACE, district_state=R.DISTRICT, then=lambda: Step(R.CONSENT)
        )

    def on_district(self, ctx: FlowContext) -> Step | None:
        return district_step(ctx, then=lambda: Step(R.CONSENT))

    def on_consent(self, ctx: FlowContext) -> Step | None:
        answer = ctx.choice([YES, SKIP])
        if answer == "yes":
            return Step(R.NAME)
        if answer == "skip":
            return self._save(ctx)
        return None

    def on_name(self, ctx: FlowContext) -> Step | None:
        if ctx.input.kind != "text" or not 2 <= len(ctx.input.text) <= 200:
            return None
        ctx.data["name"] = ctx.input.text
        return Step(R.PHONE)

    def on_phone(self, ctx: FlowContext) -> Step | None:
        if ctx.choice([SKIP]) == "skip":
            return self._save(ctx)
        phone = normalise_phone(ctx.input.text) if ctx.input.kind == "text" else None
        if phone is None:
            return None
        ctx.data["phone"] = phone
        return self._save(ctx)

    def _save(self, ctx: FlowContext) -> Step:
        user_id = ctx.turn.user_id
        assert user_id, "the flow runs in one-to-one chats only"
        data = ctx.data
        saved = registry.register(
            ctx.turn.session,
            user_id,
            role=Role(data["role"]),
            province_code=data["province"],
            district_code=data.get("district"),
            full_name=data.get("name"),
            phone=data.get("phone"),
            now=utcnow(),
        )
        # Volunteers and graduates get their rich menu; registering as public: the default again.
        link_menu_for_role(ctx.turn.session, ctx.turn.line, user_id, saved.role)
        place = Place(data["province"], data.get("district")).describe()
        news = "" if saved.wants_announcements else " (ตอนนี้ปิดรับข่าวอยู่ พิมพ์ «รับข่าว» เพื่อเปิดค่ะ)"
        text = (
            f"ลงทะเบียนเรียบร้อยค่ะ: {ROLE_LABELS[Role(data['role'])]} {place}\n"
            f"อาสาบอทจะส่งข่าวประกาศของพื้นที่ให้นะคะ{news}"
        )
        return Step(END, [TextMessage(text=text)])


def _registration(ctx: FlowContext) -> Volunteer | None:
    """The user's registration on record, if they have one (then the flow changes it)."""
    user_id = ctx.turn.user_id
    current = registry.entry(ctx.turn.session, user_id) if user_id else None
    if current is None or not current.is_registered or current.role is None:
        return None
    return current
