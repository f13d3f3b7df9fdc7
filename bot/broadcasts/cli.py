"""`asabot broadcast ...`: create, send, status and cancel announcements from the shell."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from bot.broadcasts import (
    BroadcastError,
    cancel_broadcast,
    create_broadcast,
    send_broadcast,
    summary,
)
from bot.broadcasts.audience import UnknownPlace, district_code, province_code
from bot.broadcasts.service import malay_version
from bot.core.db import get_session
from bot.core.jobs import get_jobs
from bot.core.thai_dates import local_zone
from bot.volunteers.models import Role

FINAL = {"sent", "failed", "cancelled"}


def _app() -> Any:
    return current_app._get_current_object()  # type: ignore[attr-defined]


def _when(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO time: {value!r}", param_hint="--at") from exc
    if when.tzinfo is None:  # a bare time means the bot's own zone, as staff read clocks
        when = when.replace(tzinfo=local_zone())
    return when.astimezone(UTC)


@click.group("broadcast")
def broadcast() -> None:
    """Announcements to volunteers and the public."""


MESSAGE_OPTIONS = {"--text": "text", "--image": "image", "--flex": "flex"}


class _MessagesInOrder(click.Command):
    """Remembers the order --text, --image and --flex were given in: the messages' order.

    Click hands each repeated option over as its own list; the raw arguments still say how
    they interleave.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        order: list[str] = []
        tokens = iter(args)
        for token in tokens:
            if token == "--":
                break
            name, has_value, _ = token.partition("=")
            if name in MESSAGE_OPTIONS:
                order.append(MESSAGE_OPTIONS[name])
                if not has_value:
                    next(tokens, None)  # its value, which may itself look like an option
        ctx.meta["asabot.message_order"] = order
        return super().parse_args(ctx, args)


def _flex_message(path: str, alt_text: str | None) -> dict[str, Any]:
    """A Flex message from a file: a whole message, or a bubble/carousel (then --alt-text)."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError) as exc:
        raise click.BadParameter(f"{path}: {exc}", param_hint="--flex") from exc
    if not isinstance(data, dict):
        raise click.BadParameter(f"{path}: not a JSON object", param_hint="--flex")
    if data.get("type") == "flex":
        return data
    if data.get("type") in {"bubble", "carousel"}:
        if not alt_text:
            raise click.BadParameter(
                f"{path} holds a {data['type']}: give --alt-text, the words shown in the chat "
                "list and notifications",
                param_hint="--flex",
            )
        return {"type": "flex", "altText": alt_text, "contents": data}
    raise click.BadParameter(
        f"{path}: expected a flex message, bubble or carousel", param_hint="--flex"
    )


def _messages(
    texts: tuple[str, ...], images: tuple[str, ...], flexes: tuple[str, ...], alt_text: str | None
) -> list[dict[str, Any]]:
    given = {
        "text": iter([{"type": "text", "text": text} for text in texts]),
        "image": iter(
            # LINE shows the preview in the chat and the original when tapped; one URL serves
            # both (LINE scales it down for the preview).
            [{"type": "image", "originalContentUrl": u, "previewImageUrl": u} for u in images]
        ),
        "flex": iter([_flex_message(path, alt_text) for path in flexes]),
    }
    order = click.get_current_context().meta.get("asabot.message_order") or [
        *["text"] * len(texts),
        *["image"] * len(images),
        *["flex"] * len(flexes),
    ]
    return [next(given[kind]) for kind in order]


@broadcast.command("create", cls=_MessagesInOrder)
@click.option("--text", "texts", multiple=True, help="A text message.")
@click.option(
    "--text-ms",
    "texts_ms",
    multiple=True,
    help="The Malay form of a --text (in the same order), sent to Malay speakers instead.",
)
@click.option("--image", "images", multiple=True, help="An image message: its https:// URL.")
@click.option("--flex", "flexes", multiple=True, help="A Flex message: a JSON file.")
@click.option("--alt-text", default=None, help="Alt text for a --flex file holding a bubble.")
@click.option("--role", "roles", multiple=True, type=click.Choice([r.value for r in Role]))
@click.option("--province", "provinces", multiple=True, help="Thai or English name, or code.")
@click.option("--district", "districts", multiple=True, help="Thai or English name, or code.")
@click.option("--at", "at", default=None, help="ISO time to send at (default zone: TIMEZONE).")
@click.option("--urgent", is_flag=True, help="Send even in quiet hours.")
@with_appcontext
def create_command(
    texts: tuple[str, ...],
    texts_ms: tuple[str, ...],
    images: tuple[str, ...],
    flexes: tuple[str, ...],
    alt_text: str | None,
    roles: tuple[str, ...],
    provinces: tuple[str, ...],
    districts: tuple[str, ...],
    at: str | None,
    urgent: bool,
) -> None:
    """Create a broadcast of 1-5 messages (in the order given) and print its id.

    With --at it is scheduled too.
    """
    session = get_session()
    try:
        messages = _messages(texts, images, flexes, alt_text)
        item = create_broadcast(
            session,
            messages,
            messages_ms=malay_version(messages, texts_ms),
            roles=roles,
            provinces=[province_code(p) for p in provinces],
            districts=[district_code(d) for d in districts],
            urgent=urgent,
            created_by="cli",
        )
        session.commit()
        if at is not None:
            send_broadcast(_app(), session, item.id, _when(at))
    except (BroadcastError, UnknownPlace) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(item.id)


@broadcast.command("send")
@click.argument("broadcast_id", type=int)
@click.option("--wait", is_flag=True, help="Return when sending has finished.")
@click.option("--timeout", default=3600.0, show_default=True, help="Seconds --wait waits.")
@with_appcontext
def send_command(broadcast_id: int, wait: bool, timeout: float) -> None:
    """Send a broadcast now (quiet hours hold it unless urgent)."""
    app = _app()
    session = get_session()
    try:
        due = send_broadcast(app, session, broadcast_id)
    except BroadcastError as exc:
        raise click.ClickException(str(exc)) from exc
    if due is not None:
        click.echo(f"broadcast {broadcast_id} held for quiet hours until {due.isoformat()}")
        return
    # Jobs run in this process's threads (no Redis) must not be left behind.
    if wait or get_jobs(app).runs_in_process:
        state = _wait(broadcast_id, timeout)
        click.echo(json.dumps(state, ensure_ascii=False))
        if state["status"] not in FINAL:
            raise click.ClickException(f"still {state['status']} after {timeout:g} s")
    else:
        click.echo(f"broadcast {broadcast_id} queued")


@broadcast.command("status")
@click.argument("broadcast_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def status_command(broadcast_id: int, as_json: bool) -> None:
    """Show a broadcast's status and counts."""
    try:
        state = summary(get_session(), broadcast_id)
    except BroadcastError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(state, ensure_ascii=False))
        return
    click.echo(
        f"broadcast {state['id']}: {state['status']}"
        f" · recipients {state['recipients']} · accepted {state['accepted']}"
        f" · failed {state['failed']}"
        + (f" · due {state['due_at']}" if state["status"] == "scheduled" else "")
        + (f" · {state['error']}" if state["error"] else "")
    )


@broadcast.command("cancel")
@click.argument("broadcast_id", type=int)
@with_appcontext
def cancel_command(broadcast_id: int) -> None:
    """Cancel a broadcast that has not started sending."""
    try:
        cancelled = cancel_broadcast(_app(), get_session(), broadcast_id)
    except BroadcastError as exc:
        raise click.ClickException(str(exc)) from exc
    if not cancelled:
        state = summary(get_session(), broadcast_id)["status"]
        raise click.ClickException(f"broadcast {broadcast_id} is {state}: too late to cancel")
    click.echo(f"broadcast {broadcast_id} cancelled")


def _wait(broadcast_id: int, timeout: float) -> dict[str, Any]:
    session = get_session()
    deadline = time.monotonic() + timeout
    while True:
        session.expire_all()
        state = summary(session, broadcast_id)
        if state["status"] in FINAL or time.monotonic() > deadline:
            return state
        session.rollback()  # a fresh snapshot next time round
        time.sleep(0.2)
