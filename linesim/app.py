"""The emulator's app factory: platform API, inspection API and chat page on one app."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask, Response, current_app, jsonify, request

from linesim import inspection
from linesim.api import audiences, messages, richmenus, users
from linesim.channel import Channel
from linesim.config import SimConfig
from linesim.gate import DropMiddleware
from linesim.ids import new_request_id


def create_app(
    config: SimConfig | None = None,
    *,
    clock: Callable[[], float] = time.time,
    monotonic: Callable[[], float] = time.monotonic,
) -> Flask:
    """Build one emulated LINE channel; clocks are injectable so tests need not sleep."""
    config = config or SimConfig.from_env()
    app = Flask(__name__, static_folder="static", static_url_path="/static")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["linesim"] = Channel.build(config, clock=clock, monotonic=monotonic)
    app.register_blueprint(messages.bp)
    app.register_blueprint(users.bp)
    app.register_blueprint(audiences.bp)
    app.register_blueprint(richmenus.bp)
    app.register_blueprint(richmenus.inspect_bp)
    app.register_blueprint(inspection.bp)
    app.add_url_rule("/", "chat_page", _chat_page)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(405, _not_allowed)
    app.register_error_handler(500, _server_error)
    app.after_request(_request_id)
    app.wsgi_app = DropMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    return app


def _chat_page() -> Response:
    return current_app.send_static_file("index.html")


def _not_found(error: Exception) -> Response | tuple[Response, int]:
    if request.path.startswith("/v2/"):
        return jsonify({"message": "Not found"}), 404
    return jsonify({"error": "not found"}), 404


def _not_allowed(error: Exception) -> tuple[Response, int]:
    return jsonify({"message": "Method not allowed"}), 405


def _server_error(error: Exception) -> tuple[Response, int]:
    # A bug in the emulator should still look like LINE's 500 to the bot's error handling.
    return jsonify({"message": "Internal Server Error"}), 500


def _request_id(response: Response) -> Response:
    # Platform answers get theirs from the gate; everything else still carries one.
    response.headers.setdefault("x-line-request-id", new_request_id())
    return response
