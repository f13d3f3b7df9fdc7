"""`asabot linesim` / `python -m linesim`: run the LINE platform emulator."""

from __future__ import annotations

import click

from linesim.config import SimConfig
from linesim.server import serve


@click.command("linesim")
@click.option("--host", envvar="LINESIM_HOST", default="127.0.0.1", show_default=True)
@click.option("--port", envvar="LINESIM_PORT", default=8080, type=int, show_default=True)
@click.option(
    "--webhook-url", envvar="LINESIM_WEBHOOK_URL", default=None, help="The bot's webhook."
)
@click.option("--channel-secret", envvar="LINE_CHANNEL_SECRET", default=None)
@click.option("--access-token", envvar="LINE_CHANNEL_ACCESS_TOKEN", default=None)
@click.option(
    "--redelivery/--no-redelivery",
    envvar="LINESIM_REDELIVERY",
    default=None,
    help="Resend failed webhooks.",
)
@click.option("--reply-token-ttl", envvar="LINESIM_REPLY_TOKEN_TTL", type=float, default=None)
def linesim_command(
    host: str,
    port: int,
    webhook_url: str | None,
    channel_secret: str | None,
    access_token: str | None,
    redelivery: bool | None,
    reply_token_ttl: float | None,
) -> None:
    """Run the LINE Messaging API emulator (platform API, /_sim API and chat page)."""
    config = SimConfig.from_env()
    if webhook_url is not None:
        config.webhook_url = webhook_url or None
    if channel_secret:
        config.channel_secret = channel_secret
    if access_token:
        config.access_token = access_token
    if redelivery is not None:
        config.redelivery = redelivery
    if reply_token_ttl is not None:
        config.reply_token_ttl = reply_token_ttl
    serve(config, host, port)
