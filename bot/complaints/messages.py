"""What reporters read about their cases: status pushes, history, the list of recent cases."""

from __future__ import annotations

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
from bot.core.thai_dates import thai_datetime

STATUS_LABELS: dict[ComplaintStatus, str] = {
    ComplaintStatus.RECEIVED: "รับเรื่องแล้ว",
    ComplaintStatus.FORWARDED: "ส่งต่อหน่วยงานแล้ว",
    ComplaintStatus.IN_PROGRESS: "กำลังดำเนินการ",
    ComplaintStatus.RESOLVED: "แก้ไขเรียบร้อยแล้ว",
    ComplaintStatus.CLOSED_UNRESOLVABLE: "ปิดเรื่อง (ดำเนินการต่อไม่ได้)",
}


def rating_quick_reply(reference: str) -> QuickReply:
    return QuickReply(
        items=[
            QuickReplyItem(
                action=PostbackAction(
                    # The number first: where emoji do not draw, the label still reads.
                    label=f"{stars} ดาว {'⭐' * stars}",
                    data=postback.encode("complaint_rate", ref=reference, stars=stars),
                    display_text=f"ให้ {stars} ดาว",
                )
            )
            for stars in range(5, 0, -1)
        ]
    )


def status_update_messages(complaint: Complaint, event: ComplaintEvent) -> list[Message]:
    """The push a reporter gets when their case moves."""
    lines = [
        f"อัปเดตเรื่อง {complaint.reference} ค่ะ",
        f"สถานะ: {STATUS_LABELS[event.status]}",
    ]
    if event.status is ComplaintStatus.FORWARDED:
        lines.append(f"หน่วยงาน: {body_name(complaint.routed_to, complaint.province_code)}")
    if event.note:
        lines.append(f"หมายเหตุ: {event.note}")
    if event.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED_UNRESOLVABLE):
        lines.append("ช่วยให้คะแนนการดูแลเรื่องนี้ 1–5 ดาวได้ไหมคะ")
        return [
            TextMessage(text="\n".join(lines), quick_reply=rating_quick_reply(complaint.reference))
        ]
    return [TextMessage(text="\n".join(lines))]


NO_CASES = "ยังไม่มีเรื่องที่แจ้งไว้ค่ะ ถ้าต้องการแจ้งเรื่อง กด «แจ้งเรื่องร้องเรียน» ด้านล่างได้เลยค่ะ"


def no_cases_messages() -> list[Message]:
    """«เรื่องของฉัน» with no case yet: the way to file one, as the menu's own button."""
    # Built here rather than from bot.chat.menu: the handlers package imports this module.
    file_one = PostbackAction(
        label="แจ้งเรื่องร้องเรียน",
        data=postback.encode("intent", intent="complaint_file"),
        display_text="แจ้งเรื่องร้องเรียน",
    )
    return [
        TextMessage(text=NO_CASES, quick_reply=QuickReply(items=[QuickReplyItem(action=file_one)]))
    ]


def history_messages(complaint: Complaint) -> list[Message]:
    """One case's status and timestamped history, for its reporter."""
    lines = [
        f"เรื่อง {complaint.reference}",
        f"ประเภท: {category_label(complaint.category)}",
        f"หน่วยงาน: {body_name(complaint.routed_to, complaint.province_code)}",
        f"สถานะล่าสุด: {STATUS_LABELS[complaint.status]}",
        "",
        "ความคืบหน้า:",
    ]
    for event in complaint.events:
        line = f"• {thai_datetime(event.created_at)} {STATUS_LABELS[event.status]}"
        lines.append(line + (f" – {event.note}" if event.note else ""))
    if complaint.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED_UNRESOLVABLE):
        if complaint.rating is None:
            lines.append("\nให้คะแนนเรื่องนี้ได้ค่ะ")
            return [
                TextMessage(
                    text="\n".join(lines), quick_reply=rating_quick_reply(complaint.reference)
                )
            ]
        lines.append(f"\nคะแนนที่ให้: {complaint.rating} ดาว ขอบคุณค่ะ")
    return [TextMessage(text="\n".join(lines))]


def cases_carousel(complaints: list[Complaint]) -> list[Message]:
    """The reporter's recent cases, one card each, with a button to see the history."""
    bubbles = [
        FlexBubble(
            size="micro",
            body=FlexBox(
                layout="vertical",
                spacing="sm",
                contents=[
                    FlexText(text=c.reference, weight="bold", size="sm"),
                    FlexText(text=category_label(c.category), size="xs", wrap=True),
                    FlexText(text=STATUS_LABELS[c.status], size="xs", color="#1B7F3B", wrap=True),
                    FlexText(text=thai_datetime(c.created_at), size="xxs", color="#888888"),
                ],
            ),
            footer=FlexBox(
                layout="vertical",
                contents=[
                    FlexButton(
                        style="link",
                        height="sm",
                        action=PostbackAction(
                            label="ดูความคืบหน้า",
                            data=postback.encode("complaint_status", ref=c.reference),
                            display_text=f"ติดตามเรื่อง {c.reference}",
                        ),
                    )
                ],
            ),
        )
        for c in complaints[:10]
    ]
    return [
        TextMessage(text=f"เรื่องที่แจ้งไว้ล่าสุด {len(bubbles)} เรื่องค่ะ"),
        FlexMessage(alt_text="เรื่องร้องเรียนของคุณ", contents=FlexCarousel(contents=bubbles)),
    ]
