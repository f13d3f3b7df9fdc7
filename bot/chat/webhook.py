"""POST /callback: verify, parse, hand each event on. A thin view, as in the SDK's flask example.

The app factory makes the blueprint with the parser and event processor it built, so the view
reads nothing from the app. Events are parsed one by one (bot/chat/parsing.py): a malformed one
is logged and skipped, not fatal to the others in its body.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, request
from linebot.v3.webhook import WebhookParser

from bot.chat.events import EventProcessor
from bot.chat.parsing import BodyMalformed, load_body, parse_events

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
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("webhook.body_malformed", extra={"problem": "not UTF-8"})
            abort(400, "malformed body")

        if not parser.signature_validator.validate(text, signature):
            log.warning("webhook.signature_invalid")
            abort(400, "invalid signature")
        try:
            events = parse_events(load_body(text))
        except BodyMalformed as error:
            log.warning("webhook.body_malformed", extra={"problem": str(error)})
            abort(400, "malformed body")

        failures = processor.process_all(events)
        # Only an event that committed nothing (or whose answer no job could take) needs LINE
        # to deliver it again: the events beside it are in the inbox and will not run twice.
        return ("", 500) if failures else ("OK", 200)

    return bp
