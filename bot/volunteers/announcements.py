"""The `announcements` intent: "หยุดรับข่าว" opts out, "รับข่าว" opts back in."""

from __future__ import annotations

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage
from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Dispatcher, Turn
from bot.content.answers import answer_for_intent
from bot.core import postback
from bot.core.orm import utcnow
from bot.volunteers import registry

STOP_WORDS = ("หยุด", "ไม่รับ", "เลิกรับ", "ยกเลิกรับ", "ปิด")
TURNED_OFF = "หยุดส่งข่าวประกาศให้แล้วค่ะ ถ้าต้องการรับอีก พิมพ์ «รับข่าว» ได้เลยค่ะ"
TURNED_ON = "เปิดรับข่าวประกาศให้แล้วค่ะ ถ้าไม่ต้องการ พิมพ์ «หยุดรับข่าว» ได้เลยค่ะ"
ALREADY_OFF = "ตอนนี้ปิดรับข่าวประกาศอยู่แล้วค่ะ"
ALREADY_ON = "ตอนนี้รับข่าวประกาศอยู่แล้วค่ะ"


def _button(label: str, value: str) -> QuickReplyItem:
    return QuickReplyItem(
        action=PostbackAction(
            label=label, data=postback.encode("announcements", set=value), display_text=label
        )
    )


def _wanted(turn: Turn) -> bool | None:
    """True/False when the user said which; None when they only asked about news."""
    chosen = turn.postback.get("set")
    if chosen in {"on", "off"}:
        return chosen == "on"
    text = "".join((turn.text or "").split())
    if not text:
        return None
    if any(word in text for word in STOP_WORDS):
        return False
    if "รับข่าว" in text or "รับประกาศ" in text:
        return True
    return None


def handle_announcements(turn: Turn) -> list[Message]:
    user_id = turn.user_id
    if not user_id:
        return []
    wanted = _wanted(turn)
    if wanted is None:
        current = registry.entry(turn.session, user_id)
        on = current is None or current.wants_announcements
        lead = ALREADY_ON if on else ALREADY_OFF
        choice = _button("หยุดรับข่าว", "off") if on else _button("รับข่าว", "on")
        # "มีข่าวอะไรใหม่" gets the news article first, then the subscription switch.
        news = answer_for_intent(turn.session, "announcements", None, query=turn.text) or []
        return [*news[:4], TextMessage(text=lead, quick_reply=QuickReply(items=[choice]))]
    changed = registry.set_announcements(turn.session, user_id, wanted, utcnow())
    if not changed:
        return [TextMessage(text=ALREADY_ON if wanted else ALREADY_OFF)]
    return [TextMessage(text=TURNED_ON if wanted else TURNED_OFF)]


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_intent("announcements")(handle_announcements)
    dispatcher.on_postback("announcements")(handle_announcements)
