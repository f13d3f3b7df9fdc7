"""`asabot content check` and `asabot content load`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from bot.content.check import read_content
from bot.content.loader import ContentError, load_content
from bot.core.db import get_session
from intents.taxonomy import load_taxonomy

_DIR_HELP = "Content folder (default: the app's CONTENT_DIR)."


def _content_dir(option: str | None) -> Path:
    return Path(option or current_app.config["CONTENT_DIR"])


@click.group("content")
def content() -> None:
    """Articles and offices: validate them, load them into the database."""


@content.command("check")
@click.option("--dir", "content_dir", type=click.Path(file_okay=False), help=_DIR_HELP)
@with_appcontext
def check_command(content_dir: str | None) -> None:
    """Validate every content file; exit 1 on any problem."""
    folder = _content_dir(content_dir)
    content = read_content(folder, load_taxonomy().ids)
    for warning in content.warnings:
        click.echo(f"warning: {warning}", err=True)
    problems = content.problems
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {folder}")
    click.echo(f"content ok: {folder}")


@content.command("load")
@click.option("--dir", "content_dir", type=click.Path(file_okay=False), help=_DIR_HELP)
@with_appcontext
def load_command(content_dir: str | None) -> None:
    """Load the content into the database: add, update, retire; print what changed."""
    folder = _content_dir(content_dir)
    try:
        report = load_content(get_session(), folder)
    except ContentError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"nothing loaded: {len(error.problems)} problem(s)") from error
    for line in report.lines():
        click.echo(line)
