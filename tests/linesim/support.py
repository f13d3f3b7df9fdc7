"""Helpers for the emulator's tests: a webhook receiver, raw platform calls, message builders."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhook import WebhookParser
from werkzeug.serving import WSGIRequestHandler
from werkzeug.wrappers import Request, Response

SECRET = "test-channel-secret"
TOKEN = "test-access-token"


class QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


@dataclass
class Receiver:
    """A tiny bot webhook: checks the signature with the SDK's parser and records events."""

    secret: str
    url: str = ""
    status: int = 200
    delay: float = 0.0
    fail_first: int = 0
    on_event: Callable[[Any], None] | None = None
    bodies: list[dict[str, Any]] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    bad_signatures: int = 0
    _calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        body = request.get_data(as_text=True)
        try:
            events = WebhookParser(self.secret).parse(
                body, request.headers.get("X-Line-Signature", "")
            )
        except InvalidSignatureError:
            with self._lock:
                self.bad_signatures += 1
            return Response("bad signature", status=400)(environ, start_response)
        with self._lock:
            self._calls += 1
            failing = self._calls <= self.fail_first
            self.bodies.append({"raw": body, "headers": dict(request.headers)})
            self.events.extend(events)
        if self.delay:
            time.sleep(self.delay)
        if failing:
            return Response("fail", status=500)(environ, start_response)
        if self.on_event is not None:
            for event in events:
                self.on_event(event)
        return Response("OK", status=self.status)(environ, start_response)

    def wait_for(self, count: int, timeout: float = 5.0) -> None:
        """Wait until `count` webhook bodies have arrived."""
        deadline = time.monotonic() + timeout
        while len(self.bodies) < count and time.monotonic() < deadline:
            time.sleep(0.02)


@dataclass
class Api:
    """The bot's side of the wire, raw: authorised requests to the platform endpoints."""

    base_url: str
    token: str = TOKEN

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, self.base_url + path, headers=headers, timeout=10, **kwargs)

    def post(self, path: str, body: Any, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, json=body, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)


def text(value: str) -> dict[str, str]:
    """A text message object."""
    return {"type": "text", "text": value}
