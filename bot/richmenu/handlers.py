"""Rich-menu buttons that no intent answers: language, reporting for someone, my announcements."""

from __future__ import annotations

from linebot.v3.messaging import TextMessage
from linebot.v3.messaging.models import Message
from sqlalchemy import select

from bot.broadcasts.models import Broadcast, BroadcastRecipient, BroadcastStatus
from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.language import choose_language, language_choices
from bot.chat.menu import main_menu_messages
from bot.core.i18n import IN_MALAY, IN_THAI, LANGUAGES, MALAY, N_, THAI, Translator
from bot.core.malay_dates import malay_numeric_date
from bot.core.thai_dates import thai_numeric_date
from bot.volunteers.announcements import opted_out_notice

MAX_REPLY_MESSAGES = 5
ANNOUNCEMENTS_SHOWN = 3
PREVIEW_CHARS = 200

LANGUAGE_PROMPT = N_("เลือกภาษาที่ต้องการได้เลยค่ะ")
LANGUAGE_SAVED = {
    THAI: N_("ได้เลยค่ะ จากนี้อาสาบอทจะตอบเป็นภาษาไทยค่ะ"),
    MALAY: N_("ได้เลยค่ะ จากนี้อาสาบอทจะตอบเป็นภาษามลายูค่ะ"),
}
FOR_OTHER_LEAD = N_(
    "แจ้งเรื่องแทนผู้อื่นได้ค่ะ เมื่อถึงคำถามว่าใครได้รับผลกระทบ ให้เลือก «คนที่ฉันช่วยแจ้ง» "
    "และขอความยินยอมจากเจ้าตัวก่อนนะคะ"
)
NO_ANNOUNCEMENTS = N_("ยังไม่มีประกาศที่ส่งถึงคุณค่ะ เมื่อมีประกาศใหม่ อาสาบอทจะส่งมาในแชตนี้ค่ะ")
LATEST_ANNOUNCEMENTS = N_("ประกาศล่าสุดที่ส่งถึงคุณ {count} เรื่องค่ะ")
PICTURE_ANNOUNCEMENT = N_("(ประกาศเป็นรูปภาพ)")


def handle_language(turn: Turn) -> list[Message]:
    """The language tile: ask which language; a tapped choice is the person's from now on."""
    code = turn.postback.get("lang")
    if code not in LANGUAGES or turn.user_id is None:
        # Asked in both languages: whoever tapped may not read the one they are answered in.
        prompt = f"{IN_THAI(LANGUAGE_PROMPT)}\n{IN_MALAY(LANGUAGE_PROMPT)}"
        return [TextMessage(text=prompt, quick_reply=language_choices())]
    choose_language(turn, code)
    return main_menu_messages(turn.t(LANGUAGE_SAVED[code]), t=turn.t)


def handle_report_for_other(turn: Turn) -> list[Message]:
    """Start the complaint flow with a word on reporting for someone else."""
    assert turn.dispatcher is not None
    flow = turn.dispatcher.dispatch_intent("complaint_file", turn)
    if len(flow) >= MAX_REPLY_MESSAGES:
        return flow
    return [TextMessage(text=turn.t(FOR_OTHER_LEAD)), *flow]


def handle_my_announcements(turn: Turn) -> list[Message]:
    """The newest announcements sent to this user, newest first."""
    if turn.user_id is None:
        return [TextMessage(text=turn.t(NO_ANNOUNCEMENTS))]
    sent = turn.session.scalars(
        select(Broadcast)
        .join(BroadcastRecipient, BroadcastRecipient.broadcast_id == Broadcast.id)
        .where(
            BroadcastRecipient.user_id == turn.user_id,
            Broadcast.status == BroadcastStatus.SENT,
        )
        .order_by(Broadcast.finished_at.desc(), Broadcast.id.desc())
        .limit(ANNOUNCEMENTS_SHOWN)
    ).all()
    # Someone who opted out is told so instead of being promised news that will not come.
    opted_out = opted_out_notice(turn.session, turn.user_id)
    if not sent:
        return [opted_out or TextMessage(text=turn.t(NO_ANNOUNCEMENTS))]
    parts = [turn.t(LATEST_ANNOUNCEMENTS, count=len(sent))]
    for broadcast in sent:
        sent_at = broadcast.finished_at or broadcast.created_at
        when = malay_numeric_date(sent_at) if turn.t.is_malay else thai_numeric_date(sent_at)
        parts.append(f"• {when}\n{_preview(broadcast, turn.language, turn.t)}")
    listed = TextMessage(text="\n\n".join(parts))
    return [listed, opted_out] if opted_out else [listed]


def _preview(broadcast: Broadcast, language: str, t: Translator) -> str:
    for message in broadcast.messages_in(language):
        if message.get("type") == "text" and message.get("text"):
            text = str(message["text"]).strip()
            return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS].rstrip() + "…"
        if message.get("altText"):
            return str(message["altText"])
    return t(PICTURE_ANNOUNCEMENT)


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_postback("language")(handle_language)
    dispatcher.on_postback("report_for_other")(handle_report_for_other)
    dispatcher.on_postback("my_announcements")(handle_my_announcements)
