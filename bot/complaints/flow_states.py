"""The complaint flow's states, the buttons they offer, and which state comes next.

Labels are Thai msgids (L_), shown in the person's language; typed, the label in Thai or Malay
or a synonym acts as the button, so the synonyms hold both languages' everyday words.
"""

from __future__ import annotations

import enum

from linebot.v3.messaging.models import Message

from bot.chat.flows.engine import CONSENT_WORDS, Choice, FlowContext, Step
from bot.complaints.models import Affected
from bot.complaints.routing import CATEGORIES
from bot.core.i18n import L_


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
    Choice("yes", L_("ยินยอม"), CONSENT_WORDS),  # explicit only: "ok", "ได้", "ya" are not consent
    Choice("no", L_("ไม่ยินยอม"), ("ไม่ยอม", "ไม่", "tidak", "tak setuju", "tidak mahu", "tak")),
)
AFFECTED_CHOICES = (
    Choice(
        Affected.SELF.value,
        L_("ตัวฉันเอง"),
        ("ตัวเอง", "ฉัน", "ผม", "ตนเอง", "saya", "diri saya", "sendiri", "saya sendiri"),
    ),
    Choice(
        Affected.OTHER.value,
        L_("คนที่ฉันช่วยแจ้ง"),
        ("คนอื่น", "แจ้งแทน", "orang lain", "bagi pihak"),
    ),
    Choice(
        Affected.GROUP.value,
        L_("เป็นกลุ่ม/หลายคน"),
        ("กลุ่ม", "หลายคน", "kumpulan", "ramai", "ramai orang"),
    ),
)
AGREED_CHOICES = (
    Choice("yes", L_("ยินยอมแล้ว"), ("ใช่", "ยินยอม", "ได้", "ya", "sudah", "setuju", "dah")),
    Choice("no", L_("ยังไม่ได้ถาม"), ("ยัง", "ไม่", "ยังไม่", "belum", "tidak", "tak", "belum lagi")),
)
CATEGORY_SYNONYMS = {
    "wages_dismissal": (
        *("ค่าจ้าง", "ค่าแรง", "เลิกจ้าง", "ถูกไล่ออก"),
        *("gaji", "upah", "diberhentikan", "buang kerja", "dibuang kerja"),
    ),
    "social_security": ("ประกันสังคม", "keselamatan sosial", "insurans sosial"),
    "safety_injury": (
        *("บาดเจ็บ", "อุบัติเหตุ", "ความปลอดภัย"),
        *("cedera", "kemalangan", "keselamatan"),
    ),
    "work_abroad": (
        *("นายหน้า", "ต่างประเทศ", "ทำงานต่างประเทศ"),
        *("ejen", "luar negara", "kerja luar negara"),
    ),
    "state_agency": (
        *("หน่วยงานรัฐ", "เจ้าหน้าที่", "ผู้ตรวจการแผ่นดิน"),
        *("agensi kerajaan", "pegawai kerajaan", "ombudsman"),
    ),
    "other": ("อื่นๆ", "อื่น ๆ", "lain", "lain-lain", "hal lain"),
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
DONE = Choice("done", L_("เสร็จ"), ("เสร็จแล้ว", "จบ", "พอแล้ว", "selesai", "siap", "sudah", "dah"))
SKIP = Choice("skip", L_("ข้าม"), ("ไม่มี", "ไม่มีหลักฐาน", "langkau", "tiada", "tak ada"))
ANONYMOUS = Choice(
    "anonymous",
    L_("ไม่ระบุ"),
    ("ไม่ให้", "ไม่มี", "ไม่ระบุตัวตน", "tanpa nama", "tidak mahu", "tak nak", "tiada"),
)
UNKNOWN_DISTRICT = Choice(
    "unknown", L_("ไม่ทราบอำเภอ"), ("ไม่ทราบ", "ไม่รู้", "tidak tahu", "tak tahu")
)
UNKNOWN_PROVINCE = Choice(
    "unknown", L_("ไม่ทราบจังหวัด"), ("ไม่ทราบ", "ไม่รู้", "tidak tahu", "tak tahu")
)
CONFIRM_CHOICES = (
    Choice(
        "confirm",
        L_("ยืนยันส่งเรื่อง"),
        ("ยืนยัน", "ส่ง", "ส่งเรื่อง", "hantar", "sahkan", "ya hantar", "ya"),
    ),
    Choice("edit", L_("แก้ไข"), ("แก้", "ubah", "pinda", "betulkan")),
)
EDIT_CHOICES = (
    Choice(ComplaintState.AFFECTED.value, L_("ผู้ได้รับผลกระทบ")),
    Choice(ComplaintState.CATEGORY.value, L_("ประเภทเรื่อง")),
    Choice(ComplaintState.DETAILS.value, L_("รายละเอียด")),
    Choice(ComplaintState.PLACE.value, L_("สถานที่")),
    Choice(ComplaintState.EVIDENCE.value, L_("หลักฐาน")),
    Choice(ComplaintState.CONTACT.value, L_("เบอร์ติดต่อ")),
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
