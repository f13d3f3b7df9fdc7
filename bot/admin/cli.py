"""`asabot users ...`: staff accounts of the web console."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from bot.admin.models import StaffRole, StaffUser
from bot.admin.places import province_name
from bot.admin.security import PasswordTooWeak, hash_password, revoke_sessions
from bot.broadcasts.audience import UnknownPlace, province_code
from bot.core.db import get_session


@click.group("users")
def users() -> None:
    """Staff accounts of the web console (/admin)."""


@users.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in StaffRole]))
@click.option(
    "--province",
    "provinces",
    multiple=True,
    help="An officer's province (Thai or English name, or code); repeat for more.",
)
@click.option("--name", "display_name", help="The name shown in the console.")
@click.password_option(help="At least 10 characters; asked when not given.")
@with_appcontext
def create_command(
    username: str, role: str, provinces: tuple[str, ...], display_name: str | None, password: str
) -> None:
    """Create a staff account."""
    username = username.strip().lower()
    staff_role = StaffRole(role)
    try:
        codes = list(dict.fromkeys(province_code(p) for p in provinces))
    except UnknownPlace as error:
        raise click.BadParameter(str(error), param_hint="--province") from error
    if staff_role is StaffRole.OFFICER and not codes:
        raise click.UsageError("an officer needs at least one --province")
    if staff_role is not StaffRole.OFFICER and codes:
        raise click.UsageError(f"--province is only for officers; {role} sees every province")
    try:
        password_hash = hash_password(password)
    except PasswordTooWeak as error:
        raise click.BadParameter(str(error), param_hint="--password") from error
    session = get_session()
    if session.scalar(select(StaffUser).where(StaffUser.username == username)) is not None:
        raise click.ClickException(f"user {username!r} already exists")
    session.add(
        StaffUser(
            username=username,
            display_name=display_name or username,
            password_hash=password_hash,
            role=staff_role,
            provinces=codes,
            active=True,
        )
    )
    session.commit()
    where = f" ({', '.join(province_name(c) for c in codes)})" if codes else ""
    click.echo(f"created {role} {username}{where}")


@users.command("list")
@with_appcontext
def list_command() -> None:
    """List staff accounts."""
    for staff in get_session().scalars(select(StaffUser).order_by(StaffUser.username)):
        state = "" if staff.active else " (disabled)"
        click.echo(f"{staff.username}\t{staff.role.value}\t{','.join(staff.provinces)}{state}")


@users.command("disable")
@click.argument("username")
@with_appcontext
def disable_command(username: str) -> None:
    """Disable an account: its sessions end at their next request."""
    session = get_session()
    staff = _staff(username)
    staff.active = False
    revoke_sessions(staff)
    session.commit()
    click.echo(f"disabled {staff.username}")


@users.command("set-password")
@click.argument("username")
@click.password_option(help="At least 10 characters; asked when not given.")
@with_appcontext
def set_password_command(username: str, password: str) -> None:
    """Give an account a new password; every session it has ends."""
    try:
        password_hash = hash_password(password)
    except PasswordTooWeak as error:
        raise click.BadParameter(str(error), param_hint="--password") from error
    staff = _staff(username)
    staff.password_hash = password_hash
    revoke_sessions(staff)
    get_session().commit()
    click.echo(f"new password for {staff.username}; its sessions have ended")


def _staff(username: str) -> StaffUser:
    staff = get_session().scalar(
        select(StaffUser).where(StaffUser.username == username.strip().lower())
    )
    if staff is None:
        raise click.ClickException(f"no user {username!r}")
    return staff
