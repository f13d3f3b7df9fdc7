"""The checks a form passes before it may load: labels, choices and every expression's names.

Each expression was parsed when the form was read (`xlsform.py`); here they are checked
against the questions: a `${name}` must be a question with an answer, a question inside a
repeat is read only from the same repeat, `.` only in a constraint, no calculation reads
itself, a regex() pattern compiles. So nothing unknown is met while someone is answering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from bot.surveys.expressions import Call, Literal, references, uses_current, walk
from bot.surveys.form import (
    COMPUTED_KINDS,
    LABEL_REFERENCE,
    Condition,
    Form,
    Node,
    Question,
    Section,
)
from bot.surveys.problems import Problem


class _Checker:
    def __init__(self, file: str, form: Form) -> None:
        self.file = file
        self.form = form
        self.questions = form.questions
        self.problems: list[Problem] = []

    def error(self, row: int | None, reason: str) -> None:
        self.problems.append(Problem(self.file, reason, sheet="survey", row=row or None))

    def warn(self, row: int | None, reason: str, sheet: str = "survey") -> None:
        self.problems.append(Problem(self.file, reason, sheet=sheet, row=row or None, error=False))

    def run(self) -> list[Problem]:
        self._unique_names()
        for node, repeat in _with_repeat(self.form.children, None):
            if isinstance(node, Section):
                self._section(node, repeat)
            else:
                self._question(node)
        self._calculation_cycles()
        return self.problems

    def _unique_names(self) -> None:
        seen: set[str] = set()
        for node in self.form.nodes():
            if node.name in seen:
                self.error(node.row, f"the name `{node.name}` is used twice: names must be unique")
            seen.add(node.name)

    def _section(self, section: Section, outer_repeat: str | None) -> None:
        self._condition(section.relevant, "relevant", section.row, outer_repeat)
        self._condition(section.repeat_count, "repeat_count", section.row, outer_repeat)
        if section.kind == "repeat" and section.repeat_count is None:
            self._labelled(section.labels, section.row, f"repeat `{section.name}`")

    def _question(self, q: Question) -> None:
        if q.kind not in COMPUTED_KINDS:
            self._labelled(q.labels, q.row, f"`{q.name}`")
            self._label_references(q)
        if q.kind in ("select_one", "select_multiple"):
            self._choices(q)
        if q.kind == "calculate" and q.calculation is None:
            self.error(q.row, f"calculate `{q.name}` has no calculation")
        if q.kind != "calculate" and q.calculation is not None:
            self.error(q.row, "a calculation on a question (a default answer) is not supported")
        if not q.asked and (q.constraint is not None or q.required is not None):
            self.error(q.row, f"a {q.kind} has no answer to require or constrain")
        for column, condition in (
            ("relevant", q.relevant),
            ("required", q.required),
            ("constraint", q.constraint),
            ("calculation", q.calculation),
        ):
            self._condition(condition, column, q.row, q.repeat)

    def _labelled(self, labels: Mapping[str, str], row: int, what: str) -> None:
        if not (labels.get("th") or labels.get("default")):
            self.error(row, f"{what} has no Thai label (label::th)")
        elif not labels.get("ms"):
            self.warn(row, f"{what} has no Malay label (label::ms): Malay speakers see Thai")

    def _label_references(self, q: Question) -> None:
        for text in q.labels.values():
            for name in LABEL_REFERENCE.findall(text):
                self._reference(name, q.row, "label", q.repeat)

    def _choices(self, q: Question) -> None:
        if not q.choices:
            self.error(q.row, f"`{q.name}` has no choices (list `{q.list_name}`)")
        for choice in q.choices:
            if not (choice.labels.get("th") or choice.labels.get("default")):
                self.error(q.row, f"choice `{choice.name}` of `{q.list_name}` has no Thai label")
            elif not choice.labels.get("ms"):
                self.warn(
                    None,
                    f"choice `{choice.name}` of `{q.list_name}` has no Malay label",
                    sheet="choices",
                )

    def _condition(
        self, condition: Condition | None, column: str, row: int, repeat: str | None
    ) -> None:
        if condition is None:
            return
        if uses_current(condition.expr) and column != "constraint":
            self.error(
                row,
                f"{column} `{condition.source}`: `.` means the answer being checked "
                "and is read only in a constraint",
            )
        for name in sorted(references(condition.expr)):
            self._reference(name, row, f"{column} `{condition.source}`", repeat)
        for node in walk(condition.expr):
            if isinstance(node, Call) and node.name == "regex":
                self._pattern(node, row, column, condition.source)

    def _reference(self, name: str, row: int, where: str, repeat: str | None) -> None:
        target = self.questions.get(name)
        if target is None:
            kind = "a group" if name in self.form.sections else "no question"
            self.error(row, f"{where}: `${{{name}}}` is {kind}; only questions have values")
        elif target.kind == "note":
            self.error(row, f"{where}: `${{{name}}}` is a note, which has no answer")
        elif target.repeat is not None and target.repeat != repeat:
            self.error(
                row,
                f"{where}: `${{{name}}}` is inside repeat `{target.repeat}` and can "
                "be read only by questions of that repeat",
            )

    def _pattern(self, call: Call, row: int, column: str, source: str) -> None:
        pattern = call.args[1]
        if not isinstance(pattern, Literal) or not isinstance(pattern.value, str):
            self.error(row, f"{column} `{source}`: regex() needs its pattern written in quotes")
            return
        try:
            re.compile(pattern.value)
        except re.error as error:
            self.error(row, f"{column} `{source}`: the regex pattern is invalid: {error}")

    def _calculation_cycles(self) -> None:
        calculations = {
            q.name: references(q.calculation.expr)
            for q in self.questions.values()
            if q.calculation is not None
        }
        state: dict[str, int] = {}  # 1 = being visited, 2 = done

        def visit(name: str, trail: list[str]) -> None:
            state[name] = 1
            for used in sorted(calculations.get(name, ())):
                if state.get(used) == 1:
                    loop = (
                        " -> ".join([*trail[trail.index(used) :], used]) if used in trail else used
                    )
                    self.error(self.questions[name].row, f"calculations read each other: {loop}")
                elif used in calculations and used not in state:
                    visit(used, [*trail, used])
            state[name] = 2

        for name in calculations:
            if name not in state:
                visit(name, [name])


def _with_repeat(nodes: tuple[Node, ...], repeat: str | None) -> Iterator[tuple[Node, str | None]]:
    """Every node with the repeat it is inside (a repeat itself counts as outside)."""
    for node in nodes:
        yield node, repeat
        if isinstance(node, Section):
            yield from _with_repeat(node.children, node.name if node.kind == "repeat" else repeat)


def check_form(file: str, form: Form) -> list[Problem]:
    """Every problem of a form that was read; errors mean it may not load."""
    return _Checker(file, form).run()
