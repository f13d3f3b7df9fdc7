"""The `announcements` intent: "หยุดรับข่าว" opts out, "รับข่าว" opts back in."""

from __future__ import annotations

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage
from linebot.v3.messaging.models import Message
from sqlalchemy.orm import Session

from bot.chat.dispatch import Dispatcher, Turn
from bot.content.answers import answer_for_intent
from bot.core import postback
from bot.core.i18n import IN_THAI, L_, N_, Translator
from bot.core.orm import utcnow
from bot.volunteers import registry
from bot.volunteers.opt_in import wants_announcements

TURNED_OFF = N_("หยุดส่งข่าวประกาศให้แล้วค่ะ ถ้าต้องการรับอีก พิมพ์ «รับข่าว» ได้เลยค่ะ")
TURNED_ON = N_("เปิดรับข่าวประกาศให้แล้วค่ะ ถ้าไม่ต้องการ พิมพ์ «หยุดรับข่าว» ได้เลยค่ะ")
ALREADY_OFF = N_("ตอนนี้ปิดรับข่าวประกาศอยู่แล้วค่ะ")
ALREADY_ON = N_("ตอนนี้รับข่าวประกาศอยู่แล้วค่ะ")
# What the «ประกาศถึงฉัน» menu button adds for someone who opted out: no promise of news.
OPTED_OUT = N_(
    "ตอนนี้คุณปิดรับข่าวประกาศอยู่ จึงจะไม่ได้รับประกาศใหม่ค่ะ "
    "ถ้าต้องการรับอีก กด «รับข่าว» หรือพิมพ์ «รับข่าว» ได้เลยค่ะ"
)
NEWS_ON = L_("รับข่าว")
NEWS_OFF = L_("หยุดรับข่าว")


def _button(label: str, value: str, t: Translator) -> QuickReplyItem:
    shown = t(label)
    return QuickReplyItem(
        action=PostbackAction(
            label=shown, data=postback.encode("announcements", set=value), display_text=shown
        )
    )


def _wanted(turn: Turn) -> bool | None:
    """True/False when the user said which; None when they only asked about news."""
    chosen = turn.postback.get("set")
    if chosen in {"on", "off"}:
        return chosen == "on"
    return wants_announcements(turn.text or "")


def receives_announcements(session: Session, user_id: str) -> bool:
    """Whether announcements reach this user (everyone does until they opt out)."""
    current = registry.entry(session, user_id)
    return current is None or current.wants_announcements


def opted_out_notice(
    session: Session, user_id: str, t: Translator = IN_THAI
) -> TextMessage | None:
    """For someone who opted out: that no new announcement will come, and how to opt back in."""
    if receives_announcements(session, user_id):
        return None
    return TextMessage(
        text=t(OPTED_OUT), quick_reply=QuickReply(items=[_button(NEWS_ON, "on", t)])
    )


def handle_announcements(turn: Turn) -> list[Message]:
    user_id = turn.user_id
    if not user_id:
        return []
    wanted = _wanted(turn)
    if wanted is None:
        on = receives_announcements(turn.session, user_id)
        lead = turn.t(ALREADY_ON if on else ALREADY_OFF)
        choice = _button(NEWS_OFF, "off", turn.t) if on else _button(NEWS_ON, "on", turn.t)
        # "มีข่าวอะไรใหม่" gets the news article first, then the subscription switch.
        news = answer_for_intent(turn.session, "announcements", None, query=turn.text) or []
        return [*news[:4], TextMessage(text=lead, quick_reply=QuickReply(items=[choice]))]
    changed = registry.set_announcements(turn.session, user_id, wanted, utcnow())
    if not changed:
        return [TextMessage(text=turn.t(ALREADY_ON if wanted else ALREADY_OFF))]
    return [TextMessage(text=turn.t(TURNED_ON if wanted else TURNED_OFF))]


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_intent("announcements")(handle_announcements)
    dispatcher.on_postback("announcements")(handle_announcements)
