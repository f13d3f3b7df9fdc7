"""Every handler module registers itself on the dispatcher the app factory builds."""

from __future__ import annotations

from bot.chat import conversation, flows, lifecycle
from bot.chat.dispatch import Dispatcher
from bot.complaints import handlers as complaint_chat
from bot.content import handlers as answers
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
