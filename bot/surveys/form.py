"""A survey form as the chat runs it: questions, groups and repeats, with parsed expressions.

`bot.surveys.xlsform` builds a `Form` from an XLSForm file (and refuses what the chat cannot
run); the database keeps `Form.to_json()` of every version, so an interview started on one
version is finished on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.surveys.expressions import Expr, parse

# Kinds a volunteer answers in chat, and kinds the bot fills itself.
ASKED_KINDS = frozenset(
    {"text", "integer", "decimal", "date", "select_one", "select_multiple", "geopoint", "image"}
)
SHOWN_KINDS = frozenset({"note"})
COMPUTED_KINDS = frozenset({"calculate", "start", "end", "today"})
LANGUAGES = ("th", "ms")
LABEL_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")

Labels = Mapping[str, str]


def pick_label(labels: Labels, language: str, fallback: str = "") -> str:
    """The text in `language`, else Thai, else whatever the form gives."""
    for key in (language, "th", "default"):
        if labels.get(key):
            return labels[key]
    return next((text for text in labels.values() if text), fallback)


@dataclass(frozen=True)
class Condition:
    """An expression with the text it was parsed from (kept for the database and errors)."""

    source: str
    expr: Expr

    @classmethod
    def of(cls, source: str | None) -> Condition | None:
        return None if not source else cls(source, parse(source))


@dataclass(frozen=True)
class Choice:
    name: str
    labels: Labels


@dataclass(frozen=True)
class Question:
    name: str
    kind: str
    path: str  # group/.../name: the export's column, as KoboToolbox names it
    row: int  # in the survey sheet, for messages about the form
    labels: Labels = field(default_factory=dict)
    hints: Labels = field(default_factory=dict)
    required: Condition | None = None  # None: may be skipped
    required_message: Labels = field(default_factory=dict)
    relevant: Condition | None = None
    constraint: Condition | None = None
    constraint_message: Labels = field(default_factory=dict)
    calculation: Condition | None = None
    list_name: str = ""
    choices: tuple[Choice, ...] = ()
    personal: bool = False  # asked only after the respondent's PDPA consent
    repeat: str | None = None  # the repeat this question is answered once per instance of

    @property
    def asked(self) -> bool:
        return self.kind in ASKED_KINDS

    def choice(self, name: str) -> Choice | None:
        return next((c for c in self.choices if c.name == name), None)


@dataclass(frozen=True)
class Section:
    """A group (`begin_group`) or a repeat (`begin_repeat`)."""

    kind: str  # group | repeat
    name: str
    path: str
    row: int
    labels: Labels = field(default_factory=dict)
    relevant: Condition | None = None
    repeat_count: Condition | None = None
    children: tuple[Node, ...] = ()


Node = Question | Section


@dataclass(frozen=True)
class Form:
    form_id: str
    version: str
    titles: Labels
    children: tuple[Node, ...]
    default_language: str = "th"

    def title(self, language: str) -> str:
        return pick_label(self.titles, language, self.form_id)

    def nodes(self) -> Iterator[Node]:
        """Every question and section, in the order of the sheet."""
        return _walk(self.children)

    @property
    def questions(self) -> dict[str, Question]:
        return {n.name: n for n in self.nodes() if isinstance(n, Question)}

    @property
    def sections(self) -> dict[str, Section]:
        return {n.name: n for n in self.nodes() if isinstance(n, Section)}

    @property
    def needs_consent(self) -> bool:
        """A form with a personal question asks the respondent's consent first."""
        return any(q.personal for q in self.questions.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "form_id": self.form_id,
            "version": self.version,
            "titles": dict(self.titles),
            "default_language": self.default_language,
            "children": [_node_json(n) for n in self.children],
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Form:
        return cls(
            form_id=raw["form_id"],
            version=raw["version"],
            titles=dict(raw["titles"]),
            default_language=raw.get("default_language", "th"),
            children=tuple(_node_from(n) for n in raw["children"]),
        )


def _walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    for node in nodes:
        yield node
        if isinstance(node, Section):
            yield from _walk(node.children)


def _source(condition: Condition | None) -> str | None:
    return None if condition is None else condition.source


def _node_json(node: Node) -> dict[str, Any]:
    if isinstance(node, Section):
        return {
            "section": node.kind,
            "name": node.name,
            "path": node.path,
            "row": node.row,
            "labels": dict(node.labels),
            "relevant": _source(node.relevant),
            "repeat_count": _source(node.repeat_count),
            "children": [_node_json(c) for c in node.children],
        }
    return {
        "name": node.name,
        "kind": node.kind,
        "path": node.path,
        "row": node.row,
        "labels": dict(node.labels),
        "hints": dict(node.hints),
        "required": _source(node.required),
        "required_message": dict(node.required_message),
        "relevant": _source(node.relevant),
        "constraint": _source(node.constraint),
        "constraint_message": dict(node.constraint_message),
        "calculation": _source(node.calculation),
        "list_name": node.list_name,
        "choices": [{"name": c.name, "labels": dict(c.labels)} for c in node.choices],
        "personal": node.personal,
        "repeat": node.repeat,
    }


def _node_from(raw: Mapping[str, Any]) -> Node:
    if "section" in raw:
        return Section(
            kind=raw["section"],
            name=raw["name"],
            path=raw["path"],
            row=raw["row"],
            labels=dict(raw["labels"]),
            relevant=Condition.of(raw["relevant"]),
            repeat_count=Condition.of(raw["repeat_count"]),
            children=tuple(_node_from(c) for c in raw["children"]),
        )
    return Question(
        name=raw["name"],
        kind=raw["kind"],
        path=raw["path"],
        row=raw["row"],
        labels=dict(raw["labels"]),
        hints=dict(raw["hints"]),
        required=Condition.of(raw["required"]),
        required_message=dict(raw["required_message"]),
        relevant=Condition.of(raw["relevant"]),
        constraint=Condition.of(raw["constraint"]),
        constraint_message=dict(raw["constraint_message"]),
        calculation=Condition.of(raw["calculation"]),
        list_name=raw["list_name"],
        choices=tuple(Choice(c["name"], dict(c["labels"])) for c in raw["choices"]),
        personal=bool(raw["personal"]),
        repeat=raw["repeat"],
    )
