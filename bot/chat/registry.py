"""What answers a turn: every feature's handlers on one dispatcher, every flow on one engine.

The app factory builds both once; a key registered twice stops it at start-up.
"""

from __future__ import annotations

from bot.agent_requests import chat as handoff_chat
from bot.chat import conversation, lifecycle
from bot.chat.dispatch import Dispatcher
from bot.chat.flows.engine import Flow, FlowEngine
from bot.complaints import handlers as complaint_chat
from bot.complaints.flow import ComplaintFlow
from bot.content import handlers as answers
from bot.richmenu import handlers as richmenu_handlers
from bot.surveys import handlers as surveys
from bot.volunteers import announcements
from bot.volunteers.registration import RegistrationFlow

FLOWS: tuple[type[Flow], ...] = (ComplaintFlow, RegistrationFlow)
HANDLER_MODULES = (
    lifecycle,
    conversation,
    answers,
    complaint_chat,
    announcements,
    richmenu_handlers,
    handoff_chat,
    surveys,
)


def build_flows() -> FlowEngine:
    """The app's flow engine, over every feature's flow."""
    return FlowEngine(flow() for flow in FLOWS)


def build_dispatcher(flows: FlowEngine) -> Dispatcher:
    """Every handler module's keys, and the flows' start intents and buttons."""
    dispatcher = Dispatcher()
    for module in HANDLER_MODULES:
        module.register(dispatcher)
    flows.register(dispatcher)
    return dispatcher
