"""The clock's work for conversations with officers (bot/cron.py runs these through RQ).

Every minute: a waiting conversation nobody took in HANDOFF_WAIT_MINUTES of office time goes
back to the bot with the hotlines and a call-back button; an officer's conversation quiet for
HANDOFF_IDLE_MINUTES goes back with a notice. Daily: transcripts older than the complaint
retention period are deleted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.agent_requests import chat
from bot.agent_requests import handoff as service
from bot.agent_requests.models import Handoff, HandoffStatus
from bot.agent_requests.office_hours import OfficeHours
from bot.agent_requests.sending import send_notice
from bot.core.db import get_session
from bot.core.jobs import in_app_context
from bot.core.line import LineApi, get_line
from bot.core.orm import utcnow
from bot.core.services import get_services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Swept:
    unanswered: int
    idle: int


def sweep(
    session: Session,
    line: LineApi,
    *,
    wait: timedelta,
    idle: timedelta,
    hours: OfficeHours | None,
    now: datetime | None = None,
) -> Swept:
    """Hand back conversations nobody took in time, and officer conversations gone quiet."""
    now = now or utcnow()
    unanswered = 0
    # Outside office hours the person was told when staff will read it: that promise stands,
    # so the wait counts only once the office has been open for the whole of it.
    if hours is None or (hours.is_open(now) and hours.is_open(now - wait)):
        waiting = session.scalars(
            select(Handoff).where(
                Handoff.status == HandoffStatus.WAITING, Handoff.requested_at < now - wait
            )
        ).all()
        for found in waiting:
            if service.close(
                session, found.id, "no_officer", only_from=[HandoffStatus.WAITING], now=now
            ):
                notice = chat.no_officer_notice(
                    session, found.province_code, chat.person_language(session, found.user_id)
                )
                send_notice(session, line, found, "no_officer", notice)
                unanswered += 1
            else:
                session.rollback()
    quiet = session.scalars(
        select(Handoff).where(
            Handoff.status == HandoffStatus.ACTIVE, Handoff.last_activity_at < now - idle
        )
    ).all()
    went_idle = 0
    for found in quiet:
        if service.close(
            session, found.id, "idle", only_from=[HandoffStatus.ACTIVE],
            quiet_since=now - idle, now=now,
        ):  # fmt: skip
            t = chat.person_language(session, found.user_id)
            send_notice(session, line, found, "idle", chat.idle_notice(t))
            went_idle += 1
        else:
            session.rollback()
    session.commit()
    return Swept(unanswered, went_idle)


@in_app_context
def sweep_handoffs() -> dict[str, int]:
    """The minute's sweep, with the app's settings."""
    config = current_app.config
    swept = sweep(
        get_session(),
        get_line(),
        wait=timedelta(minutes=int(config["HANDOFF_WAIT_MINUTES"])),
        idle=timedelta(minutes=int(config["HANDOFF_IDLE_MINUTES"])),
        hours=get_services().office_hours,
    )
    return {"unanswered": swept.unanswered, "idle": swept.idle}


def erase_expired(session: Session, *, years: int, now: datetime | None = None) -> int:
    """Delete transcripts closed more than `years` ago: they follow the complaints' period."""
    now = now or utcnow()
    try:
        before = now.replace(year=now.year - years)
    except ValueError:  # 29 February in a year that has none
        before = now.replace(year=now.year - years, day=28)
    erased = service.erase_closed_before(session, before)
    session.commit()
    return erased


@in_app_context
def erase_expired_handoffs() -> int:
    return erase_expired(get_session(), years=int(current_app.config["COMPLAINT_RETENTION_YEARS"]))
