"""The main menu: quick replies that reach every feature without typing."""

from __future__ import annotations

from collections.abc import Mapping

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage

from bot.core import postback

# (label on the button, intent it opens). Labels fit LINE's 20-character quick-reply limit.
MAIN_MENU: tuple[tuple[str, str], ...] = (
    ("ค่าแรงขั้นต่ำ", "minimum_wage"),
    ("สิทธิลูกจ้าง", "labour_protection"),
    ("ประกันสังคม", "social_security"),
    ("แจ้งเรื่องร้องเรียน", "complaint_file"),
    ("ติดตามเรื่อง", "complaint_status"),
    ("หางาน", "job_search"),
    ("ทำงานต่างประเทศ", "work_abroad"),
    ("ผู้ตรวจการแผ่นดิน", "ombudsman_info"),
    ("ติดต่อหน่วยงาน", "contact_office"),
    ("ลงทะเบียนอาสา", "volunteer_register"),
    ("ข่าวประกาศ", "announcements"),
    ("คุยกับเจ้าหน้าที่", "human_agent"),
)


MAX_LABEL = 20  # LINE: characters (UTF-16 code units) on a button or a quick reply
# Short labels written for the intents whose taxonomy label (intents/taxonomy.yaml, a shared
# spec) is longer than a button takes: never a label cut mid-word ("ความปลอดภัยในการทำงา").
SHORT_INTENT_LABELS: dict[str, str] = {
    "workplace_safety": "ความปลอดภัยในงาน",
    "skill_training": "ฝึกอาชีพ พัฒนาฝีมือ",
    "complaint_status": "ติดตามเรื่อง",
    "volunteer_role": "บทบาทอาสา / บัณฑิต",
}


def label_length(text: str) -> int:
    """Characters as LINE counts them (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def button_label(text: str) -> str:
    """`text` as a button label. Too long is an error to fix where the label is written: a
    label is never cut, since a cut one reads as a broken word."""
    if label_length(text) > MAX_LABEL:
        raise ValueError(f"button label longer than {MAX_LABEL} characters: {text!r}")
    return text


def intent_label(intent_id: str, labels: Mapping[str, str]) -> str:
    """An intent's button label: its short label, else its taxonomy label (`labels`)."""
    return button_label(SHORT_INTENT_LABELS.get(intent_id) or labels.get(intent_id, intent_id))


def intent_postback(label: str, intent_id: str) -> PostbackAction:
    """A button that opens an intent directly, so taps never depend on the classifier."""
    label = button_label(label)
    data = postback.encode("intent", intent=intent_id)
    return PostbackAction(label=label, data=data, display_text=label)


def main_menu_quick_reply() -> QuickReply:
    return QuickReply(
        items=[QuickReplyItem(action=intent_postback(label, intent)) for label, intent in MAIN_MENU]
    )


def main_menu_messages(lead: str = "อาสาบอทช่วยอะไรได้บ้าง เลือกหัวข้อด้านล่างได้เลยค่ะ") -> list:
    return [TextMessage(text=lead, quick_reply=main_menu_quick_reply())]
