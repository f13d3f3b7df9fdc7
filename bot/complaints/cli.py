"""`asabot complaints ...`: export, status changes, missed status pushes and erasure."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from bot.agent_requests.service import forget_user
from bot.chat.flows.drafts import forget_chat
from bot.complaints.crypto import get_phone_cipher
from bot.complaints.erasure import erase_user
from bot.complaints.export import export_rows, write_csv, write_xlsx
from bot.complaints.jobs import erase_expired_complaints, notify_pending_statuses
from bot.complaints.lookup import find_by_reference
from bot.complaints.models import ComplaintStatus
from bot.complaints.status import change_status
from bot.core.db import get_session
from bot.core.thai_dates import start_of_day


@click.group("complaints")
def complaints() -> None:
    """Complaints filed in chat."""


@complaints.command("export")
@click.option("--since", "since", required=True, help="YYYY-MM-DD (a day in TIMEZONE)")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--with-contact", is_flag=True, help="Include decrypted phone numbers.")
@with_appcontext
def export_command(since: str, fmt: str, output: Path | None, with_contact: bool) -> None:
    """Complaints created since a date, for the Ombudsman's office."""
    try:
        start = start_of_day(datetime.strptime(since, "%Y-%m-%d").date())
    except ValueError as exc:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--since") from exc
    cipher = get_phone_cipher() if with_contact else None
    if with_contact and cipher is None:
        raise click.UsageError("--with-contact needs COMPLAINT_PHONE_KEY")
    rows = export_rows(get_session(), start, cipher)
    if fmt == "xlsx":
        if output is None:
            raise click.UsageError("xlsx needs --output FILE")
        count = write_xlsx(rows, output, with_contact)
    elif output is None:
        count = write_csv(rows, sys.stdout, with_contact)
    else:
        # The BOM lets Excel open Thai text correctly.
        with output.open("w", encoding="utf-8-sig", newline="") as stream:
            count = write_csv(rows, stream, with_contact)
    click.echo(f"{count} complaints exported", err=True)


@complaints.command("set-status")
@click.argument("reference")
@click.argument("status", type=click.Choice([s.value for s in ComplaintStatus]))
@click.option("--note", default=None, help="Shown to the reporter.")
@with_appcontext
def set_status_command(reference: str, status: str, note: str | None) -> None:
    """Change a complaint's status and tell the reporter in LINE."""
    session = get_session()
    complaint = find_by_reference(session, reference)
    if complaint is None:
        raise click.ClickException(f"no complaint {reference}")
    event = change_status(
        session,
        current_app.extensions["asabot.line"],
        complaint,
        ComplaintStatus(status),
        note=note,
        actor="cli",
    )
    told = "reporter told" if event.notified_at else "reporter NOT told"
    click.echo(f"{complaint.reference}: {status} ({told})")


@complaints.command("notify-pending")
@with_appcontext
def notify_pending_command() -> None:
    """Re-send status updates whose LINE push failed (LINE down, 5xx, timeout).

    Each case's newest update from the last 23 hours that its reporter never got is pushed again
    with the update's own retry key, so LINE never delivers one twice; blocked reporters are
    skipped. Nothing inside AsaBot runs this on a timer: cron (or the host's scheduler) does,
    for example every 15 minutes:

    \b
        */15 * * * *  asabot complaints notify-pending
    """
    done = notify_pending_statuses()
    click.echo(
        f"sent {done['sent']}, skipped (blocked) {done['skipped_blocked']}, "
        f"failed {done['failed']}"
    )
    if done["failed"]:
        # A non-zero exit lets cron mail someone while LINE is still refusing.
        raise click.exceptions.Exit(1)


@complaints.command("erase-user")
@click.argument("user_id")
@click.confirmation_option(prompt="Erase this reporter's personal data for good?")
@with_appcontext
def erase_user_command(user_id: str) -> None:
    """Erase a reporter's personal data (PDPA request); case numbers and statistics stay."""
    session = get_session()
    count = erase_user(session, user_id, Path(current_app.config["MEDIA_DIR"]))
    # Their requests to talk to staff say who asked, and from where.
    forget_user(session, user_id)
    # A draft in progress is personal data too.
    forget_chat(session, f"flow:user:{user_id}")
    session.commit()
    click.echo(f"{count} complaints erased")


@complaints.command("erase-expired")
@with_appcontext
def erase_expired_command() -> None:
    """Erase personal data of cases finished more than COMPLAINT_RETENTION_YEARS ago.

    The PDPA notice promises this; the Procfile's `clock` runs it daily (see bot/cron.py). It
    also deletes evidence files of drafts abandoned more than two days ago.
    """
    count = erase_expired_complaints()
    click.echo(f"{count} complaints erased")
