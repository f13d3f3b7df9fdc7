"""The main menu: quick replies that reach every feature without typing."""

from __future__ import annotations

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


def intent_postback(label: str, intent_id: str) -> PostbackAction:
    """A button that opens an intent directly, so taps never depend on the classifier."""
    data = postback.encode("intent", intent=intent_id)
    return PostbackAction(label=label, data=data, display_text=label)


def main_menu_quick_reply() -> QuickReply:
    return QuickReply(
        items=[QuickReplyItem(action=intent_postback(label, intent)) for label, intent in MAIN_MENU]
    )


def main_menu_messages(lead: str = "อาสาบอทช่วยอะไรได้บ้าง เลือกหัวข้อด้านล่างได้เลยค่ะ") -> list:
    return [TextMessage(text=lead, quick_reply=main_menu_quick_reply())]
