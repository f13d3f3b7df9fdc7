"""Every handler module registers itself on the dispatcher the app factory builds."""

from __future__ import annotations

from bot import flows
from bot.complaints import chat as complaint_chat
from bot.dispatch import Dispatcher
from bot.handlers import answers, conversation, lifecycle
from bot.richmenu import handlers as richmenu_handlers
from bot.volunteers import announcements


def build_dispatcher() -> Dispatcher:
    dispatcher = Dispatcher()
    for module in (
        lifecycle,
        conversation,
        answers,
        flows,
        complaint_chat,
        announcements,
        richmenu_handlers,
    ):
        module.register(dispatcher)
    return dispatcher
