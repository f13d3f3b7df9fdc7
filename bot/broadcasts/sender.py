"""One batch to LINE: the same retry key on every try, backoff on 429/5xx/timeouts.

409 means LINE already accepted a request with this key (an earlier try whose answer was
lost), so it counts as accepted; any other 4xx is LINE refusing the batch for good.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from linebot.v3.messaging import ApiException, BroadcastRequest, MulticastRequest
from linebot.v3.messaging.models import Message
from urllib3.exceptions import HTTPError

from bot.broadcasts.ratelimit import RateLimiter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    first_delay: float = 0.1
    max_delay: float = 10.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Exponential backoff with jitter; LINE's Retry-After wins when it is longer."""
        backoff = min(self.max_delay, self.first_delay * 2 ** (attempt - 1))
        backoff *= 0.5 + random.random() / 2  # jitter: workers that failed together spread out
        return max(backoff, retry_after or 0.0)


@dataclass(frozen=True)
class BatchResult:
    accepted: bool
    attempts: int
    http_status: int | None
    request_id: str | None = None
    error: str | None = None


class Sender:
    """Sends a batch through the SDK's MessagingApi, within the shared rate limit."""

    def __init__(
        self,
        messaging: Any,
        limiter: RateLimiter,
        *,
        timeout: float,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._messaging = messaging
        self._limiter = limiter
        self._timeout = timeout
        self._policy = policy or RetryPolicy()
        self._sleep = sleep

    def send(
        self,
        via: str,
        user_ids: Sequence[str],
        messages: Sequence[Message],
        retry_key: str,
        attempts_before: int = 0,
    ) -> BatchResult:
        parsed = list(messages)
        attempt = attempts_before
        last_status: int | None = None
        last_error = ""
        for _ in range(self._policy.max_attempts):
            attempt += 1
            slot = self._limiter.acquire(via)
            retry_after: float | None = None
            try:
                response = self._call(via, user_ids, parsed, retry_key)
                return BatchResult(
                    True,
                    attempt,
                    response.status_code,
                    _header(response.headers, "x-line-request-id"),
                )
            except ApiException as exc:
                last_status = exc.status
                if exc.status == 409:
                    accepted_id = _header(exc.headers, "x-line-accepted-request-id")
                    return BatchResult(True, attempt, 409, accepted_id)
                if exc.status != 429 and exc.status < 500:
                    return BatchResult(False, attempt, exc.status, None, _reason(exc))
                last_error = _reason(exc)
                retry_after = _retry_after(exc.headers)
            except HTTPError as exc:  # timeout, reset, dropped connection: the answer is unknown
                last_status, last_error = None, f"{type(exc).__name__}: {exc}"
            finally:
                slot.settle()  # answered (or given up on): LINE has counted it by now
            log.info(
                "broadcast.batch_retry",
                extra={"status": last_status, "attempt": attempt, "error": last_error[:200]},
            )
            self._sleep(self._policy.delay(attempt, retry_after))
        return BatchResult(
            False, attempt, last_status, None, f"gave up after {attempt} tries: {last_error}"
        )

    def _call(self, via: str, user_ids: Sequence[str], messages: list[Message], key: str) -> Any:
        if via == "broadcast":
            return self._messaging.broadcast_with_http_info(
                BroadcastRequest(messages=messages),
                x_line_retry_key=key,
                _request_timeout=self._timeout,
            )
        # construct(): the ids come from our own frozen batch and the messages were checked
        # when the broadcast was created; validating 500 ids again per request would cost
        # the workers about a millisecond of CPU each time, at 200 requests a second.
        return self._messaging.multicast_with_http_info(
            MulticastRequest.construct(to=list(user_ids), messages=messages),
            x_line_retry_key=key,
            _request_timeout=self._timeout,
        )


def _header(headers: Any, name: str) -> str | None:
    if not headers:
        return None
    for key, value in dict(headers).items():
        if key.lower() == name:
            return str(value)
    return None


def _retry_after(headers: Any) -> float | None:
    value = _header(headers, "retry-after")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _reason(exc: ApiException) -> str:
    """LINE's own words: its JSON message and details, else the HTTP reason."""
    try:
        body = json.loads(exc.body or "{}")
    except (TypeError, ValueError):
        body = {}
    message = body.get("message") if isinstance(body, dict) else None
    details = body.get("details") if isinstance(body, dict) else None
    text = f"{exc.status} {message or exc.reason}"
    if details:
        text += " " + json.dumps(details, ensure_ascii=False)
    return text
