"""The one place that sends to LINE: reply first, push when the reply token is spent or expired."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from flask import current_app
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MarkMessagesAsReadByTokenRequest,
    MessagingApi,
    MessagingApiBlob,
    PushMessageRequest,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
    UserProfileResponse,
)
from linebot.v3.messaging.models import Message
from urllib3.exceptions import HTTPError

log = logging.getLogger(__name__)

# The LINE console's "Verify" button sends events with these tokens; replying to them fails.
DUMMY_REPLY_TOKENS = frozenset({"0" * 32, "f" * 32})


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

    def deliver(self, reply_token: str | None, to: str | None, messages: Sequence[Message]) -> str:
        """Send messages for one event; returns how: 'reply', 'push' or 'none'."""
        if not messages:
            return "none"
        if reply_token and reply_token not in DUMMY_REPLY_TOKENS:
            try:
                self.messaging.reply_message(
                    ReplyMessageRequest(reply_token=reply_token, messages=list(messages)),
                    _request_timeout=self._timeout,
                )
                return "reply"
            except ApiException as exc:
                # 400 is a used or expired token: the answer still matters, so push it.
                if exc.status != 400 or not to:
                    raise
                log.info("line.reply_token_rejected", extra={"status": exc.status})
        if reply_token in DUMMY_REPLY_TOKENS or not to:
            return "none"
        self.push(to, messages)
        return "push"

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
