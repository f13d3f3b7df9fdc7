"""Guided conversations (complaint, registration) on one engine; see `engine.py` for how to add one.

`FLOWS` lists every flow; the engine holds no state of its own (drafts are in the state store),
so one module-level engine is as safe as the dispatcher's registry.
"""

from __future__ import annotations

from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.flows.engine import Flow, FlowEngine
from bot.complaints.flow import ComplaintFlow
from bot.volunteers.registration import RegistrationFlow

FLOWS: tuple[Flow, ...] = (ComplaintFlow(), RegistrationFlow())
ENGINE = FlowEngine(FLOWS)


def route_to_active_flow(turn: Turn) -> list[Message] | None:
    """The open flow's answer to this turn; None when no flow is open (the NLU answers)."""
    return ENGINE.route(turn)


def register(dispatcher: Dispatcher) -> None:
    ENGINE.register(dispatcher)
