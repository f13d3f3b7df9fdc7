"""What every platform request passes first: request id, auth, faults, rate limit, counting."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint, Response, g, request

from linesim.channel import get_channel
from linesim.errors import AUTH_INVALID, AUTH_MISSING, RATE_LIMITED, SERVER_ERROR, LineError
from linesim.ids import new_request_id

DROP_FLAG = "linesim.drop"
RETRY_KEY_HEADER = "X-Line-Retry-Key"
# The only endpoints where LINE honours a retry key; anywhere else the header is an error.
RETRY_KEY_ENDPOINTS = {"push", "multicast", "broadcast", "narrowcast"}


def install_gate(bp: Blueprint) -> None:
    """Give a platform blueprint LINE's request pipeline and error answers."""
    bp.before_request(_before)
    bp.after_request(_after)
    bp.register_error_handler(LineError, _line_error)


def _before() -> None:
    channel = get_channel()
    g.request_id = new_request_id()
    name = (request.endpoint or "").rpartition(".")[2]
    channel.state.count_request(name)
    _check_auth(channel.config.access_token)
    config = channel.config
    if config.latency_ms > 0:
        time.sleep(config.latency_ms / 1000)
    if channel.roll(config.error_rate):
        raise LineError(500, SERVER_ERROR)
    count, per_seconds = config.rate_limit(name)
    if not channel.limiter.allow(name, count, per_seconds):
        raise LineError(429, RATE_LIMITED)
    if RETRY_KEY_HEADER in request.headers and name not in RETRY_KEY_ENDPOINTS:
        raise LineError(400, f"The {RETRY_KEY_HEADER} header is not supported by this endpoint")
    # A dropped connection happens after the work is done: the bot cannot tell whether
    # LINE accepted the request, which is exactly the case retry keys exist for.
    if channel.roll(config.drop_rate):
        request.environ[DROP_FLAG] = True


def _check_auth(token: str) -> None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise LineError(401, AUTH_MISSING)
    if value.strip() != token:
        raise LineError(401, AUTH_INVALID)


def _after(response: Response) -> Response:
    response.headers["x-line-request-id"] = g.get("request_id") or new_request_id()
    get_channel().state.count_status(response.status_code)
    return response


def _line_error(error: LineError) -> Response:
    return error.to_response()


class DropMiddleware:
    """Closes the socket without an answer when a request was picked to be dropped."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        """Run the app; then either pass its answer on or cut the connection."""
        body = self.app(environ, start_response)
        sock = environ.get("werkzeug.socket")
        if not environ.get(DROP_FLAG) or sock is None:
            return body
        if hasattr(body, "close"):
            body.close()
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        # werkzeug treats a ConnectionError as "client went away" and writes nothing.
        raise ConnectionResetError("linesim dropped the connection on purpose")
