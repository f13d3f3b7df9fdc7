"""`asabot chat ...`: the outbox by hand, for hosts without the `clock` process."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from bot.chat.jobs import sweep_drafts, sweep_outbox


@click.group()
def chat() -> None:
    """Answers LINE has not accepted yet, and drafts past their time."""


@chat.command("resend-pending")
@with_appcontext
def resend_pending_command() -> None:
    """Send again the answers LINE has not accepted (a worker died after handling the event,
    LINE failed for a while), each with its own retry key so LINE delivers it once; give up
    those near LINE's 24 hours. The `clock` runs this every 5 minutes; without Redis, cron:

    \b
        */5 * * * *  asabot chat resend-pending
    """
    done = sweep_outbox()
    click.echo(
        f"sent {done['sent']}, refused for good {done['failed']}, still pending "
        f"{done['pending']}, given up {done['expired']}"
    )
    if done["pending"]:
        raise click.exceptions.Exit(1)  # LINE still failing: let cron tell someone


@chat.command("erase-expired-drafts")
@with_appcontext
def erase_expired_drafts_command() -> None:
    """Delete drafts past their flow's time (they hold stories and phone numbers)."""
    click.echo(f"{sweep_drafts()} drafts erased")
