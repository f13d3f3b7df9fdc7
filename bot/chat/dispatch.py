"""The dispatcher: a registry of handlers keyed on event type, message type, intent and postback.

Handlers return LINE message objects; they never send anything themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from linebot.v3.messaging.models import Message
from linebot.v3.webhooks import Event, MessageEvent, PostbackEvent
from sqlalchemy.orm import Session

from bot.core import postback
from bot.core.i18n import THAI, Translator
from bot.core.line import LineApi
from bot.core.services import Services
from bot.core.state import StateStore
from bot.core.users import LineUser

if TYPE_CHECKING:
    from bot.chat.flows.engine import FlowEngine
    from bot.chat.person_state import PersonState
    from intents.pipeline import Understanding

log = logging.getLogger(__name__)


@dataclass
class Turn:
    """One incoming event and everything a handler may use to answer it."""

    event: Event
    session: Session
    state: StateStore
    line: LineApi
    services: Services
    dispatcher: Dispatcher | None = None
    flows: FlowEngine | None = None  # the open flow reads a turn before the dispatcher does
    # Filled in as the event travels: what the message log records.
    text: str | None = None
    intent: str | None = None
    confidence: float | None = None
    decision: str | None = None
    entities: list[Any] = field(default_factory=list)
    log_text: bool = True
    # What the conversation's gates read about the person at the turn's start (one query);
    # None: not read, every gate asks the database itself.
    known: PersonState | None = None
    # The language this turn is answered in; read from the person on first use (bot/chat/language.py
    # may change it as the turn goes: a typed "cakap Melayu", a message in Malay).
    _language: str | None = field(default=None, repr=False)

    @property
    def language(self) -> str:
        if self._language is None:
            # No session (a flow run on its own, as the engine's tests do): the source language.
            session = self.session
            user = session.get(LineUser, self.user_id) if self.user_id and session else None
            self._language = user.speaks if user is not None else THAI
        return self._language

    @language.setter
    def language(self, value: str) -> None:
        self._language = value

    @property
    def t(self) -> Translator:
        """Translates a marked message into this turn's language: `turn.t(N_("..."))`."""
        return Translator(self.language)

    # What the NLU made of this text message (its language, a Jawi message's Rumi reading).
    understanding: Understanding | None = None

    @property
    def user_id(self) -> str | None:
        return getattr(self.event.source, "user_id", None) if self.event.source else None

    @property
    def chat_id(self) -> str | None:
        """Where a push for this event goes: the group, the room, or the user."""
        source = self.event.source
        if source is None:
            return None
        return (
            getattr(source, "group_id", None)
            or getattr(source, "room_id", None)
            or getattr(source, "user_id", None)
        )

    @property
    def is_one_to_one(self) -> bool:
        return getattr(self.event.source, "type", None) == "user"

    @property
    def postback(self) -> postback.Postback:
        """The tapped button's data; empty when this turn is not a postback."""
        if not isinstance(self.event, PostbackEvent):
            return postback.EMPTY
        return postback.decode(self.event.postback.data)


Handler = Callable[[Turn], list[Message]]
_EventKey = tuple[type, type | None]
K = TypeVar("K")


class DuplicateHandlerError(RuntimeError):
    """Two handlers claimed the same key: the app refuses to start rather than pick one."""


class Dispatcher:
    """Routes a turn to the handler registered for it; every key has exactly one handler."""

    def __init__(self) -> None:
        self._events: dict[_EventKey, Handler] = {}
        self._intents: dict[str, Handler] = {}
        self._postbacks: dict[str, Handler] = {}

    def on_event(
        self, event_type: type, message_type: type | None = None
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            key = (event_type, message_type)
            name = event_type.__name__ + (f"/{message_type.__name__}" if message_type else "")
            _claim(self._events, key, handler, f"event {name}")
            return handler

        return register

    def on_intent(self, *intent_ids: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for intent_id in intent_ids:
                _claim(self._intents, intent_id, handler, f"intent {intent_id!r}")
            return handler

        return register

    def on_postback(self, action: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            _claim(self._postbacks, action, handler, f"postback action {action!r}")
            return handler

        return register

    def dispatch(self, turn: Turn) -> list[Message]:
        message_type = type(turn.event.message) if isinstance(turn.event, MessageEvent) else None
        handler = self._events.get((type(turn.event), message_type)) or self._events.get(
            (type(turn.event), None)
        )
        if handler is None:
            log.info("dispatch.unhandled_event", extra={"event_type": type(turn.event).__name__})
            return []
        return handler(turn)

    def dispatch_intent(self, intent_id: str, turn: Turn) -> list[Message]:
        handler = self._intents.get(intent_id) or self._intents.get("*")
        if handler is None:
            raise LookupError(f"no handler for intent {intent_id!r} and no default")
        return handler(turn)

    def dispatch_postback(self, action: str, turn: Turn) -> list[Message] | None:
        handler = self._postbacks.get(action)
        return None if handler is None else handler(turn)

    def handles_intent(self, intent_id: str) -> bool:
        return intent_id in self._intents

    def intent_ids(self) -> frozenset[str]:
        """Every intent with a handler of its own ("*" is the default for the rest)."""
        return frozenset(self._intents)

    def intent_handler(self, intent_id: str) -> Handler | None:
        """The handler registered for exactly this intent (not the default)."""
        return self._intents.get(intent_id)

    def postback_actions(self) -> frozenset[str]:
        return frozenset(self._postbacks)


def _claim(table: dict[K, Handler], key: K, handler: Handler, what: str) -> None:
    taken = table.get(key)
    if taken is not None:
        raise DuplicateHandlerError(
            f"{what} already has a handler, {_name(taken)}; refusing a second, {_name(handler)}"
        )
    table[key] = handler


def _name(handler: Handler) -> str:
    return f"{getattr(handler, '__module__', '?')}.{getattr(handler, '__qualname__', handler)}"
