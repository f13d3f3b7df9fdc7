"""Every handler module registers itself on the dispatcher the app factory builds."""

from __future__ import annotations

from .. import flows
from ..complaints import chat as complaint_chat
from ..dispatch import Dispatcher
from ..richmenu import handlers as richmenu_handlers
from ..volunteers import announcements
from . import answers, conversation, lifecycle


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
