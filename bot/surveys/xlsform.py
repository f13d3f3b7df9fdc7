"""Reading an XLSForm file with pyxform into a `Form`, refusing what the chat cannot run.

pyxform reads the workbook (`.xlsx`, `.xls`, `.csv`) and checks it is a valid XLSForm; this
module then maps pyxform's JSON onto `Form`, keeps the sheet row of every question so a problem
can be pointed at, and refuses columns, types and expressions outside what the chat supports
(`bot.surveys.checks` checks the expressions against the questions).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import DefinitionData, get_xlsform

from bot.surveys.expressions import ExpressionError
from bot.surveys.form import Choice, Condition, Form, Node, Question, Section
from bot.surveys.problems import Problem, from_pyxform

FORM_SUFFIXES = (".xlsx", ".xls", ".csv")
FORM_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")

# Survey-sheet columns the chat reads; the first four may carry a language (`label::ms`).
TRANSLATED_COLUMNS = frozenset({"label", "hint", "required_message", "constraint_message"})
SURVEY_COLUMNS = TRANSLATED_COLUMNS | {
    "type",
    "name",
    "required",
    "relevant",
    "constraint",
    "calculation",
    "repeat_count",
    "personal",  # AsaBot's own column: yes = asked only after the respondent's consent
}
# Columns that change nothing a chat could show: read past, with a warning.
IGNORED_SURVEY_COLUMNS = {
    "appearance": "appearance is ignored: the chat shows one question at a time",
    "guidance_hint": "guidance_hint is ignored: only hint is shown",
    "parameters": "parameters are ignored (LINE decides a photo's size)",
}
CHOICE_COLUMNS = frozenset({"list_name", "name", "label"})
SETTINGS_COLUMNS = frozenset({"form_id", "form_title", "version", "default_language", "title_ms"})
IGNORED_SETTINGS_COLUMNS = frozenset({"style", "instance_name", "allow_choice_duplicates"})

# pyxform's type names -> the chat's kinds.
KINDS = {
    "text": "text",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "date": "date",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "geopoint": "geopoint",
    "photo": "image",
    "note": "note",
    "calculate": "calculate",
    "start": "start",
    "end": "end",
    "today": "today",
}
_YES = frozenset({"yes", "true", "true()", "1"})
_NO = frozenset({"", "no", "false", "false()", "0"})
_LANGUAGE_IN_PARENS = re.compile(r"\((\w+)\)\s*$")


@dataclass
class ReadForm:
    """A form file read: the form (None when it cannot load), its file bytes, what was found."""

    file: str
    form: Form | None
    source: bytes
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.error]

    @property
    def digest(self) -> str:
        """What identifies a version: the form as the chat runs it, not the file's bytes."""
        assert self.form is not None
        return form_digest(self.form)


def form_files(folder: Path) -> list[Path]:
    """The form files of a folder, by name (README.md and the like are not forms)."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FORM_SUFFIXES and p.is_file())


def read_form(path: Path) -> ReadForm:
    """Read and check one form file; `form` is None when any error was found."""
    from bot.surveys.checks import check_form  # checks needs the Form this module builds

    source = path.read_bytes()
    result = ReadForm(path.name, None, source)
    try:
        data = get_xlsform(str(path))
    except PyXFormError as error:
        result.problems.append(from_pyxform(path.name, str(error)))
        return result
    result.problems += _column_problems(path.name, data)
    try:
        warnings: list[str] = []
        raw = workbook_to_json(data, fallback_form_name=data.fallback_form_name, warnings=warnings)
        # pyxform's own checks of the whole form, as KoboToolbox would run them on upload.
        create_survey_element_from_dict(raw).to_xml(validate=False)
    except PyXFormError as error:
        result.problems.append(from_pyxform(path.name, str(error)))
        return result
    except (AttributeError, TypeError, ValueError) as error:  # pyxform failing on odd input
        if not result.errors:  # else it failed on what the errors above already name
            result.problems.append(Problem(path.name, f"pyxform could not build the form: {error}"))
        return result
    result.problems += [
        from_pyxform(path.name, w, error=False) for w in warnings if not _moot_warning(w)
    ]
    builder = _Builder(path.name, _survey_rows(data.survey or ()))
    form = builder.form(raw)
    result.problems += builder.problems
    if form is not None:
        result.problems += check_form(path.name, form)
    if not result.errors and form is not None:
        result.form = (
            form if form.version else replace(form, version=f"sha-{form_digest(form)[:10]}")
        )
    return result


def _moot_warning(text: str) -> bool:
    """pyxform's advice that changes nothing in chat (LINE itself shrinks photos)."""
    return "max-pixels" in text


def form_digest(form: Form) -> str:
    """The SHA-256 of the form as the chat runs it."""
    encoded = json.dumps(form.to_json(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _survey_rows(rows: Sequence[Mapping[str, str]]) -> dict[str, int]:
    """Each named row's number in the sheet (the header is row 1, blank rows count)."""
    found: dict[str, int] = {}
    for index, row in enumerate(rows):
        name = (row.get("name") or "").strip()
        if name and name not in found:
            found[name] = index + 2
    return found


def _base_column(header: str) -> tuple[str, str | None]:
    base, _, language = header.partition("::")
    return base.strip().lower(), (language.strip() or None)


def _column_problems(file: str, data: DefinitionData) -> list[Problem]:
    problems: list[Problem] = []
    sheets: tuple[tuple[str, Sequence[Mapping[str, Any]], frozenset[str], Mapping[str, str]], ...]
    sheets = (
        ("survey", data.survey or (), SURVEY_COLUMNS, IGNORED_SURVEY_COLUMNS),
        ("choices", data.choices or (), CHOICE_COLUMNS, {}),
        ("settings", data.settings or (), SETTINGS_COLUMNS, {}),
    )
    for sheet, rows, supported, ignored in sheets:
        seen: set[str] = set()
        for index, row in enumerate(rows):
            for header, value in row.items():
                base, language = _base_column(header)
                if base in seen or not str(value or "").strip():
                    continue
                translatable = base in TRANSLATED_COLUMNS or (sheet, base) == ("choices", "label")
                if base in supported and (language is None or translatable):
                    continue
                seen.add(base)
                problems.append(_column_problem(file, sheet, index + 2, base, ignored))
    return problems


def _column_problem(
    file: str, sheet: str, row: int, base: str, ignored: Mapping[str, str]
) -> Problem:
    if base in ignored:
        return Problem(file, ignored[base], sheet=sheet, row=row, error=False)
    if sheet == "choices":
        return Problem(file, f"column `{base}` is ignored", sheet=sheet, row=row, error=False)
    if sheet == "settings" and base == "form_title":
        reason = "XLSForm titles have no languages: write the Malay title in `title_ms`"
        return Problem(file, reason, sheet=sheet, row=row)
    if sheet == "settings" and base in IGNORED_SETTINGS_COLUMNS:
        return Problem(file, f"setting `{base}` is ignored", sheet=sheet, row=row, error=False)
    return Problem(file, f"column `{base}` is not supported in chat", sheet=sheet, row=row)


def _labels(value: Any) -> dict[str, str]:
    """pyxform gives a string (no language) or {language: text}; languages become codes."""
    if not value:
        return {}
    if isinstance(value, str):
        return {"default": value}
    labels: dict[str, str] = {}
    for language, text in value.items():
        code = _LANGUAGE_IN_PARENS.search(language)  # KoboToolbox writes "Thai (th)"
        labels[(code.group(1) if code else language).lower()] = str(text)
    return labels


class _Builder:
    """pyxform's JSON -> Form, collecting a problem for whatever the chat cannot run."""

    def __init__(self, file: str, rows: Mapping[str, int]) -> None:
        self.file = file
        self.rows = rows
        self.problems: list[Problem] = []

    def _problem(self, row: int | None, reason: str) -> None:
        self.problems.append(Problem(self.file, reason, sheet="survey", row=row))

    def form(self, raw: Mapping[str, Any]) -> Form | None:
        form_id = str(raw.get("id_string") or "")
        if not FORM_ID.match(form_id):
            self.problems.append(
                Problem(
                    self.file,
                    f"form_id `{form_id}` must be 2-40 of a-z, 0-9, _ starting with a letter",
                    sheet="settings",
                )
            )
        titles = _labels(raw.get("title")) or {"default": form_id}
        if raw.get("title_ms"):  # AsaBot's own setting: XLSForm titles have no languages
            titles["ms"] = str(raw["title_ms"])
        language = str(raw.get("default_language") or "default")
        children = self._nodes(raw.get("children") or (), (), None)
        if any(p.error for p in self.problems):
            return None
        return Form(
            form_id=form_id,
            version=str(raw.get("version") or ""),
            titles=titles,
            children=children,
            default_language="th" if language == "default" else language,
        )

    def _nodes(
        self, children: Sequence[Mapping[str, Any]], groups: tuple[str, ...], repeat: str | None
    ) -> tuple[Node, ...]:
        nodes: list[Node] = []
        for child in children:
            if child.get("name") == "meta" and (child.get("control") or {}).get("bodyless"):
                continue  # pyxform's own instanceID; every response gets a uuid anyway
            node = self._node(child, groups, repeat)
            if node is not None:
                nodes.append(node)
        return tuple(nodes)

    def _node(
        self, child: Mapping[str, Any], groups: tuple[str, ...], repeat: str | None
    ) -> Node | None:
        name = str(child.get("name", ""))
        # or_other adds a `<name>_other` question of its own: point at the row that asked it.
        row = self.rows.get(name) or self.rows.get(name.removesuffix("_other"))
        kind = str(child.get("type", ""))
        bind = child.get("bind") or {}
        path = "/".join((*groups, name))
        if kind in ("group", "repeat"):
            if kind == "repeat" and repeat is not None:
                self._problem(row, f"repeat `{name}` is inside repeat `{repeat}`: not supported")
                return None
            inner = name if kind == "repeat" else repeat
            count = (child.get("control") or {}).get("jr:count")
            return Section(
                kind=kind,
                name=name,
                path=path,
                row=row or 0,
                labels=_labels(child.get("label")),
                relevant=self._condition(bind.get("relevant"), row, "relevant"),
                repeat_count=self._condition(count, row, "repeat_count"),
                children=self._nodes(child.get("children") or (), (*groups, name), inner),
            )
        if kind not in KINDS:
            self._problem(row, f"type `{kind}` is not supported in chat")
            return None
        if child.get("itemset") and not child.get("choices"):
            self._problem(
                row,
                "choices from a file (select_one_from_file) are not supported: "
                "put them on the choices sheet",
            )
            return None
        return Question(
            name=name,
            kind=KINDS[kind],
            path=path,
            row=row or 0,
            labels=_labels(child.get("label")),
            hints=_labels(child.get("hint")),
            required=self._required(bind.get("required"), row),
            required_message=_labels(bind.get("jr:requiredMsg")),
            relevant=self._condition(bind.get("relevant"), row, "relevant"),
            constraint=self._condition(bind.get("constraint"), row, "constraint"),
            constraint_message=_labels(bind.get("jr:constraintMsg")),
            calculation=self._condition(bind.get("calculate"), row, "calculation"),
            list_name=str(child.get("list_name") or ""),
            choices=tuple(
                Choice(str(c["name"]), _labels(c.get("label"))) for c in child.get("choices") or ()
            ),
            personal=str(child.get("personal", "")).strip().lower() in _YES,
            repeat=repeat,
        )

    def _required(self, value: Any, row: int | None) -> Condition | None:
        text = str(value or "").strip()
        if text.lower() in _NO:
            return None
        if text.lower() in _YES:
            return Condition.of("true()")
        return self._condition(text, row, "required")

    def _condition(self, source: Any, row: int | None, column: str) -> Condition | None:
        text = str(source or "").strip()
        try:
            return Condition.of(text)
        except ExpressionError as error:
            hint = ""
            if "../" in text:  # what pyxform writes for or_other
                hint = " (or_other is not supported: add an `other` choice and a text question)"
            elif text.startswith("/"):
                hint = " (paths are not supported: write ${name})"
            self._problem(row, f"{column} `{text}`: {error.reason}{hint}")
            return None
