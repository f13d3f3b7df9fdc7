"""Informational intents answered from the content store, and the unsure case answered by search."""

from __future__ import annotations

from linebot.v3.messaging import QuickReply, QuickReplyItem

from bot.agent_requests.chat import ask_for_officer
from bot.agent_requests.service import record_request
from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.menu import intent_postback, main_menu_quick_reply
from bot.content.answers import (
    answer_asked_outright,
    answer_for_intent,
    answer_outside_intents,
    article_messages,
    help_menu_messages,
    is_no_information,
    read_more_messages,
    search_messages,
)
from bot.content.contacts import human_agent_messages
from bot.content.languages import THAI, answer_lang
from bot.core.i18n import L_, translate
from bot.volunteers import registry

# The message log's decision for a question answered "no information" (at most 16 letters).
NO_INFORMATION_DECISION = "no_info"
# Intents whose answer is an article (the rest are flows or small talk). `announcements` is not
# here: bot.volunteers.announcements answers it (the news article first, then the opt-in switch).
INFORMATIONAL_INTENTS = (
    "minimum_wage",
    "labour_protection",
    "social_security",
    "workplace_safety",
    "job_search",
    "work_abroad",
    "skill_training",
    "migrant_workers",
    "ombudsman_info",
    "volunteer_role",
    "contact_office",
)
# Answers that lead to something to do: reading about volunteers' roles ("สมัครเป็นอาสา...")
# puts the registration one tap away. (intent answered -> the button's label and intent)
NEXT_STEPS: dict[str, tuple[str, str]] = {
    "volunteer_role": (L_("ลงทะเบียนอาสาสมัคร"), "volunteer_register"),
}
MAX_QUICK_REPLIES = 13  # LINE's limit per message


def user_area(turn: Turn) -> str | None:
    """The area an answer should be about: named in this message, else the user's registration."""
    for entity in turn.entities:
        if entity.kind == "district" and entity.codes.get("district"):
            return str(entity.codes["district"])
        if entity.kind == "province":
            return str(entity.value)
    known = getattr(turn, "known", None)  # turns built by hand may lack it
    if known is not None:  # read at the turn's start with the conversation's gates
        return str(known.area) if known.area is not None else None
    return registry.area_of(turn.session, turn.user_id) if turn.user_id else None


def answer_language(turn: Turn) -> str:
    """The language this turn is answered in ("th" or "ms"): the person's, chosen or detected
    (bot/chat/language.py)."""
    return answer_lang(turn.language)


def question_text(turn: Turn) -> str | None:
    """What the articles are searched with: a Jawi message's Rumi reading (the Malay articles
    are in Rumi), otherwise the text as typed."""
    understanding = getattr(turn, "understanding", None)  # turns built by hand may lack it
    reading = understanding.reading if understanding is not None else None
    return reading or turn.text


def handle_informational(turn: Turn) -> list:
    assert turn.intent is not None
    lang = answer_language(turn)
    query = question_text(turn)
    answer = answer_for_intent(turn.session, turn.intent, user_area(turn), query=query, lang=lang)
    if answer is not None and is_no_information(answer):
        # Logged as such, so staff see it on the console's unsure page.
        turn.decision = NO_INFORMATION_DECISION
    if answer is None:
        answer = search_messages(turn.session, query or "", lang=lang) or help_menu_messages(
            turn.session, main_menu_quick_reply(), lang
        )
    return _with_next_step(turn.intent, answer, lang)


def _with_next_step(intent: str, answer: list, lang: str = THAI) -> list:
    """The intent's next step, if it has one, as the first quick reply of the last message."""
    step = NEXT_STEPS.get(intent)
    if step is None or not answer:
        return answer
    label = translate(step[0], lang)
    last = answer[-1]
    button = QuickReplyItem(action=intent_postback(label, step[1]))
    items = last.quick_reply.items if last.quick_reply else []
    others = [i for i in items if getattr(i.action, "data", None) != button.action.data]
    last.quick_reply = QuickReply(items=[button, *others][:MAX_QUICK_REPLIES])
    return answer


def answer_out_of_scope(turn: Turn) -> list | None:
    """For a message the classifier put outside every intent: an article that clearly answers
    it ("1694 เปิดตั้งแต่เมื่อไหร่"), or None for the out-of-scope reply."""
    query = question_text(turn)
    if not query:
        return None
    lang = answer_language(turn)
    return answer_outside_intents(turn.session, user_area(turn), query, lang)


def answer_when_asked(turn: Turn) -> list | None:
    """For a message filed under the complaint flow or the menu that asks to be told something
    ("ร้องเรียนนายจ้างเบอร์อะไร"): the article that answers it, or None for the intent's own
    handler."""
    query = question_text(turn)
    if not query:
        return None
    return answer_asked_outright(
        turn.session, turn.intent, user_area(turn), query, answer_language(turn)
    )


def handle_help_menu(turn: Turn) -> list:
    lang = answer_language(turn)
    return help_menu_messages(turn.session, main_menu_quick_reply(), lang)


def handle_human_agent(turn: Turn) -> list:
    # In a 1:1 chat an officer answers in the chat itself ("แชทกับประชาชน").
    if turn.user_id and turn.is_one_to_one:
        return ask_for_officer(turn)
    # Elsewhere staff follow the request up from the console's list of agent requests.
    if turn.user_id:
        record_request(turn.session, turn.user_id)
    return human_agent_messages(turn.session, province=user_area(turn), t=turn.t)


def search_with_choices(turn: Turn, choices: QuickReply) -> list | None:
    """For an unsure classifier: the closest articles as a carousel, the guesses as buttons."""
    lang = answer_language(turn)
    found = search_messages(turn.session, question_text(turn) or "", lang=lang)
    if not found:
        return None
    found[-1].quick_reply = choices
    return found


def _article_id(turn: Turn) -> str:
    return turn.postback.get("article", "")


def handle_read_more(turn: Turn) -> list:
    return read_more_messages(turn.session, _article_id(turn))


def handle_article(turn: Turn) -> list:
    return article_messages(turn.session, _article_id(turn))


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_intent(*INFORMATIONAL_INTENTS)(handle_informational)
    dispatcher.on_intent("help_menu")(handle_help_menu)
    dispatcher.on_intent("human_agent")(handle_human_agent)
    dispatcher.on_postback("read_more")(handle_read_more)
    dispatcher.on_postback("article")(handle_article)
