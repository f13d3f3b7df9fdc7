"""POST /callback: verify, parse, hand each event on. A thin view, as in the SDK's flask example."""

from __future__ import annotations

import json
import logging

from flask import Blueprint, abort, current_app, request
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhook import WebhookParser

from bot.chat.events import EventProcessor

log = logging.getLogger(__name__)

bp = Blueprint("webhook", __name__)


@bp.post("/callback")
def callback() -> tuple[str, int]:
    limit: int = current_app.config["WEBHOOK_MAX_BODY_BYTES"]
    if (request.content_length or 0) > limit:
        abort(413)
    body = request.stream.read(limit + 1)
    if len(body) > limit:
        abort(413)
    signature = request.headers.get("X-Line-Signature")
    if not signature:
        log.warning("webhook.signature_missing")
        abort(400, "missing X-Line-Signature")

    parser: WebhookParser = current_app.extensions["asabot.webhook_parser"]
    try:
        payload = parser.parse(body.decode("utf-8"), signature, as_payload=True)
    except InvalidSignatureError:
        log.warning("webhook.signature_invalid")
        abort(400, "invalid signature")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
        log.warning("webhook.body_malformed")
        abort(400, "malformed body")

    processor: EventProcessor = current_app.extensions["asabot.events"]
    failures = processor.process_all(payload.events or [])
    # A failed event was released from de-duplication; a 500 lets LINE redeliver it.
    return ("", 500) if failures else ("OK", 200)
