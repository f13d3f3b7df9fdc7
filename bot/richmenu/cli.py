"""`asabot richmenu ...`: draw the menu images and sync the menus with LINE."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from linebot.v3.messaging import ApiException

from bot.core.db import get_session
from bot.richmenu.definition import MENUS_FILE, MenuFileError, load_menus
from bot.richmenu.render import encode_image, render_menu
from bot.richmenu.service import menu_members
from bot.richmenu.sync import build_menus, sync_menus

MENUS_OPTION = click.option(
    "--menus",
    "menus_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=MENUS_FILE,
    show_default=True,
    help="The declarative menu file.",
)


@click.group("richmenu")
def richmenu() -> None:
    """The rich menu: the panel of big buttons under the chat."""


@richmenu.command("sync")
@MENUS_OPTION
@with_appcontext
def sync_command(menus_file: Path) -> None:
    """Create or replace the menus on LINE so they match the menu file (safe to run again)."""
    if not current_app.config.get("LINE_CHANNEL_ACCESS_TOKEN"):
        raise click.UsageError("LINE_CHANNEL_ACCESS_TOKEN is not set")
    try:
        built = build_menus(load_menus(menus_file))
    except MenuFileError as exc:
        raise click.ClickException(str(exc)) from exc
    session = get_session()
    try:
        report = sync_menus(
            current_app.extensions["asabot.line"],
            built,
            role_members=lambda spec: menu_members(session, spec, menus_file),
        )
    except ApiException as exc:
        raise click.ClickException(f"LINE refused: {exc.status} {exc.body}") from exc
    if not report.changed:
        click.echo(f"rich menus up to date: {', '.join(report.kept)}")
        return
    for name in report.created:
        click.echo(f"created {name}")
    for alias in report.aliases:
        click.echo(f"alias {alias} switched")
    if report.default:
        click.echo(f"default menu: {report.default}")
    if report.relinked_users:
        click.echo(f"linked {report.relinked_users} users to their role's or language's menu")
    for name in report.deleted:
        click.echo(f"deleted {name}")


@richmenu.command("render")
@MENUS_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("var/richmenu"),
    show_default=True,
)
def render_command(menus_file: Path, out_dir: Path) -> None:
    """Draw each menu's image into a folder, to look at before syncing."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for spec in load_menus(menus_file):
        data, content_type = encode_image(render_menu(spec))
        path = out_dir / f"richmenu-{spec.id}.{content_type.split('/')[1]}"
        path.write_bytes(data)
        click.echo(f"{path} ({spec.width}x{spec.height}, {len(data) // 1024} KB)")
