"""A small client of the /_sim inspection API, so tests read like a conversation."""

from __future__ import annotations

import base64
import time
from typing import Any

import requests

POLL_INTERVAL = 0.05


class SimClient:
    """Talks to one running emulator's inspection API."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = requests.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"linesim {method} {path}: {response.status_code} {response.text}")
        return response.json()

    def user(
        self,
        user_id: str | None = None,
        display_name: str | None = None,
        *,
        picture_url: str | None = None,
        language: str | None = None,
        status_message: str | None = None,
    ) -> SimChat:
        """Create or update a user and return a chat acting as them."""
        body = {
            "userId": user_id,
            "displayName": display_name,
            "pictureUrl": picture_url,
            "language": language,
            "statusMessage": status_message,
        }
        created = self._call(
            "POST", "/_sim/users", json={k: v for k, v in body.items() if v is not None}
        )
        return SimChat(self, created["userId"])

    def users(self) -> list[dict[str, Any]]:
        """Every simulated user."""
        users: list[dict[str, Any]] = self._call("GET", "/_sim/users")["users"]
        return users

    def send(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /_sim/send as is."""
        result: dict[str, Any] = self._call("POST", "/_sim/send", json=body)
        return result

    def messages(
        self, to: str | None = None, endpoint: str | None = None, after: int = 0
    ) -> list[dict[str, Any]]:
        """Deliveries the bot made, optionally filtered."""
        params: dict[str, Any] = {"after": after}
        if to:
            params["to"] = to
        if endpoint:
            params["endpoint"] = endpoint
        found: list[dict[str, Any]] = self._call("GET", "/_sim/messages", params=params)["messages"]
        return found

    def stats(self) -> dict[str, Any]:
        """Request, status and webhook counters."""
        result: dict[str, Any] = self._call("GET", "/_sim/stats")
        return result

    def webhooks(self) -> list[dict[str, Any]]:
        """Every webhook attempt so far."""
        found: list[dict[str, Any]] = self._call("GET", "/_sim/webhooks")["webhooks"]
        return found

    def reads(self) -> dict[str, str]:
        """Per chat, the newest message the bot marked read."""
        chats: dict[str, str] = self._call("GET", "/_sim/reads")["chats"]
        return chats

    def reset(self) -> None:
        """Forget all state."""
        self._call("POST", "/_sim/reset")

    def configure(self, **settings: Any) -> dict[str, Any]:
        """Change settings at runtime, e.g. configure(errorRate=0.5)."""
        result: dict[str, Any] = self._call("POST", "/_sim/config", json=settings)
        return result


class SimChat:
    """One user's side of a chat (1:1, or in a group/room when `source` is given)."""

    def __init__(self, sim: SimClient, user_id: str, source: dict[str, str] | None = None) -> None:
        self.sim = sim
        self.user_id = user_id
        self.source = source
        self.last_seq = 0
        self.last_result: dict[str, Any] | None = None

    @property
    def chat_id(self) -> str:
        """Where replies to this chat go: the group/room id, else the user id."""
        if self.source:
            return self.source.get("groupId") or self.source.get("roomId") or self.user_id
        return self.user_id

    def in_group(self, group_id: str) -> SimChat:
        """The same user speaking in a group chat."""
        return SimChat(self.sim, self.user_id, {"type": "group", "groupId": group_id})

    def _send(self, kind: str, **fields: Any) -> dict[str, Any]:
        body = {"userId": self.user_id, "type": kind, **fields}
        if self.source:
            body["source"] = self.source
        result = self.sim.send(body)
        self.last_seq = result["lastSeq"]
        self.last_result = result
        return result

    def say(self, text: str, *, mention: bool = False) -> dict[str, Any]:
        """Send a text message."""
        return self._send("text", text=text, mention=mention)

    def follow(self, *, is_unblocked: bool = False) -> dict[str, Any]:
        """Add the bot as a friend (or unblock it)."""
        return self._send("follow", isUnblocked=is_unblocked)

    def unfollow(self) -> dict[str, Any]:
        """Block the bot."""
        return self._send("unfollow")

    def postback(self, data: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        """Tap a postback action."""
        return self._send("postback", data=data, **({"params": params} if params else {}))

    def send_image(self, data: bytes, content_type: str = "image/jpeg") -> dict[str, Any]:
        """Send an image."""
        encoded = base64.b64encode(data).decode("ascii")
        return self._send("image", contentBase64=encoded, contentType=content_type)

    def send_file(self, data: bytes, file_name: str) -> dict[str, Any]:
        """Send a file."""
        encoded = base64.b64encode(data).decode("ascii")
        return self._send("file", contentBase64=encoded, fileName=file_name)

    def send_location(
        self,
        latitude: float,
        longitude: float,
        title: str | None = None,
        address: str | None = None,
    ) -> dict[str, Any]:
        """Share a location."""
        extra = {k: v for k, v in {"title": title, "address": address}.items() if v}
        return self._send("location", latitude=latitude, longitude=longitude, **extra)

    def send_sticker(self, package_id: str, sticker_id: str) -> dict[str, Any]:
        """Send a sticker."""
        return self._send("sticker", packageId=package_id, stickerId=sticker_id)

    def messages(self) -> list[dict[str, Any]]:
        """Every delivery to this chat so far."""
        return self.sim.messages(to=self.chat_id)

    def last_reply(self, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Messages of the newest reply/push to this chat since the user last sent something."""
        deadline = time.monotonic() + timeout
        while True:
            found = [
                d
                for d in self.sim.messages(to=self.chat_id, after=self.last_seq)
                if d["endpoint"] in ("reply", "push")
            ]
            if found:
                messages: list[dict[str, Any]] = found[-1]["messages"]
                return messages
            if time.monotonic() >= deadline:
                delivery = (self.last_result or {}).get("delivery")
                raise AssertionError(
                    f"no reply or push to {self.chat_id} within {timeout:.1f} s after seq "
                    f"{self.last_seq} (last webhook delivery: {delivery})"
                )
            time.sleep(POLL_INTERVAL)

    def last_text(self, timeout: float = 5.0) -> str:
        """The text messages of last_reply joined by newlines."""
        return "\n".join(
            m["text"] for m in self.last_reply(timeout) if m.get("type") in ("text", "textV2")
        )
