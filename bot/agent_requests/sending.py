"""What officers and the clock send to the person: pushes, each with its own retry key.

An officer's message is written to the transcript under the form's retry key before it is
pushed: a second press of "ส่ง" with the same key finds it there and sends nothing, and LINE
itself refuses a second push with one key (409) should two requests race past the check.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from enum import StrEnum

from linebot.v3.messaging import ApiException, TextMessage
from linebot.v3.messaging.models import Message
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from urllib3.exceptions import HTTPError

from bot.admin.models import StaffUser
from bot.agent_requests.handoff import note_message
from bot.agent_requests.models import Handoff
from bot.core.line import LineApi

log = logging.getLogger(__name__)
_NOTICES = uuid.UUID("6f1b2d5e-55a1-4c59-9a43-0e6c7c1f4a18")  # namespace of notice retry keys


class Sent(StrEnum):
    SENT = "sent"
    DUPLICATE = "duplicate"  # this retry key was sent already
    FAILED = "failed"


def notice_key(handoff_id: int, what: str) -> str:
    """The same notice of the same conversation always has the same retry key."""
    return str(uuid.uuid5(_NOTICES, f"{handoff_id}:{what}"))


def send_officer_text(
    session: Session, line: LineApi, handoff: Handoff, staff: StaffUser, text: str, retry_key: str
) -> Sent:
    """Push an officer's message once per retry key; commits when it went."""
    return send_officer_messages(
        session, line, handoff, staff, [TextMessage(text=text)], retry_key, kind="text", text=text
    )


def send_officer_messages(
    session: Session,
    line: LineApi,
    handoff: Handoff,
    staff: StaffUser,
    messages: Sequence[Message],
    retry_key: str,
    *,
    kind: str,
    text: str,
) -> Sent:
    """Push what an officer sent (a text, an article's card) once per retry key; the transcript
    keeps `kind` and `text` (an article by its title)."""
    try:
        with session.begin_nested():
            note_message(
                session, handoff, sender="officer", kind=kind, text=text,
                staff_id=staff.id, retry_key=retry_key,
            )  # fmt: skip
    except IntegrityError:
        session.rollback()
        return Sent.DUPLICATE
    try:
        line.push(handoff.user_id, messages, retry_key=retry_key)
    except ApiException as exc:
        if exc.status != 409:  # 409: LINE accepted this key before, so the message went
            session.rollback()
            log.warning("handoff.push_failed", extra={"status": exc.status})
            return Sent.FAILED
    except HTTPError:
        session.rollback()
        log.warning("handoff.push_unreachable")
        return Sent.FAILED
    session.commit()
    return Sent.SENT


def send_notice(
    session: Session, line: LineApi, handoff: Handoff, what: str, messages: Sequence[Message]
) -> bool:
    """Tell the person what happened to their conversation; the change stands if LINE fails."""
    first = messages[0]
    note_message(session, handoff, sender="notice", kind="text", text=getattr(first, "text", None))
    session.commit()
    try:
        line.push(handoff.user_id, messages, retry_key=notice_key(handoff.id, what))
    except ApiException as exc:
        if exc.status == 409:
            return True
        log.warning("handoff.notice_failed", extra={"status": exc.status, "notice": what})
        return False
    except HTTPError:
        log.warning("handoff.notice_unreachable", extra={"notice": what})
        return False
    return True
