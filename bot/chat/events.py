"""One event's trip: de-duplicate, dispatch, deliver the answer, write the message log."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from linebot.v3.webhook import UnknownEvent
from linebot.v3.webhooks import Event, MessageEvent
from sqlalchemy.orm import Session, sessionmaker

from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.flows.engine import FlowEngine
from bot.chat.models import Direction, MessageLog
from bot.core.line import LineApi
from bot.core.phones import mask_phone_numbers
from bot.core.services import Services
from bot.core.state import StateStore
from bot.core.text import bounded, clean_text

log = logging.getLogger(__name__)


class EventProcessor:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        state: StateStore,
        line: LineApi,
        dispatcher: Dispatcher,
        flows: FlowEngine,
        services: Services,
        dedup_ttl_seconds: int,
    ) -> None:
        self._sessions = sessions
        self._state = state
        self._line = line
        self._dispatcher = dispatcher
        self._flows = flows
        self._services = services
        self._dedup_ttl = dedup_ttl_seconds

    def process_all(self, events: Sequence[Event]) -> int:
        """Handle each event once; returns how many failed (and may be redelivered)."""
        failures = 0
        for event in events:
            try:
                self.process(event)
            except Exception:
                failures += 1
                log.exception("webhook.event_failed", extra={"event_type": type(event).__name__})
        return failures

    def process(self, event: Event) -> bool:
        """Handle one event; False when it was a duplicate or unknown and so ignored."""
        if isinstance(event, UnknownEvent):
            log.info("webhook.unknown_event", extra={"event_type": getattr(event, "type", "?")})
            return False
        event_id = getattr(event, "webhook_event_id", None)
        dedup_key = f"event:{event_id}"
        if event_id and not self._state.claim(dedup_key, self._dedup_ttl):
            redelivery = bool(getattr(event.delivery_context, "is_redelivery", False))
            log.info("webhook.duplicate_event", extra={"redelivery": redelivery})
            return False
        started = time.perf_counter()
        with self._sessions() as session:
            turn = Turn(
                event=event,
                session=session,
                state=self._state,
                line=self._line,
                services=self._services,
                dispatcher=self._dispatcher,
                flows=self._flows,
            )
            try:
                messages = self._dispatcher.dispatch(turn)
                session.commit()
                how = self._line.deliver(
                    getattr(event, "reply_token", None), turn.chat_id, messages
                )
            except Exception:
                session.rollback()
                if event_id:
                    self._state.release(dedup_key)
                raise
            elapsed_ms = (time.perf_counter() - started) * 1000
            self._write_log(session, event, turn, messages, how, elapsed_ms)
        return True

    def _write_log(
        self,
        session: Session,
        event: Event,
        turn: Turn,
        messages: Sequence[object],
        how: str,
        elapsed_ms: float,
    ) -> None:
        event_id = getattr(event, "webhook_event_id", None)
        event_type = event.type
        if isinstance(event, MessageEvent):
            event_type = f"message.{event.message.type}"
        # The log keeps what people asked, never their phone numbers; every value fits its column.
        text = mask_phone_numbers(clean_text(turn.text)) if turn.text and turn.log_text else None
        intent = bounded(turn.intent, 64)
        session.add(
            MessageLog(
                event_id=event_id,
                direction=Direction.IN,
                user_id=turn.user_id,
                event_type=bounded(event_type, 32),
                text=text,
                intent=intent,
                confidence=turn.confidence,
                decision=bounded(turn.decision, 16),
                handling_ms=elapsed_ms,
            )
        )
        if messages and how != "none":
            session.add(
                MessageLog(
                    event_id=event_id,
                    direction=Direction.OUT,
                    user_id=turn.chat_id,
                    event_type=how,
                    intent=intent,
                )
            )
        session.commit()
