"""Jobs of the chat itself: a profile the follow could not fetch, answers LINE did not take."""

from __future__ import annotations

import logging

from bot.chat import inbox
from bot.chat.flows.drafts import erase_expired_drafts
from bot.core.db import get_session
from bot.core.jobs import in_app_context
from bot.core.line import RETRY, get_line
from bot.core.services import get_services
from bot.core.users import LineUser

log = logging.getLogger(__name__)


class AnswerNotAccepted(RuntimeError):
    """LINE failed for now (5xx, 429, timeout): the job is retried with the same retry key."""


@in_app_context
def refresh_profile(user_id: str) -> bool:
    """Fill in a user's display name when the profile API failed during the follow."""
    profile = get_line().profile(user_id)
    if profile is None:
        return False
    session = get_session()
    user = session.get(LineUser, user_id)
    if user is None:
        return False
    user.display_name = profile.display_name
    user.picture_url = profile.picture_url
    user.language = profile.language
    session.commit()
    return True


@in_app_context
def resend_answer(event_id: str) -> str:
    """Try a pending answer again (same retry key); raises while LINE still fails, so the
    job runner's retry schedule keeps trying, then the sweep."""
    session = get_session()
    parcel = inbox.take(session, event_id, get_services().sealer)
    if parcel is None:
        return "nothing to send"
    result = inbox.send(session, get_line(), parcel)
    if result.outcome == RETRY:
        raise AnswerNotAccepted(f"LINE did not take the answer yet ({result.status})")
    return result.outcome


@in_app_context
def sweep_outbox() -> dict[str, int]:
    """Send the answers left pending (a worker died after its commit, retries ran out); give
    up those close to the 24 hours LINE keeps retry keys."""
    session = get_session()
    line, sealer = get_line(), get_services().sealer
    done = {"sent": 0, "failed": 0, "pending": 0, "expired": inbox.expire_old(session)}
    for event_id in inbox.pending_ids(session):
        parcel = inbox.take(session, event_id, sealer)
        if parcel is None:
            continue
        outcome = inbox.send(session, line, parcel).outcome
        done["pending" if outcome == RETRY else outcome] += 1
    if any(done.values()):
        log.info("outbox.swept", extra=done)
    return done


@in_app_context
def sweep_drafts() -> int:
    """Delete drafts past their flow's TTL (they hold stories and phone numbers), and inbox
    rows settled long ago."""
    session = get_session()
    count = erase_expired_drafts(session)
    purged = inbox.purge_settled(session)
    if count or purged:
        log.info("drafts.expired_erased", extra={"count": count, "inbox_purged": purged})
    return count
