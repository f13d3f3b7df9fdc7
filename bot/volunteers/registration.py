"""Volunteer registration: role, province and district, then name and phone only with consent.

A registered user who starts it again sees what is on record and answers to change it. The
phone is asked only when the app has a key to encrypt it with (COMPLAINT_PHONE_KEY).
Diagram: registration_flow.mmd (a test holds it to `STATE_TABLE`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from linebot.v3.messaging import TextMessage
from linebot.v3.messaging.models import Message

from bot.chat.flows.engine import CONSENT_WORDS, END, Choice, Flow, FlowContext, StateDef, Step
from bot.chat.flows.place_steps import area_choices, district_question, district_step, place_step
from bot.core.i18n import L_, N_
from bot.core.orm import utcnow
from bot.core.phones import normalise_phone
from bot.core.places import Place
from bot.richmenu import link_menu_for_role
from bot.volunteers import registry
from bot.volunteers.models import ROLE_LABELS, Role, Volunteer


class RegistrationState(enum.Enum):
    """Where a registration draft is."""

    ROLE = "role"
    PLACE = "place"
    DISTRICT = "district"
    CONSENT = "consent"
    NAME = "name"
    PHONE = "phone"


# Labels are ROLE_LABELS (marked in models.py); the synonyms hold Thai and Malay words.
ROLE_CHOICES = [
    Choice(
        Role.VOLUNTEER.value,
        ROLE_LABELS[Role.VOLUNTEER],
        ("อาสา", "อสร", "sukarelawan", "sukarelawan buruh"),
    ),
    Choice(Role.GRADUATE.value, ROLE_LABELS[Role.GRADUATE], ("บัณฑิต", "graduan")),
    Choice(
        Role.PUBLIC.value,
        ROLE_LABELS[Role.PUBLIC],
        ("ประชาชน", "ทั่วไป", "orang awam", "awam", "rakyat"),
    ),
]
YES = Choice("yes", L_("ยินยอม"), CONSENT_WORDS)  # explicit only: "ได้" or "ya" is not consent
SKIP = Choice(
    "skip",
    L_("ข้าม"),
    ("ไม่", "ไม่ให้", "ไม่ยินยอม", "langkau", "tidak", "tak nak", "tidak mahu", "tak setuju"),
)

ASK_ROLE = N_("ลงทะเบียนในฐานะอะไรคะ")
ASK_PLACE = N_("อยู่จังหวัดหรืออำเภอไหนคะ เลือกหรือพิมพ์ชื่อได้ค่ะ")
ASK_CONSENT_NAME_PHONE = N_(
    "ให้ชื่อและเบอร์โทรไว้ เพื่อให้เจ้าหน้าที่ติดต่อได้ไหมคะ "
    "ข้อมูลใช้เฉพาะงานเครือข่ายอาสาสมัครแรงงาน ไม่ให้ก็ลงทะเบียนได้ค่ะ"
)
ASK_CONSENT_NAME = N_(
    "ให้ชื่อไว้ เพื่อให้เจ้าหน้าที่ติดต่อได้ไหมคะ "
    "ข้อมูลใช้เฉพาะงานเครือข่ายอาสาสมัครแรงงาน ไม่ให้ก็ลงทะเบียนได้ค่ะ"
)
ASK_NAME = N_("ชื่อ-นามสกุลคะ")
ASK_PHONE = N_("เบอร์โทรคะ (เช่น 0812345678)")
REGISTERED = N_("ลงทะเบียนเรียบร้อยค่ะ: {role} {place}\nอาสาบอทจะส่งข่าวประกาศของพื้นที่ให้นะคะ")
NEWS_OFF = N_("(ตอนนี้ปิดรับข่าวอยู่ พิมพ์ «รับข่าว» เพื่อเปิดค่ะ)")
ON_RECORD = N_("ข้อมูลที่ลงทะเบียนไว้: {role} {place}")
NAME_ON_RECORD = N_("ชื่อ {name}")
CHANGE_OR_KEEP = N_("ตอบคำถามต่อไปนี้เพื่อแก้ไข หรือกด «ยกเลิก» เพื่อคงข้อมูลเดิมค่ะ")
CHANGE_CANCELLED = N_("ยกเลิกการแก้ไขแล้วค่ะ ข้อมูลที่ลงทะเบียนไว้ยังเหมือนเดิมค่ะ")


def role_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(ctx.t(ASK_ROLE), ROLE_CHOICES)


def place_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(ctx.t(ASK_PLACE), area_choices(ctx.t))


def consent_question(ctx: FlowContext) -> TextMessage:
    asked = ASK_CONSENT_NAME_PHONE if ctx.turn.services.phone_cipher else ASK_CONSENT_NAME
    return ctx.ask(ctx.t(asked), [YES, SKIP])


def name_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(ctx.t(ASK_NAME))


def phone_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask(ctx.t(ASK_PHONE), [SKIP])


def on_role(ctx: FlowContext) -> Step | None:
    role = ctx.choice(ROLE_CHOICES)
    if role is None:
        return None
    ctx.data["role"] = role
    return Step(RegistrationState.PLACE)


def on_place(ctx: FlowContext) -> Step | None:
    ctx.data.pop("district", None)
    return place_step(
        ctx,
        place_state=RegistrationState.PLACE,
        district_state=RegistrationState.DISTRICT,
        then=lambda: Step(RegistrationState.CONSENT),
    )


def on_district(ctx: FlowContext) -> Step | None:
    return district_step(ctx, then=lambda: Step(RegistrationState.CONSENT))


def on_consent(ctx: FlowContext) -> Step | None:
    answer = ctx.choice([YES, SKIP])
    if answer == "yes":
        return Step(RegistrationState.NAME)
    if answer == "skip":
        return _save(ctx)
    return None


def on_name(ctx: FlowContext) -> Step | None:
    if ctx.input.kind != "text" or not 2 <= len(ctx.input.text) <= 200:
        return None
    ctx.data["name"] = ctx.input.text
    if ctx.turn.services.phone_cipher is None:
        return _save(ctx)  # without a key a phone could only be kept in the clear: not asked
    return Step(RegistrationState.PHONE)


def on_phone(ctx: FlowContext) -> Step | None:
    if ctx.choice([SKIP]) == "skip":
        return _save(ctx)
    phone = normalise_phone(ctx.input.text) if ctx.input.kind == "text" else None
    if phone is None:
        return None
    ctx.data["phone"] = phone
    return _save(ctx)


def _save(ctx: FlowContext) -> Step:
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
        cipher=ctx.turn.services.phone_cipher,
        now=utcnow(),
    )
    # Volunteers and graduates get their rich menu; registering as public: the default again.
    link_menu_for_role(ctx.turn.session, ctx.turn.line, user_id, saved.role)
    t = ctx.t
    place = Place(data["province"], data.get("district")).describe(t)
    role = t(ROLE_LABELS[Role(data["role"])])
    text = t(REGISTERED, role=role, place=place)
    if not saved.wants_announcements:
        text += " " + t(NEWS_OFF)
    return Step(END, [TextMessage(text=text)])


# Every state: its question, the handler of its answer, and where that handler may go.
STATE_TABLE: Mapping[enum.Enum, StateDef] = {
    RegistrationState.ROLE: StateDef(role_question, on_role, then=(RegistrationState.PLACE,)),
    RegistrationState.PLACE: StateDef(
        place_question,
        on_place,
        then=(RegistrationState.CONSENT, RegistrationState.DISTRICT, RegistrationState.PLACE),
    ),
    RegistrationState.DISTRICT: StateDef(
        district_question, on_district, then=(RegistrationState.CONSENT,)
    ),
    RegistrationState.CONSENT: StateDef(
        consent_question, on_consent, then=(RegistrationState.NAME, END)
    ),
    RegistrationState.NAME: StateDef(name_question, on_name, then=(RegistrationState.PHONE, END)),
    RegistrationState.PHONE: StateDef(phone_question, on_phone, then=(END,)),
}


class RegistrationFlow(Flow):
    name = "registration"
    title = N_("การลงทะเบียน")
    states = RegistrationState
    first = RegistrationState.ROLE
    state_table = STATE_TABLE
    start_intents = ("volunteer_register",)

    def intro(self, ctx: FlowContext) -> list[Message]:
        current = _registration(ctx)
        if current is None or current.role is None:
            return []
        t = ctx.t
        place = Place(current.province_code or "", current.district_code).describe(t)
        lines = [t(ON_RECORD, role=t(ROLE_LABELS[current.role]), place=place)]
        if current.full_name:
            lines.append(t(NAME_ON_RECORD, name=current.full_name))
        lines.append(t(CHANGE_OR_KEEP))
        return [TextMessage(text="\n".join(lines))]

    def on_cancel(self, ctx: FlowContext) -> list[Message]:
        if _registration(ctx) is None:
            return super().on_cancel(ctx)
        # Cancelling a change is not losing the registration: nothing is written until the end.
        return [TextMessage(text=ctx.t(CHANGE_CANCELLED))]


def _registration(ctx: FlowContext) -> Volunteer | None:
    """The user's registration on record, if they have one (then the flow changes it)."""
    user_id = ctx.turn.user_id
    current = registry.entry(ctx.turn.session, user_id) if user_id else None
    if current is None or not current.is_registered or current.role is None:
        return None
    return current
