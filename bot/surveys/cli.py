"""`asabot surveys check | load | list | export`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from bot.core.db import get_session
from bot.core.orm import utcnow
from bot.surveys.export import export_bytes
from bot.surveys.models import ResponseStatus, SurveyForm, SurveyResponse
from bot.surveys.problems import FormErrors
from bot.surveys.service import load_forms, read_folder

_DIR_HELP = "Folder of XLSForm files (default: the app's SURVEYS_DIR)."


def _folder(option: str | None) -> Path:
    return Path(option or current_app.config["SURVEYS_DIR"])


@click.group("surveys")
def surveys() -> None:
    """Field surveys (XLSForm): check, load, list, export."""


@surveys.command("check")
@click.option("--dir", "folder", type=click.Path(file_okay=False), help=_DIR_HELP)
@with_appcontext
def check_command(folder: str | None) -> None:
    """Validate every form of the folder; exit 1 on any error (warnings do not fail)."""
    path = _folder(folder)
    read = read_folder(path)
    errors = 0
    for item in read:
        for problem in item.problems:
            click.echo(str(problem), err=True)
        errors += len(item.errors)
        if item.form is not None:
            questions = sum(1 for q in item.form.questions.values() if q.asked)
            click.echo(f"ok {item.form.form_id} {item.form.version}: {questions} questions")
    if not read:
        raise click.ClickException(f"no XLSForm files (.xlsx, .xls, .csv) in {path}")
    if errors:
        raise click.ClickException(f"{errors} error(s) in {path}")


@surveys.command("load")
@click.option("--dir", "folder", type=click.Path(file_okay=False), help=_DIR_HELP)
@with_appcontext
def load_command(folder: str | None) -> None:
    """Load the folder's forms: a changed form becomes a new version; print what changed."""
    session = get_session()
    try:
        report = load_forms(session, _folder(folder), utcnow())
    except FormErrors as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"nothing loaded: {len(error.problems)} error(s)") from error
    session.commit()
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    for line in report.lines():
        click.echo(line)


@surveys.command("list")
@with_appcontext
def list_command() -> None:
    """One form a line: form id, current version, submitted interviews, title."""
    session = get_session()
    counts = dict(
        session.execute(
            select(SurveyResponse.form_id, func.count())
            .where(SurveyResponse.status == ResponseStatus.SUBMITTED)
            .group_by(SurveyResponse.form_id)
        ).all()
    )
    forms = session.scalars(
        select(SurveyForm).where(SurveyForm.active.is_(True)).order_by(SurveyForm.form_id)
    )
    for form in forms:
        click.echo(f"{form.form_id}\t{form.version}\t{counts.get(form.form_id, 0)}\t{form.title}")


@surveys.command("export")
@click.argument("form_id")
@click.option(
    "--format", "kind", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of standard output.",
)
@click.option("--repeat", help="CSV only: the rows of this repeat instead of the interviews.")
@with_appcontext
def export_command(form_id: str, kind: str, output: str | None, repeat: str | None) -> None:
    """Submitted interviews of FORM_ID (every version), KoboToolbox-style columns."""
    session = get_session()
    if session.scalar(select(SurveyForm.id).where(SurveyForm.form_id == form_id)) is None:
        raise click.ClickException(f"no survey {form_id!r}: see `asabot surveys list`")
    if repeat and kind != "csv":
        raise click.ClickException("--repeat is for CSV; the XLSX has a sheet per repeat")
    try:
        data, rows = export_bytes(session, form_id, kind, repeat=repeat)
    except LookupError as error:
        raise click.ClickException(str(error)) from error
    if output:
        Path(output).write_bytes(data)
        click.echo(f"{rows} interview(s) written to {output}", err=True)
    else:
        sys.stdout.buffer.write(data) if kind == "xlsx" else click.echo(data.decode(), nl=False)
