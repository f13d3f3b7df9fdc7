"""POST /callback: verify, parse, hand each event on. A thin view, as in the SDK's flask example.

The app factory makes the blueprint with the parser and event processor it built, so the view
reads nothing from the app.
"""

from __future__ import annotations

import json
import logging

from flask import Blueprint, abort, request
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhook import WebhookParser

from bot.chat.events import EventProcessor

log = logging.getLogger(__name__)


def make_blueprint(
    parser: WebhookParser, processor: EventProcessor, *, max_body_bytes: int
) -> Blueprint:
    """The webhook endpoint, bound to this app's parser and event processor."""
    bp = Blueprint("webhook", __name__)

    @bp.post("/callback")
    def callback() -> tuple[str, int]:
        if (request.content_length or 0) > max_body_bytes:
            abort(413)
        body = request.stream.read(max_body_bytes + 1)
        if len(body) > max_body_bytes:
            abort(413)
        signature = request.headers.get("X-Line-Signature")
        if not signature:
            log.warning("webhook.signature_missing")
            abort(400, "missing X-Line-Signature")

        try:
            payload = parser.parse(body.decode("utf-8"), signature, as_payload=True)
        except InvalidSignatureError:
            log.warning("webhook.signature_invalid")
            abort(400, "invalid signature")
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
            log.warning("webhook.body_malformed")
            abort(400, "malformed body")

        failures = processor.process_all(payload.events or [])
        # A failed event was released from de-duplication; a 500 lets LINE redeliver it.
        return ("", 500) if failures else ("OK", 200)

    return bp
