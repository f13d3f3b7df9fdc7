"""What reporters read about their cases: status pushes, history, the list of recent cases.

Each is built in the reporter's language (`t`): the chat turn's, or for a push LineUser.speaks.
Staff notes and the reporter's own words are shown as they were written.
"""

from __future__ import annotations

from datetime import datetime

from linebot.v3.messaging import (
    FlexBox,
    FlexBubble,
    FlexButton,
    FlexCarousel,
    FlexMessage,
    FlexText,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)
from linebot.v3.messaging.models import Message

from bot.complaints.models import Complaint, ComplaintEvent, ComplaintStatus
from bot.complaints.routing import body_name, category_label
from bot.core import postback
from bot.core.i18n import IN_THAI, L_, N_, Translator
from bot.core.malay_dates import malay_datetime
from bot.core.thai_dates import thai_datetime

# Marked for the catalogue; the console and exports show the Thai.
STATUS_LABELS: dict[ComplaintStatus, str] = {
    ComplaintStatus.RECEIVED: N_("รับเรื่องแล้ว"),
    ComplaintStatus.FORWARDED: N_("ส่งต่อหน่วยงานแล้ว"),
    ComplaintStatus.IN_PROGRESS: N_("กำลังดำเนินการ"),
    ComplaintStatus.RESOLVED: N_("แก้ไขเรียบร้อยแล้ว"),
    ComplaintStatus.CLOSED_UNRESOLVABLE: N_("ปิดเรื่อง (ดำเนินการต่อไม่ได้)"),
}
STARS_LABEL = L_("{stars} ดาว")  # then the stars drawn: "5 ดาว ⭐⭐⭐⭐⭐"
STARS_GIVEN = N_("ให้ {stars} ดาว")
UPDATE_LEAD = N_("อัปเดตเรื่อง {reference} ค่ะ")
STATUS_LINE = N_("สถานะ: {status}")
BODY_LINE = N_("หน่วยงาน: {body}")
NOTE_LINE = N_("หมายเหตุ: {note}")
ASK_RATING = N_("ช่วยให้คะแนนการดูแลเรื่องนี้ 1–5 ดาวได้ไหมคะ")
NO_CASES = N_("ยังไม่มีเรื่องที่แจ้งไว้ค่ะ ถ้าต้องการแจ้งเรื่อง กด «แจ้งเรื่องร้องเรียน» ด้านล่างได้เลยค่ะ")
FILE_ONE = L_("แจ้งเรื่องร้องเรียน")
CASE_LINE = N_("เรื่อง {reference}")
CATEGORY_LINE = N_("ประเภท: {category}")
LATEST_STATUS_LINE = N_("สถานะล่าสุด: {status}")
PROGRESS = N_("ความคืบหน้า:")
RATE_IT = N_("ให้คะแนนเรื่องนี้ได้ค่ะ")
RATED = N_("คะแนนที่ให้: {stars} ดาว ขอบคุณค่ะ")
SEE_PROGRESS = L_("ดูความคืบหน้า")
FOLLOW_CASE = N_("ติดตามเรื่อง {reference}")
RECENT_CASES = N_("เรื่องที่แจ้งไว้ล่าสุด {count} เรื่องค่ะ")
YOUR_CASES = N_("เรื่องร้องเรียนของคุณ")

def chat_datetime(when: datetime, t: Translator = IN_THAI) -> str:
    """"21 พ.ย. 2569 14:05" in Thai; "21 Nov 2026 14:05" in Malay (local time either way)."""
    return malay_datetime(when) if t.is_malay else thai_datetime(when)


def rating_quick_reply(reference: str, t: Translator = IN_THAI) -> QuickReply:
    return QuickReply(
        items=[
            QuickReplyItem(
                action=PostbackAction(
                    # The number first: where emoji do not draw, the label still reads.
                    label=f"{t(STARS_LABEL, stars=stars)} {'⭐' * stars}",
                    data=postback.encode("complaint_rate", ref=reference, stars=stars),
                    display_text=t(STARS_GIVEN, stars=stars),
                )
            )
            for stars in range(5, 0, -1)
        ]
    )


def status_update_messages(
    complaint: Complaint, event: ComplaintEvent, t: Translator = IN_THAI
) -> list[Message]:
    """The push a reporter gets when their case moves, in their language."""
    lines = [
        t(UPDATE_LEAD, reference=complaint.reference),
        t(STATUS_LINE, status=t(STATUS_LABELS[event.status])),
    ]
    if event.status is ComplaintStatus.FORWARDED:
        body = body_name(complaint.routed_to, complaint.province_code, t)
        lines.append(t(BODY_LINE, body=body))
    if event.note:
        lines.append(t(NOTE_LINE, note=event.note))  # the officer's words, as written
    if event.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED_UNRESOLVABLE):
        lines.append(t(ASK_RATING))
        return [
            TextMessage(
                text="\n".join(lines), quick_reply=rating_quick_reply(complaint.reference, t)
            )
        ]
    return [TextMessage(text="\n".join(lines))]


def no_cases_messages(t: Translator = IN_THAI) -> list[Message]:
    """«เรื่องของฉัน» with no case yet: the way to file one, as the menu's own button."""
    # Built here rather than from bot.chat.menu: the handlers package imports this module.
    file_one = PostbackAction(
        label=t(FILE_ONE),
        data=postback.encode("intent", intent="complaint_file"),
        display_text=t(FILE_ONE),
    )
    return [
        TextMessage(
            text=t(NO_CASES), quick_reply=QuickReply(items=[QuickReplyItem(action=file_one)])
        )
    ]


def history_messages(complaint: Complaint, t: Translator = IN_THAI) -> list[Message]:
    """One case's status and timestamped history, for its reporter."""
    lines = [
        t(CASE_LINE, reference=complaint.reference),
        t(CATEGORY_LINE, category=category_label(complaint.category, t)),
        t(BODY_LINE, body=body_name(complaint.routed_to, complaint.province_code, t)),
        t(LATEST_STATUS_LINE, status=t(STATUS_LABELS[complaint.status])),
        "",
        t(PROGRESS),
    ]
    for event in complaint.events:
        line = f"• {chat_datetime(event.created_at, t)} {t(STATUS_LABELS[event.status])}"
        lines.append(line + (f" – {event.note}" if event.note else ""))
    if complaint.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED_UNRESOLVABLE):
        if complaint.rating is None:
            lines.append("\n" + t(RATE_IT))
            return [
                TextMessage(
                    text="\n".join(lines), quick_reply=rating_quick_reply(complaint.reference, t)
                )
            ]
        lines.append("\n" + t(RATED, stars=complaint.rating))
    return [TextMessage(text="\n".join(lines))]


def cases_carousel(complaints: list[Complaint], t: Translator = IN_THAI) -> list[Message]:
    """The reporter's recent cases, one card each, with a button to see the history."""
    bubbles = [
        FlexBubble(
            size="micro",
            body=FlexBox(
                layout="vertical",
                spacing="sm",
                contents=[
                    FlexText(text=c.reference, weight="bold", size="sm"),
                    FlexText(text=category_label(c.category, t), size="xs", wrap=True),
                    FlexText(
                        text=t(STATUS_LABELS[c.status]), size="xs", color="#1B7F3B", wrap=True
                    ),
                    FlexText(text=chat_datetime(c.created_at, t), size="xxs", color="#888888"),
                ],
            ),
            footer=FlexBox(
                layout="vertical",
                contents=[
                    FlexButton(
                        style="link",
                        height="sm",
                        action=PostbackAction(
                            label=t(SEE_PROGRESS),
                            data=postback.encode("complaint_status", ref=c.reference),
                            display_text=t(FOLLOW_CASE, reference=c.reference),
                        ),
                    )
                ],
            ),
        )
        for c in complaints[:10]
    ]
    return [
        TextMessage(text=t(RECENT_CASES, count=len(bubbles))),
        FlexMessage(alt_text=t(YOUR_CASES), contents=FlexCarousel(contents=bubbles)),
    ]
