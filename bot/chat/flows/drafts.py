"""Drafts: a flow in progress, kept in the database with the turn that wrote it.

A chat has at most one draft, keyed on (source type, source id); every save slides its TTL.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.chat.dispatch import Turn
from bot.chat.models import FlowDraft
from bot.core.crypto import seal_json, unseal_json
from bot.core.orm import utcnow

if TYPE_CHECKING:
    from bot.chat.flows.flow import Flow


@dataclass
class Draft:
    """A flow in progress, as stored: JSON-safe and small."""

    flow: str
    id: str
    state: str
    data: dict[str, Any] = field(default_factory=dict)
    started: float = 0.0
    touched: float = 0.0
    editing: bool = False
    # The buttons of the last question, by their folded label and synonyms: typed, they act as
    # the button ("เริ่มใหม่" typed is the เริ่มใหม่ button, not a line of a story).
    offered: dict[str, str] = field(default_factory=dict)
    # What the user sent when the bot asked "continue or start again?" after a long pause:
    # kept, and answered on "ทำต่อ", so nothing typed is dropped.
    held: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": self.flow,
            "id": self.id,
            "state": self.state,
            "data": self.data,
            "started": self.started,
            "touched": self.touched,
            "editing": self.editing,
            "offered": self.offered,
            "held": self.held,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Draft:
        return cls(
            flow=raw["flow"],
            id=raw["id"],
            state=raw["state"],
            data=dict(raw.get("data") or {}),
            started=float(raw.get("started", 0)),
            touched=float(raw.get("touched", 0)),
            editing=bool(raw.get("editing", False)),
            offered=dict(raw.get("offered") or {}),
            held=raw.get("held"),
        )


def state_key(turn: Turn) -> str | None:
    """Drafts are keyed on (source type, source id): a group's flow is not its members'."""
    source = turn.event.source
    source_id = turn.chat_id
    if source is None or source_id is None:
        return None
    return f"flow:{source.type}:{source_id}"


class DraftStore:
    """Loads, saves and forgets the one draft of a chat; knows each flow's TTL.

    Drafts are rows of `chat_drafts`, written through the turn's session: a step's new draft
    commits with the step's other effects and its inbox row, or not at all, and a Redis
    restart loses nothing. The data is sealed with the services' cipher, as Redis kept it.
    """

    def __init__(self, flows: Mapping[str, Flow], clock: Callable[[], float] = time.time) -> None:
        self._flows = flows
        self._clock = clock

    def load(self, turn: Turn) -> Draft | None:
        """The chat's draft; None when there is none, or it belongs to a flow no longer known."""
        key = state_key(turn)
        row = turn.session.get(FlowDraft, key) if key else None
        if row is None or _aware(row.expires_at) <= self._now():
            return None
        raw = unseal_json(row.data, turn.services.sealer)
        if not raw or raw.get("flow") not in self._flows:
            return None
        return Draft.from_json(raw)

    def save(self, turn: Turn, draft: Draft) -> None:
        """Store the draft, marked as touched now, for its flow's TTL from now."""
        key = state_key(turn)
        if key is None:
            return
        draft.touched = self._clock()
        data = seal_json(draft.to_json(), turn.services.sealer)
        expires = self._now() + timedelta(seconds=self._flows[draft.flow].ttl_seconds)
        row = turn.session.get(FlowDraft, key)
        if row is None:
            turn.session.add(FlowDraft(key=key, data=data, expires_at=expires, updated_at=utcnow()))
        else:
            row.data, row.expires_at, row.updated_at = data, expires, utcnow()

    def forget(self, turn: Turn) -> None:
        key = state_key(turn)
        row = turn.session.get(FlowDraft, key) if key else None
        if row is not None:
            turn.session.delete(row)
            turn.session.flush()  # a new draft of the same chat may follow in this turn

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)


def _aware(when: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def forget_chat(session: Session, key: str) -> None:
    """Drop a chat's draft outside a turn (erasure on request); the caller commits."""
    session.execute(delete(FlowDraft).where(FlowDraft.key == key))


def erase_expired_drafts(session: Session, now: datetime | None = None) -> int:
    """Delete drafts past their TTL: they hold stories and phone numbers nobody will finish."""
    done = session.execute(delete(FlowDraft).where(FlowDraft.expires_at < (now or utcnow())))
    session.commit()
    return int(done.rowcount or 0)  # type: ignore[attr-defined]
