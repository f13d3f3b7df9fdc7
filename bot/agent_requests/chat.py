"""The chat side of talking to an officer: asking, the bot stepping aside, handing back, rating.

`step_aside` is the first thing the conversation asks of every message and postback: while a
conversation waits for or is with an officer, the bot answers nothing (the message goes to the
transcript and the message log) unless the person hands back.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage
from linebot.v3.messaging.models import Message
from linebot.v3.webhooks import (
    FileMessageContent,
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
)
from sqlalchemy.orm import Session

from bot.agent_requests import handoff as service
from bot.agent_requests.models import Handoff, HandoffStatus
from bot.agent_requests.service import record_request
from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.events import mask_phone_numbers
from bot.chat.menu import main_menu_messages
from bot.content.contacts import human_agent_messages
from bot.core.i18n import IN_THAI, L_, N_, THAI, Translator
from bot.core.orm import utcnow
from bot.core.users import LineUser
from bot.volunteers import registry

log = logging.getLogger(__name__)

# Typed by the person (or sent by the quick reply) to leave the officer and return to the bot.
BACK_WORDS = frozenset({"กลับไปคุยกับบอท", "ยกเลิก", "kembali ke bot", "batal"})
BACK_LABEL = L_("กลับไปคุยกับบอท")
CALLBACK_LABEL = L_("ขอให้โทรกลับ")

ASKED = N_(
    "ส่งเรื่องถึงเจ้าหน้าที่แล้วค่ะ เจ้าหน้าที่จะตอบในแชตนี้ กรุณารอสักครู่ "
    "ระหว่างนี้อาสาบอทจะไม่ตอบ ถ้าต้องการกลับไปคุยกับบอท พิมพ์ «ยกเลิก» ได้ทุกเมื่อค่ะ"
)
STILL_WAITING = N_("ยังรอเจ้าหน้าที่อยู่ค่ะ เจ้าหน้าที่จะตอบในแชตนี้ พิมพ์ «ยกเลิก» เพื่อกลับไปคุยกับบอทได้ค่ะ")
AFTER_HOURS = N_("ขณะนี้อยู่นอกเวลาทำการค่ะ เจ้าหน้าที่จะอ่านข้อความ{when} พิมพ์ทิ้งไว้ได้เลยค่ะ")
TAKEN = N_("เจ้าหน้าที่เข้ามาคุยแล้วค่ะ พิมพ์ข้อความได้เลยค่ะ")
ENDED = N_("เจ้าหน้าที่จบการสนทนาแล้วค่ะ ตอนนี้กลับมาคุยกับอาสาบอทแล้ว")
RATE = N_("ช่วยให้คะแนนการคุยกับเจ้าหน้าที่ครั้งนี้หน่อยนะคะ (1 = ไม่พอใจ, 5 = พอใจมาก)")
HANDED_BACK = N_("กลับมาคุยกับอาสาบอทแล้วค่ะ พิมพ์คำถามหรือเลือกหัวข้อด้านล่างได้เลยค่ะ")
NO_OFFICER = N_(
    "ขออภัยค่ะ ตอนนี้ยังไม่มีเจ้าหน้าที่ว่างรับเรื่อง อาสาบอทกลับมาคุยด้วยแล้วค่ะ "
    "กด «ขอให้โทรกลับ» ให้เจ้าหน้าที่โทรหา (ถ้าลงทะเบียนเบอร์โทรไว้) หรือโทรสายด่วนด้านล่างได้ค่ะ"
)
IDLE = N_("ไม่มีข้อความในการคุยกับเจ้าหน้าที่มาสักพัก อาสาบอทจึงกลับมาคุยด้วยแล้วค่ะ")
CALLBACK_RECORDED = N_("บันทึกคำขอให้โทรกลับแล้วค่ะ ถ้าลงทะเบียนเบอร์โทรไว้ เจ้าหน้าที่จะโทรหาค่ะ")
THANKS_FOR_RATING = N_("ขอบคุณสำหรับคะแนนค่ะ 🙏")


def _postback(label: str, data: str) -> QuickReplyItem:
    return QuickReplyItem(action=PostbackAction(label=label, data=data, display_text=label))


def back_button(t: Translator = IN_THAI) -> QuickReply:
    return QuickReply(items=[_postback(t(BACK_LABEL), "action=handoff_back")])


def person_language(session: Session, user_id: str) -> Translator:
    """The person's language, for what the console and the clock push to them (no turn there)."""
    user = session.get(LineUser, user_id)
    return Translator(user.speaks if user is not None else THAI)


def taken_notice(t: Translator = IN_THAI) -> list[Message]:
    return [TextMessage(text=t(TAKEN), quick_reply=back_button(t))]


def ended_notice(handoff_id: int, t: Translator = IN_THAI) -> list[Message]:
    """The end, then the rating question as five buttons."""
    stars = [
        _postback(str(n), f"action=handoff_rating&id={handoff_id}&score={n}") for n in range(1, 6)
    ]
    return [
        TextMessage(text=t(ENDED)),
        TextMessage(text=t(RATE), quick_reply=QuickReply(items=stars)),
    ]


def no_officer_notice(
    session: Session, province: str | None, t: Translator = IN_THAI
) -> list[Message]:
    """Nobody took it in time: the hotlines, and a call-back button."""
    hotlines = human_agent_messages(session, province=province, recorded=False, t=t)
    callback = _postback(t(CALLBACK_LABEL), "action=handoff_callback")
    hotlines[-1].quick_reply = QuickReply(items=[callback])
    return [TextMessage(text=t(NO_OFFICER)), *hotlines]


def idle_notice(t: Translator = IN_THAI) -> list[Message]:
    return main_menu_messages(t(IDLE), t=t)


def ask_for_officer(turn: Turn) -> list[Message]:
    """ "ขอคุยกับเจ้าหน้าที่": open a waiting conversation (1:1 chats) and keep the call-back request."""
    assert turn.user_id is not None and turn.is_one_to_one
    record_request(turn.session, turn.user_id)  # the call-back list stays, for those with a phone
    handoff, _ = service.ask(turn.session, turn.user_id)
    service.note_message(turn.session, handoff, sender="notice", kind="text", text="ขอคุยกับเจ้าหน้าที่")
    lines = [turn.t(ASKED)]
    hours = turn.services.office_hours
    if hours is not None and not hours.is_open(utcnow()):
        lines.append(turn.t(AFTER_HOURS, when=hours.when_staff_read(utcnow(), turn.t)))
    # The hotlines too: some would rather call than wait.
    [hotlines] = human_agent_messages(
        turn.session,
        province=registry.area_of(turn.session, turn.user_id),
        recorded=False,
        t=turn.t,
    )
    lines.append(hotlines.text)
    return [TextMessage(text="\n".join(lines), quick_reply=back_button(turn.t))]


def step_aside(turn: Turn) -> list[Message] | None:
    """None when the bot should answer; otherwise what to say while an officer has the chat."""
    if not turn.is_one_to_one or turn.user_id is None:
        return None
    handoff = service.open_handoff_of(turn.session, turn.user_id)
    if handoff is None:
        return None
    turn.decision = "handoff"
    event = turn.event
    if isinstance(event, PostbackEvent):
        return _postback_in_handoff(turn, handoff)
    if not isinstance(event, MessageEvent):
        return None
    message = event.message
    if isinstance(message, TextMessageContent) and message.text.strip().lower() in BACK_WORDS:
        return hand_back(turn, handoff)
    _note_incoming(turn, handoff, message)
    return []


def _note_incoming(turn: Turn, handoff: Handoff, message: object) -> None:
    kind, text = "file", None
    if isinstance(message, TextMessageContent):
        kind, text = "text", mask_phone_numbers(message.text)
    elif isinstance(message, ImageMessageContent):
        kind = "image"
    elif isinstance(message, LocationMessageContent):
        kind = "location"
        place = " ".join(p for p in (message.title, message.address) if p)
        text = f"{place} ({message.latitude:.5f}, {message.longitude:.5f})".strip()
    elif isinstance(message, StickerMessageContent):
        kind = "sticker"
    elif not isinstance(message, FileMessageContent):
        kind = getattr(message, "type", "other")[:16]
    service.note_message(
        turn.session,
        handoff,
        sender="person",
        kind=kind,
        text=text,
        line_message_id=getattr(message, "id", None),
    )
    token = getattr(message, "mark_as_read_token", None)
    if token:
        handoff.read_token = token  # spent when the officer who owns it has seen the message


def _postback_in_handoff(turn: Turn, handoff: Handoff) -> list[Message]:
    params = {k: v[0] for k, v in parse_qs(turn.event.postback.data).items()}
    if params.get("action") == "handoff_back":
        return hand_back(turn, handoff)
    if params.get("intent") == "human_agent":
        assert turn.user_id is not None
        record_request(turn.session, turn.user_id)  # asking again moves the call-back request
        return (
            [TextMessage(text=turn.t(STILL_WAITING), quick_reply=back_button(turn.t))]
            if (handoff.status is HandoffStatus.WAITING)
            else []
        )
    return []  # menu buttons wait while an officer has the conversation


def hand_back(turn: Turn, handoff: Handoff) -> list[Message]:
    """The person leaves the officer: the conversation closes and the bot answers again."""
    was_active = handoff.status is HandoffStatus.ACTIVE
    if not service.close(turn.session, handoff.id, "person"):
        return []
    handed_back = turn.t(HANDED_BACK)
    service.note_message(turn.session, handoff, sender="notice", kind="text", text=handed_back)
    answer = main_menu_messages(handed_back, t=turn.t)
    return [*answer, *ended_notice(handoff.id, turn.t)[1:]] if was_active else answer


def handle_rating(turn: Turn) -> list[Message]:
    params = {k: v[0] for k, v in parse_qs(turn.event.postback.data).items()}
    try:
        handoff_id, score = int(params.get("id", "")), int(params.get("score", ""))
    except ValueError:
        return []
    if turn.user_id is None or not service.rate(turn.session, handoff_id, turn.user_id, score):
        return []
    return [TextMessage(text=turn.t(THANKS_FOR_RATING))]


def handle_callback(turn: Turn) -> list[Message]:
    if turn.user_id is None:
        return []
    record_request(turn.session, turn.user_id)
    return [TextMessage(text=turn.t(CALLBACK_RECORDED))]


def handle_back_outside(turn: Turn) -> list[Message]:
    """«กลับไปคุยกับบอท» pressed after the conversation had already ended."""
    return main_menu_messages(turn.t(HANDED_BACK), t=turn.t)


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_postback("handoff_rating")(handle_rating)
    dispatcher.on_postback("handoff_callback")(handle_callback)
    dispatcher.on_postback("handoff_back")(handle_back_outside)
