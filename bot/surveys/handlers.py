"""The survey's dispatcher keys: its buttons (`action=survey`), from the rich menu and the chat.

Typed answers and the start words reach the survey through `bot.surveys.chat.route`, which the
conversation calls before any flow or the classifier.
"""

from __future__ import annotations

from bot.chat.dispatch import Dispatcher
from bot.surveys.chat import handle_postback
from bot.surveys.inputs import POSTBACK_ACTION


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_postback(POSTBACK_ACTION)(handle_postback)
