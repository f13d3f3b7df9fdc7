"""Text and postbacks: understand what the user wants, then hand it to that intent's handler."""

from __future__ import annotations

import logging
from typing import Any

from linebot.v3.messaging import QuickReply, QuickReplyItem, TextMessage
from linebot.v3.messaging.models import Message
from linebot.v3.webhooks import MessageEvent, PostbackEvent, TextMessageContent

from bot.agent_requests.chat import step_aside
from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.language import choose_language, notice_language, stated_language
from bot.chat.menu import intent_label, intent_postback, main_menu_messages
from bot.chat.person_state import read_person_state
from bot.complaints.handlers import handle_typed_rating
from bot.content.handlers import answer_out_of_scope, answer_when_asked, search_with_choices
from bot.core.i18n import L_, N_
from bot.richmenu.handlers import LANGUAGE_SAVED
from bot.surveys.chat import route as route_to_survey

log = logging.getLogger(__name__)

# Intents with no handler of their own: the classifier's out-of-scope decision is answered above
# the dispatcher (`_answer`), and anything else reaching it gets the "*" placeholder.
ANSWERED_BY_DEFAULT = frozenset({"out_of_scope"})

CLARIFY_PROMPT = N_("หมายถึงเรื่องไหนคะ เลือกได้เลยค่ะ")
OUT_OF_SCOPE_ANSWER = N_(
    "ขออภัยค่ะ เรื่องนี้อาสาบอทยังตอบไม่ได้ อาสาบอทช่วยได้เรื่องสิทธิแรงงาน ค่าแรง ประกันสังคม "
    "หางาน ทำงานต่างประเทศ ผู้ตรวจการแผ่นดิน และการแจ้งเรื่องร้องเรียนค่ะ"
)
ALL_TOPICS = L_("เมนูทั้งหมด")
STALE_BUTTON = N_("ขออภัยค่ะ ปุ่มนี้ใช้ไม่ได้แล้ว เลือกหัวข้อใหม่ได้เลยค่ะ")
TEXT_ONLY = N_("อาสาบอทอ่านได้เฉพาะข้อความตัวอักษรในตอนนี้ค่ะ พิมพ์คำถามหรือเลือกหัวข้อด้านล่างได้เลยค่ะ")
PLACEHOLDER = N_("อาสาบอทเข้าใจว่าเป็นเรื่อง «{topic}» ค่ะ ส่วนนี้กำลังเตรียมข้อมูล ระหว่างนี้เลือกหัวข้ออื่นด้านล่างได้ค่ะ")
GREETING = N_(
    "สวัสดีค่ะ อาสาบอทยินดีช่วยเรื่องสิทธิแรงงาน ประกันสังคม หางาน "
    "และการแจ้งเรื่องร้องเรียนค่ะ พิมพ์คำถามหรือเลือกหัวข้อด้านล่างได้เลยค่ะ"
)
YOU_ARE_WELCOME = N_("ยินดีค่ะ มีเรื่องไหนให้ช่วยอีก พิมพ์มาได้ตลอดเลยนะคะ 🙏")


def _mentions_bot(message: TextMessageContent) -> bool:
    mention = message.mention
    return bool(mention and any(getattr(m, "is_self", False) for m in mention.mentionees))


def route_to_active_flow(turn: Turn) -> list[Message] | None:
    """The open flow's answer to this turn; None when no flow is open (the NLU answers)."""
    if turn.flows is None or (turn.known is not None and not turn.known.draft):
        return None
    return turn.flows.route(turn)


def _step_aside(turn: Turn) -> list[Message] | None:
    """The officer's gate (bot/agent_requests/chat.py), skipped when no handoff was open."""
    if turn.known is not None and not turn.known.handoff:
        return None
    return step_aside(turn)


def _route_to_survey(turn: Turn) -> list[Message] | None:
    """The interview's gate (bot/surveys/chat.py), told when no interview was open."""
    return route_to_survey(turn, may_be_open=turn.known is None or turn.known.survey)


def handle_text(turn: Turn) -> list:
    message = turn.event.message
    if not turn.is_one_to_one and not _mentions_bot(message):
        return []  # in groups and rooms the bot speaks only when spoken to
    turn.text = message.text
    turn.known = read_person_state(turn)  # before the language steps: they read the person's row
    switch_to = stated_language(message.text)
    if switch_to is not None:  # "cakap Melayu", "ภาษาไทย": said in any state, even mid-flow
        choose_language(turn, switch_to)
        saved = turn.t(LANGUAGE_SAVED[switch_to])
        # Mid-flow the draft is kept and its question asked again, now in the chosen language.
        question = None if turn.flows is None else turn.flows.ask_again(turn)
        if question:
            return [TextMessage(text=saved), *question]
        return main_menu_messages(saved, t=turn.t)
    notice_language(turn, message.text)
    aside = _step_aside(turn)  # an officer has the conversation: the bot says nothing
    if aside is not None:
        return aside
    in_survey = _route_to_survey(turn)  # an interview in progress reads everything typed first
    if in_survey is not None:
        return in_survey
    in_flow = route_to_active_flow(turn)  # an open flow (a complaint...) reads answers first
    if in_flow is not None:
        return in_flow
    rating = handle_typed_rating(turn)  # "ให้ 5 ดาวค่ะ" after the "how did we do" push
    if rating is not None:
        return rating
    nlu = turn.services.nlu
    if nlu is None:
        return main_menu_messages(t=turn.t)
    understanding = nlu.understand(message.text)
    decision = understanding.decision
    turn.intent, turn.confidence = understanding.intent, understanding.confidence
    turn.decision = decision.kind
    turn.entities = list(understanding.entities)
    turn.understanding = understanding
    return _answer(turn, understanding)


def _answer(turn: Turn, understanding: Any) -> list:
    decision = understanding.decision
    if decision.kind == "clarify":
        return clarify_messages(turn, [c.intent for c in decision.candidates])
    if decision.kind == "out_of_scope":
        # Outside every intent, yet an article may hold exactly what was asked.
        found = answer_out_of_scope(turn)
        if found:
            return found
        return main_menu_messages(turn.t(OUT_OF_SCOPE_ANSWER), t=turn.t)
    # "ร้องเรียนนายจ้างเบอร์อะไร" asks for a number, not for the complaint flow to start.
    told = answer_when_asked(turn)
    if told:
        return told
    assert turn.dispatcher is not None
    return turn.dispatcher.dispatch_intent(understanding.intent, turn)


def clarify_messages(turn: Turn, intent_ids: list[str]) -> list:
    """Ask instead of guessing: the closest articles, and the top guesses as quick replies."""
    labels = turn.services.intent_labels
    items = [
        QuickReplyItem(action=intent_postback(intent_label(i, labels, turn.t), i))
        for i in intent_ids[:12]
        if i != "out_of_scope"
    ]
    items.append(QuickReplyItem(action=intent_postback(turn.t(ALL_TOPICS), "help_menu")))
    choices = QuickReply(items=items)
    return search_with_choices(turn, choices) or [
        TextMessage(text=turn.t(CLARIFY_PROMPT), quick_reply=choices)
    ]


def handle_postback(turn: Turn) -> list:
    tapped = turn.postback
    assert turn.dispatcher is not None
    turn.known = read_person_state(turn)
    aside = _step_aside(turn)
    if aside is not None:
        return aside
    in_survey = _route_to_survey(turn)  # survey buttons; other taps pause an interview
    if in_survey is not None:
        return in_survey
    in_flow = route_to_active_flow(turn)
    if in_flow is not None:
        return in_flow
    if tapped.action == "intent" and tapped.get("intent"):
        turn.intent, turn.confidence, turn.decision = tapped["intent"], 1.0, "picked"
        return turn.dispatcher.dispatch_intent(tapped["intent"], turn)
    answer = turn.dispatcher.dispatch_postback(tapped.action, turn)
    if answer is None:
        log.info("postback.unknown_action")
        return main_menu_messages(turn.t(STALE_BUTTON), t=turn.t)
    return answer


def handle_other_message(turn: Turn) -> list:
    turn.known = read_person_state(turn)
    aside = _step_aside(turn)  # photos and places go to the officer's transcript
    if aside is not None:
        return aside
    in_survey = _route_to_survey(turn)  # a place or a photo answering a survey question
    if in_survey is not None:
        return in_survey
    in_flow = route_to_active_flow(turn)  # images, files, locations in a flow are answers
    if in_flow is not None:
        return in_flow
    return main_menu_messages(turn.t(TEXT_ONLY), t=turn.t)


def handle_intent_placeholder(turn: Turn) -> list:
    """Until an intent has its own handler: say what was understood, then the menu."""
    label = turn.t(turn.services.intent_labels.get(turn.intent or "", turn.intent or ""))
    return main_menu_messages(turn.t(PLACEHOLDER, topic=label), t=turn.t)


def handle_greeting(turn: Turn) -> list:
    return main_menu_messages(turn.t(GREETING), t=turn.t)


def handle_thanks_goodbye(turn: Turn) -> list:
    return [TextMessage(text=turn.t(YOU_ARE_WELCOME))]


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_event(MessageEvent, TextMessageContent)(handle_text)
    dispatcher.on_event(MessageEvent)(handle_other_message)
    dispatcher.on_event(PostbackEvent)(handle_postback)
    dispatcher.on_intent("*")(handle_intent_placeholder)
    dispatcher.on_intent("greeting")(handle_greeting)
    dispatcher.on_intent("thanks_goodbye")(handle_thanks_goodbye)
