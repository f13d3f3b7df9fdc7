"""The dispatcher: one handler per key, refused at start-up otherwise; every intent answered."""

from __future__ import annotations

import pytest
from linebot.v3.messaging import TextMessage
from linebot.v3.webhooks import FollowEvent, MessageEvent, TextMessageContent

from bot.chat.conversation import ANSWERED_BY_DEFAULT
from bot.chat.dispatch import Dispatcher, DuplicateHandlerError, Turn
from bot.chat.registry import build_dispatcher, build_flows
from bot.volunteers.announcements import handle_announcements
from intents.taxonomy import load_taxonomy


def first(turn: Turn) -> list[TextMessage]:
    return [TextMessage(text="first")]


def second(turn: Turn) -> list[TextMessage]:
    return [TextMessage(text="second")]


def test_a_second_handler_for_an_intent_is_refused_naming_the_key_and_both_handlers() -> None:
    dispatcher = Dispatcher()
    dispatcher.on_intent("greeting")(first)
    with pytest.raises(DuplicateHandlerError) as refused:
        dispatcher.on_intent("thanks_goodbye", "greeting")(second)
    message = str(refused.value)
    assert "intent 'greeting'" in message
    assert f"{__name__}.first" in message and f"{__name__}.second" in message
    assert dispatcher.intent_handler("greeting") is first  # the first one stays


def test_a_second_handler_for_a_postback_action_is_refused() -> None:
    dispatcher = Dispatcher()
    dispatcher.on_postback("read_more")(first)
    with pytest.raises(DuplicateHandlerError, match="postback action 'read_more'"):
        dispatcher.on_postback("read_more")(second)


def test_a_second_handler_for_an_event_type_is_refused_but_a_narrower_one_is_its_own_key() -> None:
    dispatcher = Dispatcher()
    dispatcher.on_event(MessageEvent)(first)
    dispatcher.on_event(MessageEvent, TextMessageContent)(second)  # text messages: another key
    with pytest.raises(DuplicateHandlerError, match="event MessageEvent/TextMessageContent"):
        dispatcher.on_event(MessageEvent, TextMessageContent)(first)
    dispatcher.on_event(FollowEvent)(first)
    with pytest.raises(DuplicateHandlerError, match="event FollowEvent"):
        dispatcher.on_event(FollowEvent)(second)


def test_the_app_registers_every_key_once() -> None:
    build_dispatcher(build_flows())  # raises on any key taken twice


def test_announcements_is_answered_by_the_opt_in_switch_with_the_news() -> None:
    # It was registered twice; the volunteers' handler, registered last, was the one answering.
    dispatcher = build_dispatcher(build_flows())
    assert dispatcher.intent_handler("announcements") is handle_announcements


def test_every_intent_of_the_taxonomy_has_its_own_handler_or_an_explicit_default() -> None:
    # intents/taxonomy.yaml is the shared spec's copy (tests/intents/test_taxonomy.py).
    dispatcher = build_dispatcher(build_flows())
    taxonomy = set(load_taxonomy().ids)
    handled = dispatcher.intent_ids() - {"*"}
    assert dispatcher.handles_intent("*")  # the default is there
    assert handled | ANSWERED_BY_DEFAULT == taxonomy
    assert not handled & ANSWERED_BY_DEFAULT  # a default-answered intent has no handler
    assert handled <= taxonomy  # no handler waits for an intent the classifier cannot give

