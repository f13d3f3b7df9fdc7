"""How conversations with officers went, for the dashboard: how many, and their 1-5 ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bot.agent_requests.models import Handoff, HandoffStatus


@dataclass(frozen=True)
class HandoffStats:
    answered: int  # conversations an officer took, ended in the period
    rated: int
    average: float | None  # of the ratings given, one decimal; None when none were


def handoff_stats(
    session: Session, scope: ColumnElement[bool], *, now: datetime, days: int = 30
) -> HandoffStats:
    """Officer conversations ended in the last `days`, and the ratings people gave them."""
    row = session.execute(
        select(func.count(), func.count(Handoff.rating), func.avg(Handoff.rating)).where(
            scope,
            Handoff.status == HandoffStatus.CLOSED,
            Handoff.taken_at.is_not(None),
            Handoff.closed_at >= now - timedelta(days=days),
        )
    ).one()
    answered, rated, average = row
    return HandoffStats(
        int(answered), int(rated), None if average is None else round(float(average), 1)
    )
