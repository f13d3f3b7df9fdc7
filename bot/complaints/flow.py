"""The complaint flow: consent, who, what kind, what happened, where, evidence, contact, confirm.

The diagram is `complaint_flow.mmd`. This module wires the states to their questions and handlers,
which live by stage: `complaint_consent.py`, `complaint_report.py`, `complaint_confirm.py`, with
the states and buttons in `complaint_states.py`. The draft lives in the state store; only the
confirm writes to the database, once per draft however often it is tapped.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Turn
from bot.chat.flows.engine import Flow, FlowContext, Step
from bot.chat.flows.place_steps import AREA_CHOICES
from bot.complaints import flow_confirm as confirm
from bot.complaints import flow_consent as consent
from bot.complaints import flow_report as report
from bot.complaints.flow_confirm import received_messages
from bot.complaints.flow_consent import CONSENT_VERSION, HOTLINES
from bot.complaints.flow_report import MAX_DETAILS_CHARS, MAX_EVIDENCE
from bot.complaints.flow_states import (
    AFFECTED_CHOICES,
    AGREED_CHOICES,
    ANONYMOUS,
    CATEGORY_CHOICES,
    CATEGORY_SYNONYMS,
    CONFIRM_CHOICES,
    DONE,
    EDIT_CHOICES,
    SKIP,
    UNKNOWN_DISTRICT,
    YES_NO_CONSENT,
    S,
)

# Kept importable from here: tests and other code know the flow by this module.
__all__ = [
    "AFFECTED_CHOICES",
    "AGREED_CHOICES",
    "ANONYMOUS",
    "AREA_CHOICES",
    "CATEGORY_CHOICES",
    "CATEGORY_SYNONYMS",
    "CONFIRM_CHOICES",
    "CONSENT_VERSION",
    "DONE",
    "EDIT_CHOICES",
    "HOTLINES",
    "MAX_DETAILS_CHARS",
    "MAX_EVIDENCE",
    "SKIP",
    "UNKNOWN_DISTRICT",
    "YES_NO_CONSENT",
    "ComplaintFlow",
    "S",
    "received_messages",
]

QUESTIONS: dict[S, Callable[[FlowContext], Message]] = {
    S.CONSENT: consent.consent_question,
    S.AFFECTED: consent.affected_question,
    S.AFFECTED_CONSENT: consent.affected_consent_question,
    S.CATEGORY: report.category_question,
    S.DETAILS: report.details_question,
    S.PLACE: report.place_question,
    S.DISTRICT: report.complaint_district_question,
    S.PIN_PLACE: report.pin_place_question,
    S.EVIDENCE: report.evidence_question,
    S.CONTACT: confirm.contact_question,
    S.CONFIRM: confirm.confirm_question,
    S.EDIT: confirm.edit_question,
}


class ComplaintFlow(Flow):
    name = "complaint"
    title = "การแจ้งเรื่องร้องเรียน"
    states = S
    first = S.CONSENT
    start_intents = ("complaint_file",)
    free_text_states = frozenset({S.DETAILS})

    def prompt(self, state: enum.Enum, ctx: FlowContext) -> list[Message]:
        assert isinstance(state, S)
        return [QUESTIONS[state](ctx)]

    # One handler per state (the engine calls on_<state>), by stage.
    on_consent = staticmethod(consent.on_consent)
    on_affected = staticmethod(consent.on_affected)
    on_affected_consent = staticmethod(consent.on_affected_consent)
    on_category = staticmethod(report.on_category)
    on_details = staticmethod(report.on_details)
    on_place = staticmethod(report.on_place)
    on_district = staticmethod(report.on_district)
    on_pin_place = staticmethod(report.on_pin_place)
    on_evidence = staticmethod(report.on_evidence)
    on_contact = staticmethod(confirm.on_contact)
    on_confirm = staticmethod(confirm.on_confirm)
    on_edit = staticmethod(confirm.on_edit)

    def on_cancel(self, ctx: FlowContext) -> list[Message]:
        report.discard_evidence(ctx)  # personal data, for a complaint that is not coming
        return super().on_cancel(ctx)

    def on_topic(self, state: enum.Enum, ctx: FlowContext, intent: str) -> Step | None:
        if state is S.CATEGORY:
            return report.on_category_topic(ctx, intent)
        return None

    def on_stale_postback(self, turn: Turn, draft_id: str, value: str) -> list[Message] | None:
        # A double tap on confirm, or a redelivery after the draft is gone: one complaint only.
        return confirm.already_sent(turn, draft_id, value)
