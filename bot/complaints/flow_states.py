"""The complaint flow's states, the buttons they offer, and which state comes next."""

from __future__ import annotations

import enum

from linebot.v3.messaging.models import Message

from bot.chat.flows.engine import CONSENT_WORDS, Choice, FlowContext, Step
from bot.complaints.models import Affected
from bot.complaints.routing import CATEGORIES


class ComplaintState(enum.Enum):
    """Where a complaint draft is; the values are in the edit buttons' postbacks."""

    CONSENT = "consent"
    AFFECTED = "affected"
    AFFECTED_CONSENT = "affected_consent"
    CATEGORY = "category"
    DETAILS = "details"
    PLACE = "place"
    DISTRICT = "district"
    PIN_PLACE = "pin_place"  # a pin in Thailand whose address names no province
    EVIDENCE = "evidence"
    CONTACT = "contact"
    CONFIRM = "confirm"
    EDIT = "edit"


YES_NO_CONSENT = (
    Choice("yes", "ยินยอม", CONSENT_WORDS),  # explicit only: "ok" or "ได้" is not consent
    Choice("no", "ไม่ยินยอม", ("ไม่ยอม", "ไม่")),
)
AFFECTED_CHOICES = (
    Choice(Affected.SELF.value, "ตัวฉันเอง", ("ตัวเอง", "ฉัน", "ผม", "ตนเอง")),
    Choice(Affected.OTHER.value, "คนที่ฉันช่วยแจ้ง", ("คนอื่น", "แจ้งแทน")),
    Choice(Affected.GROUP.value, "เป็นกลุ่ม/หลายคน", ("กลุ่ม", "หลายคน")),
)
AGREED_CHOICES = (
    Choice("yes", "ยินยอมแล้ว", ("ใช่", "ยินยอม", "ได้")),
    Choice("no", "ยังไม่ได้ถาม", ("ยัง", "ไม่", "ยังไม่")),
)
CATEGORY_SYNONYMS = {
    "wages_dismissal": ("ค่าจ้าง", "ค่าแรง", "เลิกจ้าง", "ถูกไล่ออก"),
    "social_security": ("ประกันสังคม",),
    "safety_injury": ("บาดเจ็บ", "อุบัติเหตุ", "ความปลอดภัย"),
    "work_abroad": ("นายหน้า", "ต่างประเทศ", "ทำงานต่างประเทศ"),
    "state_agency": ("หน่วยงานรัฐ", "เจ้าหน้าที่", "ผู้ตรวจการแผ่นดิน"),
    "other": ("อื่นๆ", "อื่น ๆ"),
}
# A problem typed at "what kind?" instead of a tap: the topic the classifier is sure of says the
# kind (intent ids of intents/taxonomy.yaml). Other topics are not a kind of complaint.
CATEGORY_BY_INTENT = {
    "labour_protection": "wages_dismissal",
    "minimum_wage": "wages_dismissal",
    "social_security": "social_security",
    "workplace_safety": "safety_injury",
    "work_abroad": "work_abroad",
    "ombudsman_info": "state_agency",
}
CATEGORY_CHOICES = tuple(
    Choice(c.code, c.label, CATEGORY_SYNONYMS.get(c.code, ())) for c in CATEGORIES
)
DONE = Choice("done", "เสร็จ", ("เสร็จแล้ว", "จบ", "พอแล้ว"))
SKIP = Choice("skip", "ข้าม", ("ไม่มี", "ไม่มีหลักฐาน"))
ANONYMOUS = Choice("anonymous", "ไม่ระบุ", ("ไม่ให้", "ไม่มี", "ไม่ระบุตัวตน"))
UNKNOWN_DISTRICT = Choice("unknown", "ไม่ทราบอำเภอ", ("ไม่ทราบ", "ไม่รู้"))
UNKNOWN_PROVINCE = Choice("unknown", "ไม่ทราบจังหวัด", ("ไม่ทราบ", "ไม่รู้"))
CONFIRM_CHOICES = (
    Choice("confirm", "ยืนยันส่งเรื่อง", ("ยืนยัน", "ส่ง", "ส่งเรื่อง")),
    Choice("edit", "แก้ไข", ("แก้",)),
)
EDIT_CHOICES = (
    Choice(ComplaintState.AFFECTED.value, "ผู้ได้รับผลกระทบ"),
    Choice(ComplaintState.CATEGORY.value, "ประเภทเรื่อง"),
    Choice(ComplaintState.DETAILS.value, "รายละเอียด"),
    Choice(ComplaintState.PLACE.value, "สถานที่"),
    Choice(ComplaintState.EVIDENCE.value, "หลักฐาน"),
    Choice(ComplaintState.CONTACT.value, "เบอร์ติดต่อ"),
)


def edit_choices(ctx: FlowContext) -> list[Choice]:
    """The answers that can be changed; the phone only where it can be kept (a key is set)."""
    keeps_phones = ctx.services.phone_cipher is not None
    return [c for c in EDIT_CHOICES if c.value != ComplaintState.CONTACT.value or keeps_phones]


# Asked on the way even while one answer is edited: the edited answer is not complete without.
_FOLLOW_UPS = (ComplaintState.AFFECTED_CONSENT, ComplaintState.DISTRICT)


def next_step(
    ctx: FlowContext, state: ComplaintState, messages: list[Message] | None = None
) -> Step:
    """The next state, or back to the summary when the user is editing one answer."""
    if ctx.draft.editing and state not in _FOLLOW_UPS:
        ctx.draft.editing = False
        state = ComplaintState.CONFIRM
    if state is ComplaintState.CONTACT and ctx.services.phone_cipher is None:
        # Without a key phone numbers cannot be kept safely: not asked.
        state = ComplaintState.CONFIRM
    return Step(state, messages or [])
