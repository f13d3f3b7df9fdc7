"""What the conversation's gates ask about the person, read in one query at the turn's start.

Before the NLU answers a message, the conversation asks in turn: is an officer handling this
chat, is an interview in progress, is a flow open, and (for the answer) what area is the person
registered in. Asked one by one, that was four ORM queries and the person's own row, a fifth,
about half a millisecond of CPU each on every event. Here the person's row (which the language
steps then find in the session) and all four answers come back in one statement.

The answers are what was committed when the turn began, as the queries they replace read it a
few statements later. The conversation uses them only at its gates, before any handler ran,
so nothing the turn itself writes can be missed; where they say "something is open" the gate
runs its own query (and the survey's lock) exactly as before. The same statement reads the
content tables' change stamps, which the answer's content snapshot would otherwise ask for in a
query of its own (bot/content/store.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.sql.elements import BindParameter

from bot.agent_requests.handoff import OPEN as OPEN_HANDOFF
from bot.agent_requests.models import Handoff
from bot.chat.dispatch import Turn
from bot.chat.flows.drafts import state_key
from bot.chat.models import FlowDraft
from bot.content import store
from bot.core.users import LineUser
from bot.surveys.models import OPEN_STATUSES as OPEN_SURVEY
from bot.surveys.models import SurveyResponse
from bot.volunteers.models import Volunteer


@dataclass(frozen=True)
class PersonState:
    """At the turn's start: whether each matter that answers before the NLU is open."""

    handoff: bool  # a conversation with an officer is waiting or active
    survey: bool  # an interview is active or paused
    draft: bool  # a flow's draft row exists (it may have expired: the flow engine decides)
    area: str | None  # the registered district, else province, as registry.area_of reads it
    # The person's row, held for the turn: the session's identity map keeps only weak
    # references, and the language steps' `session.get` then finds it there, not in a query.
    user: LineUser = field(repr=False, compare=False)


def read_person_state(turn: Turn) -> PersonState | None:
    """One query for a one-to-one chat with a known person; None when the gates must ask
    themselves (a group or room, no user id, or a person the bot has no row for yet)."""
    user_id = turn.user_id
    if not turn.is_one_to_one or user_id is None:
        return None
    key = state_key(turn) or ""
    row = turn.session.execute(_STATEMENT, {"user_id": user_id, "draft_key": key}).first()
    if row is None:
        return None
    user, handoff, survey, draft, area, *content_stamp = row
    store.note_stamp(turn.session, content_stamp)
    return PersonState(bool(handoff), bool(survey), bool(draft), area, user)


_USER: BindParameter[str] = bindparam("user_id")
# Built once, with bound parameters: building it per event cost more CPU than running it.
_STATEMENT = select(
    LineUser,
    exists().where(Handoff.user_id == _USER, Handoff.status.in_(OPEN_HANDOFF)),
    exists().where(SurveyResponse.user_id == _USER, SurveyResponse.status.in_(OPEN_SURVEY)),
    exists().where(FlowDraft.key == bindparam("draft_key")),
    select(func.coalesce(func.nullif(Volunteer.district_code, ""), Volunteer.province_code))
    .where(Volunteer.user_id == _USER)
    .scalar_subquery(),
    *store.STAMP_COLUMNS,
).where(LineUser.id == _USER)
