"""Signed webhook delivery to the bot, with optional background redelivery and backoff."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

from linesim.config import SimConfig
from linesim.ids import now_ms
from linesim.state import ChannelState

log = logging.getLogger(__name__)
USER_AGENT = "LineBotWebhook/2.0"


def sign(body: bytes, channel_secret: str) -> str:
    """X-Line-Signature: base64 of HMAC-SHA256 over the raw body with the channel secret."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def encode_body(destination: str, events: list[dict[str, Any]]) -> bytes:
    """The raw webhook body, compact JSON in UTF-8 like LINE's."""
    payload = {"destination": destination, "events": events}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class Attempt:
    """How one POST went: the status (None if no answer) and an error word."""

    status: int | None
    error: str | None
    elapsed_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """LINE counts only a 2xx answer as delivered."""
        return self.error is None


class WebhookSender:
    """Posts events to the bot's webhook URL and redelivers failures in the background."""

    def __init__(self, config: SimConfig, state: ChannelState) -> None:
        self.config = config
        self.state = state
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def deliver(self, event: dict[str, Any]) -> dict[str, Any]:
        """Send one event now; returns the first try's status, attempts, error and elapsedMs."""
        if not self.config.webhook_url:
            return {"status": None, "attempts": 0, "error": "no webhook url", "elapsedMs": 0.0}
        attempt = self._post(self.config.webhook_url, event)
        if not attempt.ok and self.config.redelivery and self.config.redelivery_attempts > 0:
            self._start_redelivery(event)
        return {
            "status": attempt.status,
            "attempts": 1,
            "error": attempt.error,
            "elapsedMs": round(attempt.elapsed_ms, 2),
        }

    def _post(self, url: str, event: dict[str, Any]) -> Attempt:
        body = encode_body(self.config.bot_user_id, [event])
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Line-Signature": sign(body, self.config.channel_secret),
        }
        started = time.perf_counter()
        try:
            response = requests.post(
                url, data=body, headers=headers, timeout=self.config.webhook_timeout
            )
            response.close()
            error = None if 200 <= response.status_code < 300 else f"status {response.status_code}"
            attempt = Attempt(response.status_code, error)
        except requests.Timeout:
            attempt = Attempt(None, "timeout")
        except requests.RequestException as exc:
            attempt = Attempt(None, f"connection error: {type(exc).__name__}")
        # How long the bot took to answer the webhook: what LINE's 2-second deadline measures.
        attempt.elapsed_ms = (time.perf_counter() - started) * 1000
        self.state.log_webhook(
            {
                "webhookEventId": event["webhookEventId"],
                "type": event["type"],
                "isRedelivery": event["deliveryContext"]["isRedelivery"],
                "status": attempt.status,
                "error": attempt.error,
                "time": now_ms(),
            }
        )
        return attempt

    def _start_redelivery(self, event: dict[str, Any]) -> None:
        redelivered = copy.deepcopy(event)
        redelivered["deliveryContext"]["isRedelivery"] = True
        thread = threading.Thread(
            target=self._redeliver, args=(redelivered,), name="linesim-redelivery", daemon=True
        )
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _redeliver(self, event: dict[str, Any]) -> None:
        delay = self.config.redelivery_backoff
        for _ in range(self.config.redelivery_attempts):
            # Waiting on the event lets stop() cut a long backoff short.
            if self._stopping.wait(delay) or not self.config.webhook_url:
                return
            if self._post(self.config.webhook_url, event).ok:
                return
            delay *= 2
        log.info("webhook.redelivery_gave_up %s", event["webhookEventId"])

    def stop(self, timeout: float = 5.0) -> None:
        """Abandon pending redeliveries and wait briefly for those in flight."""
        self._stopping.set()
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
