"""One interview's answers read against its form: which stops are relevant, which are answered.

The chat's place in an interview is a `Stop`: the consent, a question (in a repeat instance or
not), a "add another?" question of a repeat, or the summary. `Interview.stops()` walks the form
in order with the answers given so far, skipping what is not relevant; the next question to
ask is always the first stop not answered yet, so changing an earlier answer (after
"ย้อนกลับ") leads on to whatever it newly made relevant and leaves the rest as it was.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.surveys.evaluate import Selection, Value, evaluate, holds, to_number
from bot.surveys.form import Form, Node, Question, Section

MAX_REPEAT_INSTANCES = 30  # a repeat_count beyond this is a typo, not a household


@dataclass(frozen=True)
class Stop:
    kind: str  # consent | question | note | more | summary
    name: str = ""
    instance: int | None = None  # the repeat instance a question belongs to; a `more` stop's count

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "instance": self.instance}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any] | None) -> Stop | None:
        if not raw:
            return None
        return cls(raw["kind"], raw.get("name", ""), raw.get("instance"))


SUMMARY = Stop("summary")
CONSENT = Stop("consent")


def as_value(question: Question, raw: Any) -> Value:
    """A stored answer as the expressions read it; unanswered reads as ''."""
    if raw is None:
        return ""
    if question.kind in ("integer", "decimal"):
        return float(raw)
    if question.kind == "date":
        return date.fromisoformat(raw)
    if question.kind == "select_multiple":
        order = [c.name for c in question.choices]
        return Selection(tuple(sorted(raw, key=lambda n: order.index(n) if n in order else 99)))
    if question.kind == "geopoint":
        return f"{raw['lat']} {raw['lon']} 0 0"  # ODK's "lat lon altitude accuracy"
    if question.kind == "image":
        return str(raw.get("message_id", ""))
    return str(raw)


class _Scope:
    """Expressions read answers here: the instance's own, else the form's."""

    def __init__(self, interview: Interview, instance: int | None, current: Value = "") -> None:
        self._interview = interview
        self._instance = instance
        self._current = current

    def lookup(self, name: str) -> Value:
        question = self._interview.form_questions[name]
        if question.calculation is not None:
            return evaluate(question.calculation.expr, self)
        if question.kind == "today":
            return self._interview.today
        instance = self._instance if question.repeat else None
        return as_value(question, self._interview.raw(question, instance))

    @property
    def current(self) -> Value:
        return self._current

    @property
    def today(self) -> date:
        return self._interview.today


class Interview:
    """A form, one response's answers and closed repeats, and today's date."""

    def __init__(
        self,
        form: Form,
        answers: dict[str, Any],
        *,
        closed: set[str] | None = None,
        consented: bool = False,
        today: date,
    ) -> None:
        self.form = form
        self.answers = answers
        self.closed = closed if closed is not None else set()
        self.consented = consented
        self.today = today
        self.form_questions = form.questions
        self.parents = _parents(form.children, ())

    # -- answers --------------------------------------------------------------------------------
    def raw(self, question: Question, instance: int | None) -> Any:
        return self._holder(question, instance, create=False).get(question.name)

    def has_answer(self, question: Question, instance: int | None) -> bool:
        return question.name in self._holder(question, instance, create=False)

    def set_answer(self, question: Question, instance: int | None, value: Any) -> None:
        self._holder(question, instance, create=True)[question.name] = value

    def instances(self, repeat: str) -> list[dict[str, Any]]:
        found = self.answers.get(repeat)
        return found if isinstance(found, list) else []

    def _holder(self, question: Question, instance: int | None, *, create: bool) -> dict[str, Any]:
        if question.repeat is None:
            return self.answers
        rows = (
            self.answers.setdefault(question.repeat, [])
            if create
            else self.instances(question.repeat)
        )
        index = instance or 0
        if create:
            while len(rows) <= index:
                rows.append({})
        return rows[index] if index < len(rows) else {}

    def scope(self, instance: int | None, current: Value = "") -> _Scope:
        return _Scope(self, instance, current)

    # -- the walk -------------------------------------------------------------------------------
    def stops(self) -> Iterator[Stop]:
        """Every relevant stop in order (notes too), ending with the summary.

        The consent comes after the form's opening notes (they say what the survey is about)
        and before anything else.
        """
        children = self.form.children
        opening = 0
        while opening < len(children) and _is_note(children[opening]):
            opening += 1
        yield from self._nodes(children[:opening], None)
        if self.form.needs_consent:
            yield CONSENT
        yield from self._nodes(children[opening:], None)
        yield SUMMARY

    def _nodes(self, nodes: tuple[Node, ...], instance: int | None) -> Iterator[Stop]:
        for node in nodes:
            if node.relevant is not None and not holds(node.relevant.expr, self.scope(instance)):
                continue
            if isinstance(node, Question):
                if node.kind == "note":
                    yield Stop("note", node.name, instance)
                elif node.asked:
                    yield Stop("question", node.name, instance)
            elif node.kind == "group":
                yield from self._nodes(node.children, instance)
            else:
                yield from self._repeat(node)

    def _repeat(self, repeat: Section) -> Iterator[Stop]:
        if repeat.repeat_count is not None:
            for index in range(self.repeat_count(repeat)):
                yield from self._nodes(repeat.children, index)
            return
        count = len(self.instances(repeat.name))
        for index in range(count):
            yield Stop("more", repeat.name, index)  # answered "yes, add one"
            yield from self._nodes(repeat.children, index)
        yield Stop("more", repeat.name, count)  # pending, or answered "no more"

    def repeat_count(self, repeat: Section) -> int:
        assert repeat.repeat_count is not None
        number = to_number(evaluate(repeat.repeat_count.expr, self.scope(None)))
        if math.isnan(number):
            return 0
        return max(0, min(int(number), MAX_REPEAT_INSTANCES))

    def answered(self, stop: Stop) -> bool:
        if stop.kind == "consent":
            return self.consented
        if stop.kind == "question":
            return self.has_answer(self.form_questions[stop.name], stop.instance)
        if stop.kind == "more":
            return (stop.instance or 0) < len(self.instances(stop.name)) or stop.name in self.closed
        return stop.kind == "note"

    def asked_stops(self) -> list[Stop]:
        return [s for s in self.stops() if s.kind != "note"]

    def first_open(self) -> Stop:
        """The next stop to ask: the first relevant one not answered (the summary at the end)."""
        return next(s for s in self.asked_stops() if not self.answered(s))

    def previous(self, stop: Stop) -> Stop | None:
        """The question asked before `stop` (the consent is not asked again)."""
        asked = [s for s in self.asked_stops() if s.kind != "consent"]
        if stop not in asked:
            return None
        index = asked.index(stop)
        return asked[index - 1] if index > 0 else None

    def notes_before(self, stop: Stop) -> list[Question]:
        """The notes just before `stop` in the walk: they introduce it."""
        notes: list[Question] = []
        for walked in self.stops():
            if walked == stop:
                return notes
            notes = [*notes, self.form_questions[walked.name]] if walked.kind == "note" else []
        return []

    def answered_count(self) -> int:
        return sum(1 for s in self.asked_stops() if s.kind == "question" and self.answered(s))

    def position(self, stop: Stop) -> int:
        """The question number people see: its place among the relevant questions."""
        questions = [s for s in self.asked_stops() if s.kind in ("question", "more")]
        return questions.index(stop) + 1 if stop in questions else len(questions) + 1

    def sections_of(self, stop: Stop) -> tuple[Section, ...]:
        return self.parents.get(stop.name, ())

    # -- what is kept ---------------------------------------------------------------------------
    def final_answers(self) -> dict[str, Any]:
        """What a submission keeps: answers of relevant questions only, calculations computed."""
        kept: dict[str, Any] = {}
        for node, instance in self._relevant_questions(self.form.children, None):
            if node.kind in ("note", "start", "end", "today"):
                continue
            holder = kept
            if node.repeat is not None:
                rows = kept.setdefault(node.repeat, [])
                while len(rows) <= (instance or 0):
                    rows.append({})
                holder = rows[instance or 0]
            if node.calculation is not None:
                holder[node.name] = _plain(evaluate(node.calculation.expr, self.scope(instance)))
            else:
                holder[node.name] = self.raw(node, instance)
        for repeat in self.form.sections.values():
            if repeat.kind == "repeat" and repeat.name not in kept:
                kept[repeat.name] = []
        return kept

    def _relevant_questions(
        self, nodes: tuple[Node, ...], instance: int | None
    ) -> Iterator[tuple[Question, int | None]]:
        for node in nodes:
            if node.relevant is not None and not holds(node.relevant.expr, self.scope(instance)):
                continue
            if isinstance(node, Question):
                yield node, instance
            elif node.kind == "group":
                yield from self._relevant_questions(node.children, instance)
            else:
                count = (
                    self.repeat_count(node)
                    if node.repeat_count is not None
                    else len(self.instances(node.name))
                )
                for index in range(count):
                    yield from self._relevant_questions(node.children, index)


def _is_note(node: Node) -> bool:
    return isinstance(node, Question) and node.kind in ("note", "start", "end", "today")


def _plain(value: Value) -> Any:
    """A calculated value as stored: numbers as numbers, the rest as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if value.is_integer() else round(value, 6)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _parents(nodes: tuple[Node, ...], above: tuple[Section, ...]) -> dict[str, tuple[Section, ...]]:
    found: dict[str, tuple[Section, ...]] = {}
    for node in nodes:
        if isinstance(node, Section):
            found[node.name] = above
            found.update(_parents(node.children, (*above, node)))
        else:
            found[node.name] = above
    return found
