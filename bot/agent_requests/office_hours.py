"""Office hours: when staff read the chat, and when they will next, in the local time zone.

Public holidays are not known to the bot: on one, a person is told staff read "now" when the
office is in fact closed. The hours are a setting (OFFICE_HOURS), e.g. "mon-fri 08:30-16:30".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.i18n import IN_THAI, N_, Translator

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
THAI_DAYS = (
    N_("วันจันทร์"),
    N_("วันอังคาร"),
    N_("วันพุธ"),
    N_("วันพฤหัสบดี"),
    N_("วันศุกร์"),
    N_("วันเสาร์"),
    N_("วันอาทิตย์"),
)
TODAY = N_("วันนี้")
TOMORROW = N_("พรุ่งนี้")
AT_TIME = N_("{day} เวลา {time} น.")


@dataclass(frozen=True)
class OfficeHours:
    days: frozenset[int]  # 0 = Monday
    opens: time
    closes: time
    zone: ZoneInfo

    @classmethod
    def parse(cls, spec: str, timezone: str) -> OfficeHours:
        """Read "mon-fri 08:30-16:30" (days as a range or a comma list)."""
        try:
            days_part, hours_part = spec.strip().lower().split()
            if "-" in days_part:
                first, last = (_DAYS.index(d) for d in days_part.split("-"))
                days = frozenset(range(first, last + 1))
            else:
                days = frozenset(_DAYS.index(d) for d in days_part.split(","))
            opens, closes = (time.fromisoformat(t) for t in hours_part.split("-"))
        except ValueError as exc:
            raise ValueError(
                f"OFFICE_HOURS must look like mon-fri 08:30-16:30, not {spec!r}"
            ) from exc
        return cls(days, opens, closes, ZoneInfo(timezone))

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(self.zone)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, now: datetime) -> datetime:
        """The next time the office opens after `now` (local time, aware)."""
        local = now.astimezone(self.zone)
        for ahead in range(8):
            day = (local + timedelta(days=ahead)).date()
            opening = datetime.combine(day, self.opens, tzinfo=self.zone)
            if day.weekday() in self.days and opening > local:
                return opening
        raise ValueError("office hours name no day")

    def when_staff_read(self, now: datetime, t: Translator = IN_THAI) -> str:
        """ "วันจันทร์ เวลา 08:30 น." (or "พรุ่งนี้ ..."): what the person is told, in `t`."""
        opening = self.next_opening(now)
        local_day = now.astimezone(self.zone).date()
        if opening.date() == local_day:
            day = TODAY
        elif opening.date() == local_day + timedelta(days=1):
            day = TOMORROW
        else:
            day = THAI_DAYS[opening.weekday()]
        return t(AT_TIME, day=t(day), time=f"{opening:%H:%M}")
