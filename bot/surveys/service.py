"""Survey service functions: the chat, the console and the CLI read and change surveys here.

Loading a folder is idempotent: a form whose definition did not change is left alone, a changed
one becomes a new version (answers already given keep the version they were given on), a form
whose file is gone is retired. Nothing loads when any form has an error.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.surveys.form import Form
from bot.surveys.models import OPEN_STATUSES, ResponseStatus, SurveyForm, SurveyResponse
from bot.surveys.problems import FormErrors, Problem
from bot.surveys.xlsform import ReadForm, form_files, read_form
from bot.volunteers.models import Role, Volunteer

SURVEY_ROLES = (Role.VOLUNTEER, Role.GRADUATE)


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)  # "returnee 2025.1"
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"loaded {a}" for a in self.added]
        out += [f"unchanged {u}" for u in self.unchanged]
        out += [f"retired {r}" for r in self.retired]
        counts = (len(self.added), len(self.unchanged), len(self.retired))
        out.append("{} loaded, {} unchanged, {} retired".format(*counts))
        return out


def read_folder(folder: Path) -> list[ReadForm]:
    """Every form file of the folder, read and checked; also finds two files of one form_id."""
    read = [read_form(path) for path in form_files(folder)]
    owners: dict[str, str] = {}
    for item in read:
        if item.form is None:
            continue
        other = owners.setdefault(item.form.form_id, item.file)
        if other != item.file:
            item.problems.append(
                Problem(item.file, f"form_id `{item.form.form_id}` is also the form_id of {other}")
            )
            item.form = None
    return read


def load_forms(session: Session, folder: Path, now: datetime) -> LoadReport:
    """Load the folder's forms; FormErrors (and nothing written) when any has an error."""
    read = read_folder(folder)
    problems = [p for item in read for p in item.errors]
    problems += _version_clashes(session, read)
    if problems:
        raise FormErrors(problems)
    report = LoadReport(warnings=[p for item in read for p in item.problems if not p.error])
    present: set[str] = set()
    for item in read:
        assert item.form is not None
        present.add(item.form.form_id)
        _load_one(session, item, item.form, now, report)
    for form_id in session.scalars(
        select(SurveyForm.form_id).where(SurveyForm.active.is_(True)).distinct()
    ):
        if form_id not in present:
            session.execute(
                update(SurveyForm).where(SurveyForm.form_id == form_id).values(active=False)
            )
            report.retired.append(form_id)
    session.flush()
    return report


def _version_clashes(session: Session, read: list[ReadForm]) -> list[Problem]:
    """A changed form must say so in its version (settings sheet), as ODK servers require."""
    clashes: list[Problem] = []
    for item in read:
        if item.form is None:
            continue
        stored = session.scalar(
            select(SurveyForm).where(
                SurveyForm.form_id == item.form.form_id, SurveyForm.version == item.form.version
            )
        )
        if stored is not None and stored.digest != item.digest:
            clashes.append(
                Problem(
                    item.file,
                    f"the form changed but its version `{item.form.version}` did not: "
                    "raise `version` so answers already given keep theirs",
                    sheet="settings",
                )
            )
    return clashes


def _load_one(
    session: Session, item: ReadForm, form: Form, now: datetime, report: LoadReport
) -> None:
    label = f"{form.form_id} {form.version}"
    stored = session.scalar(
        select(SurveyForm).where(
            SurveyForm.form_id == form.form_id, SurveyForm.version == form.version
        )
    )
    if stored is None:
        stored = SurveyForm(
            form_id=form.form_id,
            version=form.version,
            title=form.title("th")[:300],
            digest=item.digest,
            definition=form.to_json(),
            source_name=item.file,
            source=item.source,
            active=True,
            loaded_at=now,
        )
        session.add(stored)
        session.flush()
        report.added.append(label)
    elif stored.active and _newest_active(session, form.form_id) == stored.id:
        report.unchanged.append(label)
        return
    else:
        report.added.append(label)  # an older version made current again
    session.execute(
        update(SurveyForm)
        .where(SurveyForm.form_id == form.form_id)
        .values(active=(SurveyForm.id == stored.id))
    )


def _newest_active(session: Session, form_id: str) -> int | None:
    return session.scalar(
        select(func.max(SurveyForm.id)).where(
            SurveyForm.form_id == form_id, SurveyForm.active.is_(True)
        )
    )


def active_forms(session: Session) -> list[SurveyForm]:
    """The forms volunteers may take now, by title."""
    return list(
        session.scalars(
            select(SurveyForm).where(SurveyForm.active.is_(True)).order_by(SurveyForm.title)
        )
    )


def current_form(session: Session, form_id: str) -> SurveyForm | None:
    return session.scalar(
        select(SurveyForm).where(SurveyForm.form_id == form_id, SurveyForm.active.is_(True))
    )


def surveyor(session: Session, user_id: str) -> Volunteer | None:
    """The registered volunteer or graduate `user_id` is; None for anyone else."""
    found = session.get(Volunteer, user_id)
    if found is None or not found.is_registered or found.role not in SURVEY_ROLES:
        return None
    return found


def open_response(session: Session, user_id: str) -> SurveyResponse | None:
    """The volunteer's interview in progress (active or paused), if any.

    Locked for the rest of the transaction (on PostgreSQL): two taps handled at once by two
    workers answer one after the other instead of one overwriting the other's answer.
    """
    return session.scalar(
        select(SurveyResponse)
        .where(SurveyResponse.user_id == user_id, SurveyResponse.status.in_(OPEN_STATUSES))
        .with_for_update()
    )


def start_response(
    session: Session, form: SurveyForm, volunteer: Volunteer, language: str, now: datetime
) -> SurveyResponse:
    """A new interview (a new respondent) on the form's current version."""
    response = SurveyResponse(
        uuid=str(uuid.uuid4()),
        form_pk=form.id,
        form_id=form.form_id,
        user_id=volunteer.user_id,
        status=ResponseStatus.ACTIVE,
        language=language,
        province_code=volunteer.province_code,
        district_code=volunteer.district_code,
        answers={},
        cursor={},
        started_at=now,
        updated_at=now,
    )
    session.add(response)
    session.flush()
    return response


def submitted_count(session: Session, user_id: str, form_id: str) -> int:
    """How many interviews of this form the volunteer has submitted (every version)."""
    return (
        session.scalar(
            select(func.count()).where(
                SurveyResponse.user_id == user_id,
                SurveyResponse.form_id == form_id,
                SurveyResponse.status == ResponseStatus.SUBMITTED,
            )
        )
        or 0
    )
