"""Quiet hours: announcements wait for the morning unless they are urgent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo


@dataclass(frozen=True)
class QuietHours:
    """A daily local window (it may wrap midnight) in which nothing is announced."""

    start: time | None
    end: time | None
    zone: tzinfo

    @classmethod
    def parse(cls, spec: str, zone: tzinfo) -> QuietHours:
        """From "21:00-07:00"; "off" (or empty) means no quiet hours."""
        spec = (spec or "").strip()
        if spec.lower() in {"", "off", "none"}:
            return cls(None, None, zone)
        try:
            start, end = (time.fromisoformat(part.strip()) for part in spec.split("-"))
        except ValueError as exc:
            raise ValueError(f"QUIET_HOURS must look like 21:00-07:00, not {spec!r}") from exc
        return cls(start, end, zone)

    def is_quiet(self, when: datetime) -> bool:
        if self.start is None or self.end is None or self.start == self.end:
            return False
        local = when.astimezone(self.zone).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def release_time(self, when: datetime) -> datetime:
        """`when` itself outside quiet hours, else the end of the quiet window it falls in."""
        if not self.is_quiet(when):
            return when
        assert self.end is not None
        local = when.astimezone(self.zone)
        end_today = datetime.combine(local.date(), self.end, tzinfo=self.zone)
        release = end_today if end_today > local else end_today + timedelta(days=1)
        return release.astimezone(when.tzinfo)
