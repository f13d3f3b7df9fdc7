"""Informational intents answered from the content store, and the unsure case answered by search."""

from __future__ import annotations

from linebot.v3.messaging import QuickReply

from bot.agent_requests.service import record_request
from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.menu import main_menu_quick_reply
from bot.content.answers import (
    answer_for_intent,
    article_messages,
    help_menu_messages,
    human_agent_messages,
    read_more_messages,
    search_messages,
)
from bot.volunteers import registry

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


def user_area(turn: Turn) -> str | None:
    """The area an answer should be about: named in this message, else the user's registration."""
    for entity in turn.entities:
        if entity.kind == "district" and entity.codes.get("district"):
            return str(entity.codes["district"])
        if entity.kind == "province":
            return str(entity.value)
    return registry.area_of(turn.session, turn.user_id) if turn.user_id else None


def handle_informational(turn: Turn) -> list:
    assert turn.intent is not None
    answer = answer_for_intent(turn.session, turn.intent, user_area(turn), query=turn.text)
    if answer is None:
        return search_messages(turn.session, turn.text or "") or help_menu_messages(
            turn.session, main_menu_quick_reply()
        )
    return answer


def handle_help_menu(turn: Turn) -> list:
    return help_menu_messages(turn.session, main_menu_quick_reply())


def handle_human_agent(turn: Turn) -> list:
    # Staff follow the request up from the console's list of agent requests.
    if turn.user_id:
        record_request(turn.session, turn.user_id)
    return human_agent_messages(turn.session, province=user_area(turn))


def search_with_choices(turn: Turn, choices: QuickReply) -> list | None:
    """For an unsure classifier: the closest articles as a carousel, the guesses as buttons."""
    found = search_messages(turn.session, turn.text or "")
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
