"""A person chatting through signed webhook bodies and the Flask test client, no emulator:
fast enough for tests that send hundreds of messages."""

from __future__ import annotations

import json
import random
from typing import Any

from tests.support.channel import CHANNEL_SECRET
from tests.support.events import signed_post
from tests.support.fakes import RecordingLine


class Chat:
    """One person typing and tapping, as signed webhook bodies through the test client."""

    def __init__(self, client: Any, line: RecordingLine, user_id: str, rng: random.Random) -> None:
        self.client, self.line, self.user_id, self.rng = client, line, user_id, rng
        self.last: list[dict[str, Any]] = []

    def _send(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        token = "".join(self.rng.choices("0123456789abcdef", k=32))
        event = {
            **event,
            "mode": "active",
            "timestamp": 1763700000000,
            "source": {"type": "user", "userId": self.user_id},
            "webhookEventId": "01" + "".join(self.rng.choices("0123456789ABCDEFGHJK", k=24)),
            "deliveryContext": {"isRedelivery": False},
            "replyToken": token,
        }
        # ASCII escapes, so a lone surrogate travels as LINE would send it ("\ud800").
        raw = json.dumps({"destination": "Uf0", "events": [event]}).encode()
        response = signed_post(self.client, raw, CHANNEL_SECRET)
        assert response.status_code == 200, event
        replies = [d for d in self.line.deliveries if d["reply_token"] == token]
        assert replies, f"no answer to {event['type']}"
        self.last = replies[-1]["messages"]
        return self.last

    def say(self, text: str) -> list[dict[str, Any]]:
        return self._send(
            {
                "type": "message",
                "message": {"type": "text", "id": "1", "quoteToken": "q", "text": text},
            }
        )

    def postback(self, data: str) -> list[dict[str, Any]]:
        return self._send({"type": "postback", "postback": {"data": data}})

    def tap(self, label: str) -> list[dict[str, Any]]:
        """Tap the quick reply `label` of the bot's last message."""
        items = self.last[-1].get("quickReply", {}).get("items", [])
        (data,) = [i["action"]["data"] for i in items if i["action"]["label"] == label]
        return self.postback(data)
