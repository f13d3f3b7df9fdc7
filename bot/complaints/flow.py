"""The complaint flow: consent, who, what kind, what happened, where, evidence, contact, confirm.

The diagram is `complaint_flow.mmd` (a test holds it to `STATE_TABLE`). This module declares
each state's question, handler and next states; the questions and handlers live by stage:
`flow_consent.py`, `flow_report.py`, `flow_confirm.py`, with the states and buttons in
`flow_states.py`. The draft lives in the state store; only the confirm writes to the database,
once per draft however often it is tapped.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from linebot.v3.messaging.models import Message

from bot.chat.dispatch import Turn
from bot.chat.flows.engine import END, Flow, FlowContext, StateDef
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
    ComplaintState,
)
from bot.core.i18n import N_

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
    "STATE_TABLE",
    "UNKNOWN_DISTRICT",
    "YES_NO_CONSENT",
    "ComplaintFlow",
    "ComplaintState",
    "received_messages",
]

# Every state: its question, the handler of its answer, and where that handler may go. While
# one answer is edited from the summary, a step goes back to CONFIRM instead of on.
STATE_TABLE: Mapping[enum.Enum, StateDef] = {
    ComplaintState.CONSENT: StateDef(
        consent.consent_question,
        consent.on_consent,
        then=(ComplaintState.AFFECTED, ComplaintState.CONSENT, END),
    ),
    ComplaintState.AFFECTED: StateDef(
        consent.affected_question,
        consent.on_affected,
        then=(ComplaintState.CATEGORY, ComplaintState.AFFECTED_CONSENT, ComplaintState.CONFIRM),
    ),
    ComplaintState.AFFECTED_CONSENT: StateDef(
        consent.affected_consent_question,
        consent.on_affected_consent,
        then=(ComplaintState.CATEGORY, ComplaintState.CONFIRM, END),
    ),
    ComplaintState.CATEGORY: StateDef(
        report.category_question,
        report.on_category,
        then=(ComplaintState.DETAILS, ComplaintState.CONFIRM),
        on_topic=report.on_category_topic,
    ),
    ComplaintState.DETAILS: StateDef(
        report.details_question,
        report.on_details,
        then=(ComplaintState.DETAILS, ComplaintState.PLACE, ComplaintState.CONFIRM),
        free_text=True,
    ),
    ComplaintState.PLACE: StateDef(
        report.place_question,
        report.on_place,
        then=(
            ComplaintState.EVIDENCE,
            ComplaintState.PIN_PLACE,
            ComplaintState.DISTRICT,
            ComplaintState.PLACE,
            ComplaintState.CONFIRM,
        ),
    ),
    ComplaintState.PIN_PLACE: StateDef(
        report.pin_place_question,
        report.on_pin_place,
        then=(
            ComplaintState.EVIDENCE,
            ComplaintState.DISTRICT,
            ComplaintState.PIN_PLACE,
            ComplaintState.CONFIRM,
        ),
    ),
    ComplaintState.DISTRICT: StateDef(
        report.complaint_district_question,
        report.on_district,
        then=(
            ComplaintState.EVIDENCE,
            ComplaintState.DISTRICT,
            ComplaintState.PIN_PLACE,
            ComplaintState.CONFIRM,
        ),
    ),
    ComplaintState.EVIDENCE: StateDef(
        report.evidence_question,
        report.on_evidence,
        then=(ComplaintState.EVIDENCE, ComplaintState.CONTACT, ComplaintState.CONFIRM),
    ),
    ComplaintState.CONTACT: StateDef(
        confirm.contact_question,
        confirm.on_contact,
        then=(ComplaintState.CONTACT, ComplaintState.CONFIRM),
    ),
    ComplaintState.CONFIRM: StateDef(
        confirm.confirm_question,
        confirm.on_confirm,
        then=(ComplaintState.EDIT, END),
    ),
    ComplaintState.EDIT: StateDef(
        confirm.edit_question,
        confirm.on_edit,
        then=(
            ComplaintState.AFFECTED,
            ComplaintState.CATEGORY,
            ComplaintState.DETAILS,
            ComplaintState.PLACE,
            ComplaintState.EVIDENCE,
            ComplaintState.CONTACT,
        ),
    ),
}


class ComplaintFlow(Flow):
    name = "complaint"
    title = N_("การแจ้งเรื่องร้องเรียน")
    states = ComplaintState
    first = ComplaintState.CONSENT
    state_table = STATE_TABLE
    start_intents = ("complaint_file",)

    def on_cancel(self, ctx: FlowContext) -> list[Message]:
        report.discard_evidence(ctx)  # personal data, for a complaint that is not coming
        return super().on_cancel(ctx)

    def on_stale_postback(self, turn: Turn, draft_id: str, value: str) -> list[Message] | None:
        # A double tap on confirm, or a redelivery after the draft is gone: one complaint only.
        return confirm.already_sent(turn, draft_id, value)
