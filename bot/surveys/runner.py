"""Answering one interview: a small state machine driven by the form, its state in the database.

The response row holds the answers and a cursor: the stop being asked (`at`), the page of a long
choice list, the choices ticked so far, the repeats closed, and a pending "discard?" question.
Each turn reads the row, applies one input, writes the row back in the turn's transaction:

    consent ──yes──► question ◄─┐ ──answer──► next open stop ──► … ──► summary ──submit──► done
       │no                │      └──invalid (required, constraint, type): ask again
       ▼                  ├─back──► the stop before;  pause ──► paused (ทำแบบสำรวจ resumes)
    declined              └─discard──► "sure?" ──yes──► deleted

Diagram: survey_flow.mmd.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from linebot.v3.messaging import QuickReply, QuickReplyItem, TextMessage
from linebot.v3.messaging.models import Message
from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.surveys.answers import Parsed, fold, ordered_names, read_answer
from bot.surveys.evaluate import holds
from bot.surveys.form import Form, Question, pick_label
from bot.surveys.inputs import SurveyInput
from bot.surveys.interview import SUMMARY, Interview, Stop, as_value
from bot.surveys.messages import TYPED_COMMANDS, say
from bot.surveys.models import ResponseStatus, SurveyForm, SurveyMedia, SurveyResponse
from bot.surveys.prompts import Asking, ask, button
from bot.surveys.service import submitted_count

_MORE_WORDS = {"yes": ("เพิ่ม", "tambah", "มี", "ada"), "no": ("ไม่มีแล้ว", "ไม่มี", "tiada lagi")}
_CONSENT_WORDS = {"yes": ("ยินยอม", "setuju"), "no": ("ไม่ยินยอม", "tidak setuju")}


@dataclass
class Outcome:
    """A turn's answer, and the photos to fetch once the turn's transaction is committed."""

    messages: list[Message]
    photos: list[int]


def typed_command(text: str) -> str | None:
    folded = fold(text)
    for command, words in TYPED_COMMANDS.items():
        if folded in {fold(w) for w in words}:
            return command
    return None


def _word(text: str, words: Mapping[str, tuple[str, ...]]) -> str | None:
    folded = fold(text)
    return next((k for k, ws in words.items() if folded in {fold(w) for w in ws}), None)


class Runner:
    """One turn of one interview."""

    def __init__(
        self, session: Session, response: SurveyResponse, *, now: datetime, today: date
    ) -> None:
        self.session = session
        self.response = response
        self.now = now
        row = session.get(SurveyForm, response.form_pk)
        assert row is not None, "a response always names a stored form version"
        self.form_row = row
        self.form = Form.from_json(row.definition)
        cursor = copy.deepcopy(response.cursor or {})
        self.cursor = cursor
        self.interview = Interview(
            self.form,
            copy.deepcopy(response.answers or {}),
            closed=set(cursor.get("closed", [])),
            consented=response.consent_at is not None,
            today=today,
        )
        self.language = response.language
        self.photos: list[int] = []
        self.at = self._current_stop()

    # -- entry points ---------------------------------------------------------------------------
    def ask_current(self, lead: Sequence[str] = ()) -> Outcome:
        return self._done(ask(self.interview, self.at, self._asking(), lead))

    def respond(self, given: SurveyInput) -> Outcome:
        command = given.command if given.kind == "command" else typed_command(given.text)
        if self.cursor.get("confirm") == "discard":
            return self._confirm_discard(command)
        handlers: dict[str, Callable[[], Outcome]] = {
            "pause": self._pause,
            "discard": self._ask_discard,
            "back": self._back,
            "resume": self.ask_current,
        }
        if command in handlers:
            return handlers[command]()
        if command == "page":
            self.cursor["page"] = int(given.value or 0) if (given.value or "").isdigit() else 0
            return self.ask_current()
        if self.at.kind == "consent":
            return self._consent(given)
        if self.at.kind == "more":
            return self._more(given)
        if self.at.kind == "summary":
            return self._submit() if command == "submit" else self._again("not_understood")
        return self._answer(self.interview.form_questions[self.at.name], given, command)

    # -- stops ----------------------------------------------------------------------------------
    def _consent(self, given: SurveyInput) -> Outcome:
        choice = given.value if given.command == "consent" else _word(given.text, _CONSENT_WORDS)
        if choice == "yes":
            self.response.consent_at = self.now
            self.interview.consented = True
            return self._advance()
        if choice == "no":
            self.response.status = ResponseStatus.DECLINED
            self.response.answers, self.response.cursor = {}, {}
            self.response.updated_at = self.now
            another = button(
                say("another", self.language), "another", self._asking(), self.form.form_id
            )
            text = TextMessage(
                text=say("declined", self.language),
                quick_reply=QuickReply(items=[QuickReplyItem(action=another)]),
            )
            return Outcome([text], [])
        return self._again("not_understood")

    def _more(self, given: SurveyInput) -> Outcome:
        choice = given.value if given.command == "more" else _word(given.text, _MORE_WORDS)
        repeat, count = self.at.name, self.at.instance or 0
        rows = self.interview.answers.setdefault(repeat, [])
        if choice == "yes":
            if count >= len(rows):
                rows.append({})
            self.interview.closed.discard(repeat)
            return self._advance()
        if choice == "no":
            del rows[count:]
            self.interview.closed.add(repeat)
            return self._advance()
        return self._again("not_understood")

    def _answer(self, question: Question, given: SurveyInput, command: str | None) -> Outcome:
        picked: list[str] = list(self.cursor.get("picked", []))
        if question.kind == "select_multiple" and command == "toggle":
            if question.choice(given.value or "") is not None:
                value = given.value or ""
                picked = [p for p in picked if p != value] if value in picked else [*picked, value]
                self.cursor["picked"] = ordered_names(question, picked)
            return self.ask_current()
        if command == "skip":
            parsed = Parsed(None)
        elif question.kind == "select_multiple" and command == "done":
            parsed = Parsed(picked or None)
        else:
            parsed = read_answer(question, given)
        if not parsed.ok:
            return self._again(parsed.error or "not_understood", **parsed.values)
        problem = self._invalid(question, parsed.value)
        if problem is not None:
            return self._done(ask(self.interview, self.at, self._asking(), [problem]))
        self.interview.set_answer(question, self.at.instance, parsed.value)
        if question.kind == "image" and parsed.value:
            self._keep_photo(question, parsed.value["message_id"])
        return self._advance()

    def _invalid(self, question: Question, value: Any) -> str | None:
        """Why `value` may not be kept (in the person's language), or None."""
        scope = self.interview.scope(self.at.instance)
        if value is None or value == []:
            if question.required is not None and holds(question.required.expr, scope):
                return pick_label(question.required_message, self.language) or say(
                    "required", self.language
                )
            return None
        if question.constraint is None:
            return None
        checked = self.interview.scope(self.at.instance, as_value(question, value))
        if holds(question.constraint.expr, checked):
            return None
        return pick_label(question.constraint_message, self.language) or say(
            "constraint", self.language
        )

    def _keep_photo(self, question: Question, message_id: str) -> None:
        media = SurveyMedia(
            response_id=self.response.id,
            message_id=message_id,
            question=question.name,
            created_at=self.now,
        )
        self.session.add(media)
        self.session.flush()
        self.photos.append(media.id)

    # -- moving ---------------------------------------------------------------------------------
    def _advance(self) -> Outcome:
        self.cursor.pop("page", None)
        self.cursor.pop("picked", None)
        self.at = self.interview.first_open()
        return self.ask_current()

    def _back(self) -> Outcome:
        previous = self.interview.previous(self.at)
        if previous is None:
            return self.ask_current([say("first_question", self.language)])
        self.at = previous
        self.cursor.pop("page", None)
        question = self.interview.form_questions.get(previous.name)
        if question is not None and question.kind == "select_multiple":
            self.cursor["picked"] = list(self.interview.raw(question, previous.instance) or [])
        else:
            self.cursor.pop("picked", None)
        return self.ask_current()

    def _again(self, key: str, **values: Any) -> Outcome:
        return self.ask_current([say(key, self.language, **values)])

    def _pause(self) -> Outcome:
        self.response.status = ResponseStatus.PAUSED
        return self._done([TextMessage(text=say("paused", self.language))])

    def _ask_discard(self) -> Outcome:
        self.cursor["confirm"] = "discard"
        asking = self._asking()
        actions = [
            button(say("discard_yes", self.language), "discard_yes", asking),
            button(say("keep_going", self.language), "resume", asking),
        ]
        text = TextMessage(
            text=say("discard_question", self.language),
            quick_reply=QuickReply(items=[QuickReplyItem(action=a) for a in actions]),
        )
        return self._done([text])

    def _confirm_discard(self, command: str | None) -> Outcome:
        self.cursor.pop("confirm", None)
        if command != "discard_yes":
            return self.ask_current()
        self.session.delete(self.response)  # its photos go with it (ON DELETE CASCADE)
        return Outcome([TextMessage(text=say("discarded", self.language))], [])

    def _submit(self) -> Outcome:
        first_open = self.interview.first_open()
        if first_open != SUMMARY:  # something relevant is still unanswered
            self.at = first_open
            return self._again("required")
        kept = self.interview.final_answers()
        for question in self.form.questions.values():
            stamp = {"start": self.response.started_at, "end": self.now}.get(question.kind)
            if stamp is not None:
                kept[question.name] = stamp.isoformat()
            elif question.kind == "today":
                kept[question.name] = self.interview.today.isoformat()
        photos = {v["message_id"] for v in _photo_answers(self.form, kept)}
        self.session.execute(
            delete(SurveyMedia).where(
                SurveyMedia.response_id == self.response.id,
                SurveyMedia.message_id.not_in(photos or {""}),
            )
        )
        self.response.answers = kept
        self.response.cursor = {}
        self.response.status = ResponseStatus.SUBMITTED
        self.response.submitted_at = self.now
        self.response.updated_at = self.now
        self.session.flush()
        user_id = self.response.user_id or ""
        count = submitted_count(self.session, user_id, self.form.form_id)
        another = button(
            say("another", self.language), "another", self._asking(), self.form.form_id
        )
        text = TextMessage(
            text=say("submitted", self.language, title=self.form.title(self.language), count=count),
            quick_reply=QuickReply(items=[QuickReplyItem(action=another)]),
        )
        return Outcome([text], self.photos)

    # -- state ----------------------------------------------------------------------------------
    def _current_stop(self) -> Stop:
        stored = Stop.from_json(self.cursor.get("at"))
        asked = self.interview.asked_stops()
        if stored is not None and stored in asked:
            return stored
        return self.interview.first_open()  # a form change or answers made it irrelevant

    def _asking(self) -> Asking:
        return Asking(
            ref=self.response.uuid,
            language=self.language,
            title=self.form.title(self.language),
            page=int(self.cursor.get("page", 0)),
            picked=list(self.cursor.get("picked", [])),
        )

    def _done(self, messages: list[Message]) -> Outcome:
        """Write the interview back to its row (new objects, so the JSON columns are saved)."""
        if self.response.status in (ResponseStatus.ACTIVE, ResponseStatus.PAUSED):
            self.cursor["at"] = self.at.to_json()
            self.cursor["closed"] = sorted(self.interview.closed)
            self.response.cursor = copy.deepcopy(self.cursor)
            self.response.answers = copy.deepcopy(self.interview.answers)
            self.response.updated_at = self.now
        return Outcome(messages, self.photos)


def _photo_answers(form: Form, kept: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for question in form.questions.values():
        if question.kind != "image":
            continue
        holders = kept.get(question.repeat, []) if question.repeat else [kept]
        found += [h[question.name] for h in holders if isinstance(h.get(question.name), dict)]
    return found
