"""Recorded LINE webhook bodies, and the signing helper tests use to send them."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "webhooks"


def load_body(name: str, **event_changes: Any) -> dict[str, Any]:
    """A recorded body; keyword arguments replace fields of its first event."""
    body: dict[str, Any] = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    body = copy.deepcopy(body)
    body["events"][0].update(event_changes)
    return body


def sign(raw: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), raw, hashlib.sha256).digest()).decode()


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def signed_post(client: Any, body: dict[str, Any] | bytes, secret: str) -> Any:
    raw = body if isinstance(body, bytes) else encode(body)
    return client.post(
        "/callback",
        data=raw,
        headers={"X-Line-Signature": sign(raw, secret), "Content-Type": "application/json"},
    )
