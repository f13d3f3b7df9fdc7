"""Reading XLSForm files with pyxform: what loads, and everything else refused at load time with
the sheet, the row and the reason (never while someone is answering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.surveys.form import Form
from bot.surveys.xlsform import read_form
from tests.surveys.forms import KITCHEN, changed, write_form


def test_the_kitchen_form_loads_with_every_question_type_its_rows_and_both_languages(
    tmp_path: Path,
) -> None:
    read = read_form(write_form(tmp_path, "kitchen", KITCHEN))

    assert read.errors == []
    form = read.form
    assert form is not None
    kinds = {q.name: (q.kind, q.row) for q in form.questions.values()}
    assert kinds["age"] == ("integer", 5)
    assert kinds["member_name"] == ("text", 14)
    assert {k for k, _ in kinds.values()} == {
        "note",
        "start",
        "text",
        "integer",
        "decimal",
        "date",
        "select_one",
        "select_multiple",
        "calculate",
        "geopoint",
        "image",
    }
    age = form.questions["age"]
    assert dict(age.labels) == {"th": "อายุ", "ms": "Umur"}
    assert age.constraint is not None and age.constraint.source == ". >= 15 and . <= 90"
    assert dict(age.constraint_message) == {"th": "อายุต้องอยู่ระหว่าง 15-90", "ms": "Umur mesti 15-90"}
    assert form.questions["member_age"].repeat == "member"
    assert form.questions["country"].path == "country"
    assert form.needs_consent  # `name` is marked personal
    assert (form.form_id, form.version, form.title("ms")) == ("kitchen", "1", "Ujian semua")
    assert Form.from_json(form.to_json()) == form  # what the database keeps runs the same


@pytest.mark.parametrize(
    ("old", "new", "sheet", "row", "reason"),
    [
        (
            ". >= 15 and . <= 90 ",
            "pulldata('a','b') > 1",
            "survey",
            5,
            "constraint `pulldata('a','b') > 1`: the function `pulldata()` is not supported",
        ),
        (
            "${country} = 'other'",
            "/data/country = 'other'",
            "survey",
            9,
            "relevant `/data/country = 'other'`: `/` is not supported here",
        ),
        (
            "${country} = 'other'",
            ". = 'other'",
            "survey",
            9,
            "`.` means the answer being checked and is read only in a constraint",
        ),
        (
            "${country} = 'other'",
            "${member_name} = 'x'",
            "survey",
            9,
            "`${member_name}` is inside repeat `member` and can be read only by questions of that",
        ),
        (
            "${country} = 'other'",
            "${nation} = 'other'",
            "survey",
            9,
            "Could not find the name 'nation'",
        ),
        (
            "| date                   | returned",
            "| time                   | returned",
            "survey",
            7,
            "type `time` is not supported in chat",
        ),
        ("hint::ms |", "read_only |", "survey", 5, "column `read_only` is not supported in chat"),
        ("hint::ms |", "default |", "survey", 5, "column `default` is not supported in chat"),
        (
            "count-selected(${problems})",
            "${problem_count} + 1",
            "survey",
            11,
            "calculations read each other: problem_count -> problem_count",
        ),
        ("string-length(.) >= 2", "regex(., '[')", "survey", 4, "the regex pattern is invalid"),
        (
            "| ประเทศ                |",
            "|                       |",
            "survey",
            8,
            "`country` has no Thai label (label::th)",
        ),
        (
            "select_multiple problem |",
            "select_multiple problem or_other |",
            "survey",
            10,
            "or_other is not supported: add an `other` choice",
        ),
        (
            "| form_id | form_title | title_ms |",
            "| form_id | form_title | form_title::ms |",
            "settings",
            2,
            "write the Malay title in `title_ms`",
        ),
        (
            "select_one country     |",
            "select_one nolist     |",
            "survey",
            8,
            "List name not in choices sheet: nolist",
        ),
        (
            "| years         |",
            "| age           |",
            "survey",
            6,
            "the 'name' value 'age' is invalid",
        ),
        ("| kitchen |", "| Kitchen-1 |", "settings", None, "form_id `Kitchen-1` must be"),
    ],
)
def test_a_form_the_chat_cannot_run_is_refused_with_sheet_row_and_reason(
    tmp_path: Path, old: str, new: str, sheet: str, row: int | None, reason: str
) -> None:
    read = read_form(write_form(tmp_path, "broken", changed(KITCHEN, old, new)))

    assert read.form is None
    found = [p for p in read.errors if reason in p.reason]
    assert found, [str(p) for p in read.problems]
    assert (found[0].sheet, found[0].row) == (sheet, row)
    where = f"broken.xlsx, {sheet} sheet" + (f", row {row}" if row else "")
    assert str(found[0]).startswith(where)


def test_a_repeat_inside_a_repeat_is_refused_at_its_row(tmp_path: Path) -> None:
    nested = changed(
        KITCHEN,
        "|        | text                   | member_name ",
        "|        | begin_repeat | job | งาน | Kerja | | | | | | | | | |\n"
        "|        | text | job_name | ชื่องาน | Nama kerja | | | | | | | | | |\n"
        "|        | end_repeat | | | | | | | | | | | | |\n"
        "|        | text                   | member_name ",
    )
    read = read_form(write_form(tmp_path, "nested", nested))

    (problem,) = [p for p in read.errors if "inside repeat" in p.reason]
    assert (problem.row, problem.reason) == (
        14,
        "repeat `job` is inside repeat `member`: not supported",
    )


def test_columns_that_change_nothing_in_chat_are_warnings_and_the_form_still_loads(
    tmp_path: Path,
) -> None:
    read = read_form(write_form(tmp_path, "look", changed(KITCHEN, "hint::ms |", "appearance |")))

    assert read.form is not None
    (warning,) = [p for p in read.problems if "appearance" in p.reason]
    assert not warning.error and warning.row == 5
    assert str(warning) == (
        "look.xlsx, survey sheet, row 5: warning: appearance is ignored: "
        "the chat shows one question at a time"
    )


def test_a_form_without_a_version_gets_one_from_its_content(tmp_path: Path) -> None:
    unversioned = changed(
        changed(KITCHEN, "| title_ms | version |", "| title_ms |"),
        "| Ujian semua | 1 |",
        "| Ujian semua |",
    )
    first = read_form(write_form(tmp_path / "a", "kitchen", unversioned))
    again = read_form(write_form(tmp_path / "b", "kitchen", unversioned))
    other = read_form(
        write_form(tmp_path / "c", "kitchen", changed(unversioned, "อายุ ", "อายุเต็ม "))
    )

    assert first.form and again.form and other.form
    assert first.form.version.startswith("sha-") and first.form.version == again.form.version
    assert other.form.version != first.form.version
