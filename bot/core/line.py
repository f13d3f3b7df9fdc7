"""The one place that sends to LINE: reply first, push when the reply token is spent or expired.

LINE's errors are sorted once, here: a 4xx other than 429 is permanent (logged with LINE's
message, never retried), a 5xx, a 429, a timeout or a cut connection is transient (retried by
the outbox with the same retry key, so LINE delivers the push at most once).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MarkMessagesAsReadByTokenRequest,
    MessagingApi,
    MessagingApiBlob,
    PushMessageRequest,
    ShowLoadingAnimationRequest,
    UserProfileResponse,
)
from linebot.v3.messaging.models import Message
from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError

from bot.core.message_json import messages_json

log = logging.getLogger(__name__)

# The LINE console's "Verify" button sends events with these tokens; replying to them fails.
DUMMY_REPLY_TOKENS = frozenset({"0" * 32, "f" * 32})
# LINE's answer to a push for someone who is not (or no longer) a friend of the bot.
FAILED_TO_SEND = "Failed to send messages"

# Message bodies as LINE's JSON: what `Message.to_dict()` gives (bot/core/message_json.py), made
# once per answer.
Bodies = Sequence[dict[str, Any]]

# How a delivery ended: accepted, refused for good, or worth retrying with the same key.
SENT, FAILED, RETRY = "sent", "failed", "retry"


@dataclass(frozen=True)
class Delivered:
    """The outcome of `LineApi.deliver`, what the outbox records."""

    outcome: str  # SENT | FAILED | RETRY
    via: str | None  # "reply" | "push" | "none" once sent
    status: int | None = None  # LINE's HTTP status when it answered with an error
    error: str | None = None  # LINE's message (never the messages' text), or the network error
    reply_spent: bool = False  # the reply token is used up: a retry goes straight to the push
    reply_uncertain: bool = False  # a reply may have reached LINE though no answer came back
    unreachable: bool = False  # LINE says the person is not a friend of the bot


def line_message(exc: ApiException) -> str | None:
    """LINE's own words from an error answer ({"message": ...}), bounded; never the request."""
    try:
        body = json.loads(exc.body or b"{}")
    except (ValueError, TypeError):
        return None
    said = body.get("message") if isinstance(body, dict) else None
    return str(said)[:200] if said is not None else None


def _transient(status: int | None) -> bool:
    """5xx and 429 pass; any other 4xx will be refused again, however often it is sent."""
    return status is None or status == 429 or status >= 500 or status == 0


def _network_error(exc: Exception) -> bool:
    return isinstance(exc, HTTPError | OSError)


def _may_have_sent(exc: Exception) -> bool:
    """False only when the request surely never left (the connection was never made)."""
    reason = getattr(exc, "reason", exc)
    return not isinstance(reason, NewConnectionError | ConnectTimeoutError | ConnectionRefusedError)


def _log_refusal(endpoint: str, status: int | None, said: str | None, outcome: str) -> None:
    event = "line.refused_for_good" if outcome == FAILED else "line.failed_for_now"
    log.warning(event, extra={"endpoint": endpoint, "status": status, "line_message": said})


class LineApi:
    """A thin seam over the official SDK client, so handlers only return messages."""

    def __init__(self, base_url: str | None, access_token: str, timeout: float = 5.0) -> None:
        configuration = Configuration(host=base_url, access_token=access_token)
        self._client = ApiClient(configuration)
        self.messaging = MessagingApi(self._client)
        self.blob = MessagingApiBlob(self._client)
        self._timeout = timeout

    def close(self) -> None:
        self._client.close()

    def drop_connections(self) -> None:
        """Close the pooled HTTP connections (new ones open on the next call), e.g. before a
        fork: a child must not talk on its parent's sockets."""
        self._client.rest_client.pool_manager.clear()

    def deliver(
        self,
        reply_token: str | None,
        to: str | None,
        messages: Sequence[Message],
        *,
        retry_key: str | None = None,
        reply_uncertain: bool = False,
        bodies: Bodies | None = None,
    ) -> Delivered:
        """Send one event's answer: reply first, push with `retry_key` when the token is gone.

        Never raises for LINE's answers or the network: the result says whether the answer was
        accepted, refused for good (a 4xx other than 429) or should be retried with the same key.
        `reply_uncertain` says an earlier reply with this token may have reached LINE.
        `bodies` are the messages' JSON when the caller made it already (the stored answer).
        """
        if not messages:
            return Delivered(SENT, "none")
        if reply_token in DUMMY_REPLY_TOKENS:
            return Delivered(SENT, "none")  # the console's Verify button: nobody to answer
        if bodies is None:
            bodies = messages_json(messages)
        if reply_token:
            try:
                self._post(
                    "/v2/bot/message/reply",
                    {"replyToken": reply_token, "messages": list(bodies)},
                )
                return Delivered(SENT, "reply")
            except ApiException as exc:
                status, said = exc.status, line_message(exc)
                if status != 400:
                    outcome = RETRY if _transient(status) else FAILED
                    _log_refusal("reply", status, said, outcome)
                    return Delivered(outcome, None, status=status, error=said)
                if reply_uncertain:
                    # The token was spent, most likely by the reply whose answer we never got.
                    log.info("line.reply_presumed_delivered")
                    return Delivered(SENT, "reply", status=status, error=said)
                # A used or expired token: the answer still matters, so push it.
                log.info("line.reply_token_rejected", extra={"status": status})
            except Exception as exc:
                if not _network_error(exc):
                    raise
                log.warning("line.reply_unanswered", extra={"error": type(exc).__name__})
                return Delivered(
                    RETRY, None, error=type(exc).__name__, reply_uncertain=_may_have_sent(exc)
                )
        if not to:
            return Delivered(FAILED, None, error="no reply token and nobody to push to")
        return self._push_answer(to, bodies, retry_key)

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        """POST a JSON body made from our own messages through the SDK's client.

        The same request, authentication, errors (ApiException) and connection pool as the
        SDK's `reply_message`/`push_message`, without their second pydantic validation and
        serialisation of messages the bot built itself (a quarter of an event's time, profiled).
        """
        self._client.call_api(
            path,
            "POST",
            {},
            [],
            {"Accept": "application/json", "Content-Type": "application/json", **(headers or {})},
            body=body,
            post_params=[],
            files={},
            response_types_map={},  # LINE's answer body is not needed: only its status
            auth_settings=["Bearer"],
            _return_http_data_only=True,
            _request_timeout=self._timeout,
            _host=self.messaging.line_base_path,
        )

    def _push_answer(self, to: str, bodies: Bodies, retry_key: str | None) -> Delivered:
        try:
            self._post(
                "/v2/bot/message/push",
                {"to": to, "messages": list(bodies)},
                {"X-Line-Retry-Key": retry_key or str(uuid.uuid4())},
            )
            return Delivered(SENT, "push", reply_spent=True)
        except ApiException as exc:
            status, said = exc.status, line_message(exc)
            if status == 409:  # an earlier try with this key was accepted: delivered once
                return Delivered(SENT, "push", status=status, error=said, reply_spent=True)
            outcome = RETRY if _transient(status) else FAILED
            _log_refusal("push", status, said, outcome)
            return Delivered(
                outcome,
                None,
                status=status,
                error=said,
                reply_spent=True,
                unreachable=status == 400 and said == FAILED_TO_SEND,
            )
        except Exception as exc:
            if not _network_error(exc):
                raise
            log.warning("line.push_unanswered", extra={"error": type(exc).__name__})
            return Delivered(RETRY, None, error=type(exc).__name__, reply_spent=True)

    def push(self, to: str, messages: Sequence[Message], retry_key: str | None = None) -> None:
        """Push with a retry key, so a retried request is never delivered twice."""
        self.messaging.push_message(
            PushMessageRequest(to=to, messages=list(messages)),
            x_line_retry_key=retry_key or str(uuid.uuid4()),
            _request_timeout=self._timeout,
        )

    def profile(self, user_id: str) -> UserProfileResponse | None:
        try:
            return self.messaging.get_profile(user_id, _request_timeout=self._timeout)
        except ApiException as exc:
            log.warning("line.profile_failed", extra={"status": exc.status})
            return None
        except HTTPError:
            log.warning("line.profile_unreachable")
            return None

    def content(self, message_id: str) -> bytes:
        return bytes(self.blob.get_message_content(message_id, _request_timeout=self._timeout * 6))

    def show_loading(self, chat_id: str, seconds: int = 5) -> None:
        self.messaging.show_loading_animation(
            ShowLoadingAnimationRequest(chat_id=chat_id, loading_seconds=seconds),
            _request_timeout=self._timeout,
        )

    def mark_as_read(self, token: str) -> None:
        """Mark the person's messages up to this one read (the webhook's markAsReadToken)."""
        self.messaging.mark_messages_as_read_by_token(
            MarkMessagesAsReadByTokenRequest(mark_as_read_token=token),
            _request_timeout=self._timeout,
        )

    def quota(self) -> tuple[int | None, int]:
        """This month's push limit (None: no limit) and how many messages it has used."""
        limit = self.messaging.get_message_quota(_request_timeout=self._timeout)
        used = self.messaging.get_message_quota_consumption(_request_timeout=self._timeout)
        return (limit.value if limit.type == "limited" else None), used.total_usage


def get_line() -> LineApi:
    """The app's LINE client, for jobs and commands (a handler uses `turn.line`)."""
    line: LineApi = current_app.extensions["asabot.line"]
    return line
