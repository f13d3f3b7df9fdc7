"""The `asabot` command: a Flask CLI group over the app factory."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from bot import create_app
from bot.admin.cli import users as users_group
from bot.broadcasts.cli import broadcast as broadcast_group
from bot.chat.cli import chat as chat_group
from bot.complaints.cli import complaints as complaints_group
from bot.content.cli import content as content_group
from bot.core import migrate
from bot.richmenu.cli import richmenu as richmenu_group
from bot.surveys.cli import surveys as surveys_group
from intents.cli import intents as intents_group
from linesim.cli import linesim_command


def _cli_app() -> Flask:
    # Commands such as `db upgrade` need no LINE channel, and none reads chat text.
    return create_app({"LINE_CREDENTIALS_REQUIRED": False, "NLU": None})


@click.group(cls=FlaskGroup, create_app=_cli_app, add_default_commands=False)
def cli() -> None:
    """AsaBot (อาสาบอท): the labour volunteers' LINE bot."""


@cli.group()
def db() -> None:
    """Database schema (Alembic migrations)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the database to the newest schema."""
    config = current_app.config
    migrate.upgrade(config["DATABASE_URL"], revision, phone_key=config["COMPLAINT_PHONE_KEY"])
    click.echo(
        f"database at {', '.join(migrate.current_heads(current_app.config['DATABASE_URL']))}"
    )


@db.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database back to REVISION."""
    config = current_app.config
    migrate.downgrade(config["DATABASE_URL"], revision, phone_key=config["COMPLAINT_PHONE_KEY"])


@cli.command("demo", with_appcontext=False)
@click.option(
    "--bot-port",
    default=8000,
    envvar="DEMO_BOT_PORT",
    show_envvar=True,
    show_default=True,
    help="Port of the bot (webhook and staff console).",
)
@click.option(
    "--sim-port",
    default=8080,
    envvar="DEMO_SIM_PORT",
    show_envvar=True,
    show_default=True,
    help="Port of the LINE emulator and its chat page.",
)
def demo_command(bot_port: int, sim_port: int) -> None:
    """Start the bot and the LINE emulator with its chat page, on SQLite, no Redis."""
    from bot.demo import run_demo

    run_demo(bot_port=bot_port, sim_port=sim_port)


@cli.command("clock", with_appcontext=False)
def clock_command() -> None:
    """Run the timed jobs (bot/cron.py) in this process: for a deployment without Redis."""
    import threading

    from bot.clock import Clock

    app = create_app({"NLU": None})  # the jobs push to LINE: the channel's credentials are needed
    stop = threading.Event()
    click.echo("clock: running bot/cron.py's jobs; stop with Ctrl-C")
    try:
        Clock(context=app.app_context).run_forever(stop)
    except KeyboardInterrupt:
        stop.set()


cli.add_command(linesim_command, "linesim")
cli.add_command(intents_group, "intents")
cli.add_command(content_group, "content")
cli.add_command(complaints_group, "complaints")
cli.add_command(broadcast_group, "broadcast")
cli.add_command(chat_group, "chat")
cli.add_command(users_group, "users")
cli.add_command(richmenu_group, "richmenu")
cli.add_command(surveys_group, "surveys")
