"""The main menu: quick replies that reach every feature without typing."""

from __future__ import annotations

from collections.abc import Mapping

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage

from bot.core import postback
from bot.core.i18n import IN_THAI, L_, N_, Translator

# (label on the button, intent it opens). Labels fit LINE's 20-character quick-reply limit.
MAIN_MENU: tuple[tuple[str, str], ...] = (
    (L_("ค่าแรงขั้นต่ำ"), "minimum_wage"),
    (L_("สิทธิลูกจ้าง"), "labour_protection"),
    (L_("ประกันสังคม"), "social_security"),
    (L_("แจ้งเรื่องร้องเรียน"), "complaint_file"),
    (L_("ติดตามเรื่อง"), "complaint_status"),
    (L_("หางาน"), "job_search"),
    (L_("ทำงานต่างประเทศ"), "work_abroad"),
    (L_("ผู้ตรวจการแผ่นดิน"), "ombudsman_info"),
    (L_("ติดต่อหน่วยงาน"), "contact_office"),
    (L_("ลงทะเบียนอาสา"), "volunteer_register"),
    (L_("ข่าวประกาศ"), "announcements"),
    (L_("คุยกับเจ้าหน้าที่"), "human_agent"),
)
MENU_LEAD = N_("อาสาบอทช่วยอะไรได้บ้าง เลือกหัวข้อด้านล่างได้เลยค่ะ")


MAX_LABEL = 20  # LINE: characters (UTF-16 code units) on a button or a quick reply
# Short labels written for the intents whose taxonomy label (intents/taxonomy.yaml, a shared
# spec) is longer than a button takes: never a label cut mid-word ("ความปลอดภัยในการทำงา").
SHORT_INTENT_LABELS: dict[str, str] = {
    "workplace_safety": L_("ความปลอดภัยในงาน"),
    "skill_training": L_("ฝึกอาชีพ พัฒนาฝีมือ"),
    "complaint_status": L_("ติดตามเรื่อง"),
    "volunteer_role": L_("บทบาทอาสา / บัณฑิต"),
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


def intent_label(intent_id: str, labels: Mapping[str, str], t: Translator = IN_THAI) -> str:
    """An intent's button label: its short label, else its taxonomy label (`labels`).

    The taxonomy's labels are Thai (a shared spec); bot/chat/intent_labels.py marks each of them
    for the catalogue, which holds their Malay forms."""
    return button_label(t(SHORT_INTENT_LABELS.get(intent_id) or labels.get(intent_id, intent_id)))


def intent_postback(label: str, intent_id: str) -> PostbackAction:
    """A button that opens an intent directly, so taps never depend on the classifier."""
    label = button_label(label)
    data = postback.encode("intent", intent=intent_id)
    return PostbackAction(label=label, data=data, display_text=label)


def main_menu_quick_reply(t: Translator = IN_THAI) -> QuickReply:
    # construct(), as bot/content/compose.py builds cards: the labels are this module's,
    # checked by button_label, and the data postback.encode's, so the SDK's validation of each
    # of the 12 buttons (most of a greeting's answer, profiled) would check nothing.
    items = []
    for label, intent in MAIN_MENU:
        text = button_label(t(label))
        data = postback.encode("intent", intent=intent)
        action = PostbackAction.construct(label=text, data=data, display_text=text)
        items.append(QuickReplyItem.construct(action=action))
    return QuickReply.construct(items=items)


def main_menu_messages(lead: str | None = None, *, t: Translator = IN_THAI) -> list:
    """`lead` (already in the person's language) over the main menu's buttons in `t`'s."""
    return [TextMessage(text=lead or t(MENU_LEAD), quick_reply=main_menu_quick_reply(t))]
