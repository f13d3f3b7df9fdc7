"""The three shipped forms: they check clean, in Thai and Malay, each .xlsx equal to its text in
surveys/source/, and together they use every question type the chat supports."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.surveys.form import ASKED_KINDS, Form
from bot.surveys.xlsform import form_files, read_form
from tests.surveys.conftest import SHIPPED

FORMS = ("labour_demand", "returnee", "volunteer_report")


def _read(name: str) -> Form:
    read = read_form(SHIPPED / f"{name}.xlsx")
    assert read.problems == [], [str(p) for p in read.problems]
    assert read.form is not None
    return read.form


def test_the_folder_holds_exactly_the_three_forms() -> None:
    assert [p.stem for p in form_files(SHIPPED)] == list(FORMS)


@pytest.mark.parametrize("name", FORMS)
def test_each_form_checks_clean_and_every_question_and_choice_is_in_thai_and_malay(
    name: str,
) -> None:
    form = _read(name)
    assert form.form_id == name and form.title("th") != form.title("ms")
    for question in form.questions.values():
        if question.kind in ASKED_KINDS or question.kind == "note":
            assert question.labels.get("th") and question.labels.get("ms"), question.name
        for choice in question.choices:
            assert choice.labels.get("th") and choice.labels.get("ms"), (question.name, choice)
        for message in (question.constraint_message, question.required_message):
            assert bool(message.get("th")) == bool(message.get("ms")), question.name


@pytest.mark.parametrize("name", FORMS)
def test_each_workbook_is_what_its_markdown_source_says(name: str) -> None:
    from_text = read_form(SHIPPED / "source" / f"{name}.md")
    assert from_text.form is not None
    assert read_form(SHIPPED / f"{name}.xlsx").digest == from_text.digest


def test_together_the_forms_use_every_supported_type_a_repeat_and_a_consent() -> None:
    forms = [_read(name) for name in FORMS]
    kinds = {q.kind for form in forms for q in form.questions.values()}
    assert ASKED_KINDS | {"note", "calculate"} <= kinds
    assert any(s.kind == "repeat" for form in forms for s in form.sections.values())
    consent = {form.form_id: form.needs_consent for form in forms}
    assert consent == {"labour_demand": True, "returnee": True, "volunteer_report": False}


def test_the_readme_cites_the_sources_the_returnee_topics_come_from() -> None:
    readme = (Path(SHIPPED) / "README.md").read_text(encoding="utf-8")
    for source in (
        "KNOMAD–ILO Migration Costs Surveys",
        "microdata.worldbank.org/catalog/2944",
        "SDG indicator 10.7.1",
        "Risks and rewards: Outcomes of labour migration in South-East Asia",
        "Developing and running an establishment skills survey",
    ):
        assert source in readme
