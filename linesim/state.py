"""All mutable emulator state in one object, guarded by one lock (the server is threaded)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from linesim.audiences import AudienceGroups
from linesim.ids import new_reply_token, new_user_id, now_ms
from linesim.richmenus import RichMenuState
from linesim.stream import StreamHub

ENDPOINTS = ("reply", "push", "multicast", "broadcast", "narrowcast")


@dataclass
class User:
    """A simulated LINE user who (by default) follows the bot."""

    user_id: str
    display_name: str
    picture_url: str | None = None
    language: str | None = "th"
    status_message: str | None = None
    following: bool = True

    def to_json(self) -> dict[str, Any]:
        """The shape of /_sim/users entries."""
        return {
            "userId": self.user_id,
            "displayName": self.display_name,
            "pictureUrl": self.picture_url,
            "language": self.language,
            "statusMessage": self.status_message,
        }


@dataclass
class _ReplyToken:
    chat_id: str
    expires_at: float
    used: bool = False


@dataclass
class AcceptedRequest:
    """What a retry key was first accepted with: LINE answers repeats with it (409)."""

    request_id: str
    accepted_at: float
    sent_messages: list[dict[str, str]] | None = None


@dataclass
class Counters:
    """Numbers for /_sim/stats."""

    requests: dict[str, int] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=lambda: {"2xx": 0, "4xx": 0, "429": 0, "5xx": 0})
    webhook: dict[str, int] = field(
        default_factory=lambda: {"sent": 0, "failed": 0, "redelivered": 0}
    )


class ChannelState:
    """Users, chats, reply tokens, retry keys, deliveries, contents, quota and counters."""

    def __init__(self, hub: StreamHub, clock: Callable[[], float] = time.time) -> None:
        self.hub = hub
        self.clock = clock
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        """Forget everything (POST /_sim/reset)."""
        with self._lock:
            self._users: dict[str, User] = {}
            self._chats: set[str] = set()
            self._tokens: dict[str, _ReplyToken] = {}
            self._retry_keys: dict[str, AcceptedRequest] = {}
            self._deliveries: list[dict[str, Any]] = []
            self._contents: dict[str, tuple[bytes, str]] = {}
            self._narrowcasts: dict[str, dict[str, Any]] = {}
            self._narrowcast_targets: dict[str, list[str]] = {}
            self._webhook_log: list[dict[str, Any]] = []
            self._read_tokens: dict[str, tuple[str, str]] = {}  # token -> (chat, message id)
            self._read_upto: dict[str, str] = {}  # chat -> newest message marked read
            self._quota_month = self._month()
            self._quota_used = 0
            self.richmenus = RichMenuState()
            self.audiences = AudienceGroups()
            self.counters = Counters()

    # users and chats
    def upsert_user(self, user_id: str | None, **profile: Any) -> User:
        """Create a user, or update the given profile fields of an existing one."""
        with self._lock:
            user_id = user_id or new_user_id()
            user = self._users.get(user_id)
            if user is None:
                name = profile.pop("display_name", None) or f"ผู้ใช้ {user_id[-4:]}"
                user = self._users[user_id] = User(user_id, name)
            for key, value in profile.items():
                if value is not None:
                    setattr(user, key, value)
            return user

    def user(self, user_id: str) -> User | None:
        """One user, or None."""
        with self._lock:
            return self._users.get(user_id)

    def users(self) -> list[User]:
        """Every user, in creation order."""
        with self._lock:
            return list(self._users.values())

    def followers(self) -> list[str]:
        """Ids of users who follow the bot (broadcast and narrowcast reach them)."""
        with self._lock:
            return [u.user_id for u in self._users.values() if u.following]

    def set_following(self, user_id: str, following: bool) -> None:
        """Follow (or unblock) and unfollow (block) change who can be reached."""
        with self._lock:
            user = self._users.get(user_id)
            if user is not None:
                user.following = following

    def note_chat(self, chat_id: str) -> None:
        """Remember a group or room id the bot has been in."""
        with self._lock:
            self._chats.add(chat_id)

    def can_receive(self, chat_id: str) -> bool:
        """Whether a push to this id reaches someone (a follower, or a known group/room)."""
        with self._lock:
            user = self._users.get(chat_id)
            return (user is not None and user.following) or chat_id in self._chats

    # reply tokens
    def issue_reply_token(self, chat_id: str, ttl: float) -> str:
        """A fresh single-use token for replying into `chat_id`."""
        token = new_reply_token()
        with self._lock:
            self._tokens[token] = _ReplyToken(chat_id, self.clock() + ttl)
        return token

    def use_reply_token(self, token: str) -> str | None:
        """Spend a token: the chat it replies into, or None if unknown, used or expired."""
        with self._lock:
            entry = self._tokens.get(token)
            if entry is None or entry.used or entry.expires_at < self.clock():
                return None
            entry.used = True
            return entry.chat_id

    # retry keys
    def reserve_retry_key(self, key: str, request_id: str, ttl: float) -> AcceptedRequest | None:
        """Claim a key; the earlier acceptance if it was accepted within `ttl` seconds."""
        with self._lock:
            now = self.clock()
            earlier = self._retry_keys.get(key)
            if earlier is not None and earlier.accepted_at > now - ttl:
                return earlier
            self._retry_keys[key] = AcceptedRequest(request_id, now)
            return None

    def complete_retry_key(self, key: str, sent_messages: list[dict[str, str]] | None) -> None:
        """Remember what the accepted request sent."""
        with self._lock:
            if key in self._retry_keys:
                self._retry_keys[key].sent_messages = sent_messages

    def release_retry_key(self, key: str) -> None:
        """Free a key whose request was refused after all (quota), so a retry may pass."""
        with self._lock:
            self._retry_keys.pop(key, None)

    # quota
    def _month(self) -> str:
        return time.strftime("%Y-%m", time.gmtime(self.clock()))

    def consume_quota(self, count: int, limit: int | None) -> bool:
        """Count `count` messages against the monthly quota; False (nothing counted) if over."""
        with self._lock:
            if self._month() != self._quota_month:
                self._quota_month, self._quota_used = self._month(), 0
            if limit is not None and self._quota_used + count > limit:
                return False
            self._quota_used += count
            return True

    def quota_used(self) -> int:
        """Messages counted this month."""
        with self._lock:
            return self._quota_used

    # deliveries
    def record_delivery(
        self,
        endpoint: str,
        to: list[str],
        messages: list[dict[str, Any]],
        request_id: str,
        retry_key: str | None,
    ) -> dict[str, Any]:
        """Log what the bot sent and stream it to watchers of each recipient."""
        with self._lock:
            delivery = {
                "seq": len(self._deliveries) + 1,
                "endpoint": endpoint,
                "to": list(to),
                "messages": messages,
                "requestId": request_id,
                "retryKey": retry_key,
                "time": now_ms(),
            }
            self._deliveries.append(delivery)
        self.hub.publish(to, delivery)
        return delivery

    def deliveries(
        self, to: str | None = None, endpoint: str | None = None, after: int = 0
    ) -> list[dict[str, Any]]:
        """Accepted deliveries in order, filtered by recipient, endpoint and seq."""
        with self._lock:
            return [
                d
                for d in self._deliveries[after:]
                if (to is None or to in d["to"]) and (endpoint is None or d["endpoint"] == endpoint)
            ]

    def last_seq(self) -> int:
        """The seq of the newest delivery (0 when none)."""
        with self._lock:
            return len(self._deliveries)

    # contents, narrowcasts, webhook log
    # read marks
    def issue_read_token(self, token: str, chat_id: str, message_id: str) -> None:
        with self._lock:
            self._read_tokens[token] = (chat_id, message_id)

    def mark_read(self, token: str) -> tuple[str, str] | None:
        """Mark the token's message and every earlier one read; None for an unknown token."""
        with self._lock:
            found = self._read_tokens.get(token)
            if found is None:
                return None
            chat_id, message_id = found
            earlier = self._read_upto.get(chat_id)
            if earlier is None or int(earlier) < int(message_id):
                self._read_upto[chat_id] = message_id
            return found

    def read_marks(self) -> dict[str, str]:
        with self._lock:
            return dict(self._read_upto)

    def put_content(self, message_id: str, data: bytes, content_type: str) -> None:
        """Keep the bytes of an image or file a user sent."""
        with self._lock:
            self._contents[message_id] = (data, content_type)

    def content(self, message_id: str) -> tuple[bytes, str] | None:
        """The bytes and content type of a user's upload, or None."""
        with self._lock:
            return self._contents.get(message_id)

    def save_narrowcast(
        self, request_id: str, progress: dict[str, Any], targets: list[str]
    ) -> None:
        """Remember a narrowcast's progress object and whom it reached (for redelivery)."""
        with self._lock:
            self._narrowcasts[request_id] = progress
            self._narrowcast_targets[request_id] = list(targets)

    def narrowcast_targets(self, request_id: str) -> list[str] | None:
        """Whom an earlier narrowcast reached, or None for an unknown request id."""
        with self._lock:
            targets = self._narrowcast_targets.get(request_id)
            return None if targets is None else list(targets)

    def narrowcast(self, request_id: str) -> dict[str, Any] | None:
        """A narrowcast's progress object, or None."""
        with self._lock:
            return self._narrowcasts.get(request_id)

    def log_webhook(self, entry: dict[str, Any]) -> None:
        """Append one webhook attempt to the log and count it."""
        with self._lock:
            self._webhook_log.append(entry)
            self.counters.webhook["sent"] += 1
            if entry["error"] is not None:
                self.counters.webhook["failed"] += 1
            if entry["isRedelivery"]:
                self.counters.webhook["redelivered"] += 1

    def webhook_log(self) -> list[dict[str, Any]]:
        """Every webhook attempt, oldest first."""
        with self._lock:
            return list(self._webhook_log)

    # counters
    def count_request(self, endpoint: str) -> None:
        """One more platform request to `endpoint`."""
        with self._lock:
            requests = self.counters.requests
            requests[endpoint] = requests.get(endpoint, 0) + 1

    def count_status(self, status: int) -> None:
        """One more platform answer with `status` (429 is its own bucket)."""
        bucket = "429" if status == 429 else f"{status // 100}xx"
        with self._lock:
            status_counts = self.counters.status
            status_counts[bucket] = status_counts.get(bucket, 0) + 1

    def stats(self) -> dict[str, Any]:
        """The /_sim/stats body."""
        with self._lock:
            return {
                "requests": dict(self.counters.requests),
                "status": dict(self.counters.status),
                "webhook": dict(self.counters.webhook),
            }
