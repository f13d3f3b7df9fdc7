"""Identifiers shaped like LINE's: user/group/room ids, reply tokens, message and request ids."""

from __future__ import annotations

import itertools
import re
import secrets
import threading
import time
import uuid

USER_ID = re.compile(r"^U[0-9a-f]{32}$")
CHAT_ID = re.compile(r"^[UCR][0-9a-f]{32}$")
RETRY_KEY = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def new_user_id() -> str:
    """A user id: "U" and 32 lowercase hex digits."""
    return "U" + secrets.token_hex(16)


def new_reply_token() -> str:
    """A reply token: 32 hex digits, as LINE sends them."""
    return secrets.token_hex(16)


def new_request_id() -> str:
    """The value of an x-line-request-id header."""
    return str(uuid.uuid4())


def new_quote_token() -> str:
    """An opaque quote token."""
    return secrets.token_urlsafe(48)


def new_read_token() -> str:
    """An opaque markAsReadToken (LINE's never expire)."""
    return secrets.token_urlsafe(32)


def now_ms() -> int:
    """Milliseconds since the epoch, the unit of every LINE timestamp."""
    return int(time.time() * 1000)


class MessageIds:
    """Numeric message ids as strings, increasing, 18 digits like LINE's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counter = itertools.count(500_000_000_000_000_000 + secrets.randbelow(10**12))

    def next(self) -> str:
        """The next unused id."""
        with self._lock:
            return str(next(self._counter))
