"""The numbers behind the dashboard, each limited to what the viewer may see."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bot.admin.places import province_name
from bot.chat.models import Direction, MessageLog
from bot.complaints.models import Complaint, ComplaintStatus
from bot.complaints.routing import category_label

OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.FORWARDED, ComplaintStatus.IN_PROGRESS)
AGE_BUCKETS = ((7, "ไม่เกิน 7 วัน"), (14, "8–14 วัน"), (30, "15–30 วัน"), (None, "เกิน 30 วัน"))
# "no_info": answered that no article covers the question (bot.content.handlers).
UNSURE_DECISIONS = ("clarify", "out_of_scope", "no_info")


def dashboard(
    session: Session,
    scope: ColumnElement[bool],
    *,
    now: datetime,
    zone: ZoneInfo,
    weeks: int = 12,
    days: int = 30,
    intent_labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the dashboard draws, as plain JSON-ready data."""
    return {
        **_complaints(session, scope, now=now, zone=zone, weeks=weeks),
        **_messages(session, now=now, zone=zone, days=days, labels=intent_labels or {}),
    }


def _complaints(
    session: Session, scope: ColumnElement[bool], *, now: datetime, zone: ZoneInfo, weeks: int
) -> dict[str, Any]:
    this_monday = _local_day(now, zone) - timedelta(days=_local_day(now, zone).weekday())
    week_starts = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    since = datetime.combine(week_starts[0], datetime.min.time(), tzinfo=zone)
    rows = session.execute(
        select(Complaint.created_at, Complaint.category, Complaint.province_code).where(
            scope, Complaint.created_at >= since
        )
    ).all()
    by_category: dict[str, Counter[date]] = defaultdict(Counter)
    by_province: dict[str, Counter[date]] = defaultdict(Counter)
    for created_at, category, province in rows:
        day = _local_day(created_at, zone)
        week = day - timedelta(days=day.weekday())
        by_category[category_label(category)][week] += 1
        by_province[province_name(province) if province else "ไม่ระบุ"][week] += 1

    open_rows = session.scalars(
        select(Complaint.created_at).where(scope, Complaint.status.in_(OPEN_STATUSES))
    ).all()
    ages = Counter(_age_bucket((now - _aware(created)).days) for created in open_rows)
    return {
        "weeks": [f"{d.day}/{d.month}" for d in week_starts],
        "complaints_by_category": _series(by_category, week_starts),
        "complaints_by_province": _series(by_province, week_starts),
        "open_by_age": {
            "labels": [label for _, label in AGE_BUCKETS],
            "counts": [ages[label] for _, label in AGE_BUCKETS],
        },
        "open_total": len(open_rows),
    }


def _messages(
    session: Session, *, now: datetime, zone: ZoneInfo, days: int, labels: Mapping[str, str]
) -> dict[str, Any]:
    first_day = _local_day(now, zone) - timedelta(days=days - 1)
    since = datetime.combine(first_day, datetime.min.time(), tzinfo=zone)
    incoming = (MessageLog.direction == Direction.IN, MessageLog.created_at >= since)
    rows = session.execute(
        select(MessageLog.created_at, MessageLog.decision).where(*incoming)
    ).all()
    per_day: Counter[date] = Counter()
    understood_per_day: Counter[date] = Counter()
    unsure_per_day: Counter[date] = Counter()
    for created_at, decision in rows:
        day = _local_day(created_at, zone)
        per_day[day] += 1
        if decision is not None and decision != "picked":
            understood_per_day[day] += 1  # the classifier was asked about this one
            if decision in UNSURE_DECISIONS:
                unsure_per_day[day] += 1
    day_list = [first_day + timedelta(days=n) for n in range(days)]
    intents = session.execute(
        select(MessageLog.intent, func.count())
        .where(*incoming, MessageLog.intent.is_not(None))
        .group_by(MessageLog.intent)
        .order_by(func.count().desc())
    ).all()
    top, rest = intents[:8], sum(int(count) for _, count in intents[8:])
    classified = sum(understood_per_day.values())
    unsure = sum(unsure_per_day.values())
    return {
        "days": [f"{d.day}/{d.month}" for d in day_list],
        "messages_per_day": [per_day[d] for d in day_list],
        "unsure_share_per_day": [
            round(100 * unsure_per_day[d] / understood_per_day[d], 1)
            if understood_per_day[d]
            else 0
            for d in day_list
        ],
        "intent_mix": {
            "labels": [labels.get(str(i), str(i)) for i, _ in top] + (["อื่น ๆ"] if rest else []),
            "counts": [int(c) for _, c in top] + ([rest] if rest else []),
        },
        "messages_total": sum(per_day.values()),
        "unsure_share": round(100 * unsure / classified, 1) if classified else 0.0,
    }


def _series(counts: dict[str, Counter[date]], weeks: list[date]) -> list[dict[str, Any]]:
    return [
        {"label": label, "data": [counter[w] for w in weeks]}
        for label, counter in sorted(counts.items())
    ]


def _age_bucket(days: int) -> str:
    for limit, label in AGE_BUCKETS:
        if limit is None or days <= limit:
            return label
    raise AssertionError("the last bucket has no limit")


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _local_day(when: datetime, zone: ZoneInfo) -> date:
    return _aware(when).astimezone(zone).date()
