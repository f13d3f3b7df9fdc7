"""A recording stand-in for bot.core.line.LineApi (our own seam, not the SDK).

Unit tests of the webhook use it to see what would be sent; end-to-end tests use the real SDK
against the emulator instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from bot.core.line import DUMMY_REPLY_TOKENS


@dataclass
class RecordingLine:
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def deliver(self, reply_token: str | None, to: str | None, messages: list[Any]) -> str:
        if not messages or reply_token in DUMMY_REPLY_TOKENS:
            return "none"
        with self._lock:
            self.deliveries.append(
                {"reply_token": reply_token, "to": to, "messages": [m.to_dict() for m in messages]}
            )
        return "reply"

    def profile(self, user_id: str) -> Any:
        name = self.profiles.get(user_id)
        if name is None:
            return None
        return SimpleNamespace(display_name=name, picture_url=None, language="th")

    def texts(self) -> list[str]:
        return [m.get("text", "") for d in self.deliveries for m in d["messages"]]
