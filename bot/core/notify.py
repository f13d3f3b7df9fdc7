"""Messages the bot starts (not replies): one rule, never to someone who blocked the bot."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from linebot.v3.messaging.models import Message
from sqlalchemy.orm import Session

from bot.core.line import LineApi
from bot.core.users import LineUser

log = logging.getLogger(__name__)


def push_to_user(
    session: Session,
    line: LineApi,
    user_id: str,
    messages: Sequence[Message],
    retry_key: str | None = None,
) -> bool:
    """Push to one user unless they blocked the bot; True when sent."""
    user = session.get(LineUser, user_id)
    if user is not None and user.is_blocked:
        log.info("notify.skipped_blocked_user")
        return False
    line.push(user_id, messages, retry_key=retry_key)
    return True
