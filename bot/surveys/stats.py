"""What the console shows of a survey: interviews by area, each select question's answers,
the places shared; always within the provinces the staff member may see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, false, func, select, true
from sqlalchemy.orm import Session

from bot.admin.models import StaffRole, StaffUser
from bot.surveys.form import Form, pick_label
from bot.surveys.models import OPEN_STATUSES, ResponseStatus, SurveyForm, SurveyResponse


def visible_provinces(staff: StaffUser) -> list[str] | None:
    """None: every province (admins); else the officer's own (empty: none)."""
    if staff.role is StaffRole.ADMIN:
        return None
    if staff.role is StaffRole.OFFICER:
        return list(staff.provinces)
    return []


def response_scope(provinces: Sequence[str] | None) -> ColumnElement[bool]:
    if provinces is None:
        return true()
    if not provinces:
        return false()
    return SurveyResponse.province_code.in_(list(provinces))


@dataclass
class ChoiceCount:
    label: str
    count: int


@dataclass
class SelectChart:
    question: str
    label: str
    answered: int
    choices: list[ChoiceCount]


@dataclass
class Place:
    question: str
    lat: float
    lon: float
    province_code: str | None
    district_code: str | None
    submitted_at: datetime | None


@dataclass
class Overview:
    submitted: int = 0
    in_progress: int = 0
    declined: int = 0
    by_area: list[tuple[str | None, str | None, int]] = field(default_factory=list)
    charts: list[SelectChart] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


def form_counts(session: Session, provinces: Sequence[str] | None) -> dict[str, dict[str, int]]:
    """Per form_id: submitted and in-progress interviews within `provinces`."""
    rows = session.execute(
        select(SurveyResponse.form_id, SurveyResponse.status, func.count())
        .where(response_scope(provinces))
        .group_by(SurveyResponse.form_id, SurveyResponse.status)
    ).all()
    counts: dict[str, dict[str, int]] = {}
    for form_id, status, count in rows:
        entry = counts.setdefault(form_id, {"submitted": 0, "open": 0})
        if status == ResponseStatus.SUBMITTED:
            entry["submitted"] += count
        elif status in OPEN_STATUSES:
            entry["open"] += count
    return counts


def overview(
    session: Session, form: SurveyForm, provinces: Sequence[str] | None, language: str = "th"
) -> Overview:
    """The survey page's numbers for every version of `form.form_id` within `provinces`."""
    scope = response_scope(provinces)
    result = Overview()
    statuses = dict(
        session.execute(
            select(SurveyResponse.status, func.count())
            .where(SurveyResponse.form_id == form.form_id, scope)
            .group_by(SurveyResponse.status)
        ).all()
    )
    result.submitted = statuses.get(ResponseStatus.SUBMITTED, 0)
    result.in_progress = sum(statuses.get(s, 0) for s in OPEN_STATUSES)
    result.declined = statuses.get(ResponseStatus.DECLINED, 0)
    submitted = (
        SurveyResponse.form_id == form.form_id,
        SurveyResponse.status == ResponseStatus.SUBMITTED,
    )
    result.by_area = [
        (province, district, count)
        for province, district, count in session.execute(
            select(SurveyResponse.province_code, SurveyResponse.district_code, func.count())
            .where(*submitted, scope)
            .group_by(SurveyResponse.province_code, SurveyResponse.district_code)
            .order_by(SurveyResponse.province_code, SurveyResponse.district_code)
        ).all()
    ]
    current = Form.from_json(form.definition)
    rows = session.execute(
        select(
            SurveyResponse.answers,
            SurveyResponse.province_code,
            SurveyResponse.district_code,
            SurveyResponse.submitted_at,
        )
        .where(*submitted, scope)
        .order_by(SurveyResponse.submitted_at.desc())
    ).all()
    result.charts = _charts(current, [r[0] for r in rows], language)
    result.places = _places(current, rows)
    return result


def _values(answers: dict[str, Any], name: str, repeat: str | None) -> list[Any]:
    if repeat is None:
        return [answers.get(name)]
    return [row.get(name) for row in answers.get(repeat) or []]


def _charts(form: Form, answers: list[dict[str, Any]], language: str) -> list[SelectChart]:
    charts = []
    for question in form.questions.values():
        if question.kind not in ("select_one", "select_multiple"):
            continue
        counts: Counter[str] = Counter()
        answered = 0
        for one in answers:
            for value in _values(one, question.name, question.repeat):
                if value is None:
                    continue
                answered += 1
                counts.update(value if isinstance(value, list) else [value])
        charts.append(
            SelectChart(
                question=question.name,
                label=pick_label(question.labels, language, question.name),
                answered=answered,
                choices=[
                    ChoiceCount(pick_label(c.labels, language, c.name), counts.get(c.name, 0))
                    for c in question.choices
                ],
            )
        )
    return charts


def _places(form: Form, rows: Sequence[Any]) -> list[Place]:
    found = []
    points = [q for q in form.questions.values() if q.kind == "geopoint"]
    for answers, province, district, submitted_at in rows:
        for question in points:
            for value in _values(answers, question.name, question.repeat):
                if isinstance(value, dict) and "lat" in value:
                    found.append(
                        Place(
                            question.name,
                            value["lat"],
                            value["lon"],
                            province,
                            district,
                            submitted_at,
                        )
                    )
    return found
