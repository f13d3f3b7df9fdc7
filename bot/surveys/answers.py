"""Reading an answer of each question type from what was typed, tapped or sent, and showing it.

A typed answer is read the way people write it: Thai digits, thousands separators and a unit
("25 ปี", "12,000 บาท") for numbers; 15/3/2567 (Buddhist era), 15/3/2024, 2024-03-15 or
"15 มีนาคม 2567" for dates; the number or the label of a choice. What cannot be read gives a
catalogue key saying why, shown in the person's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.core.thai_dates import gregorian_year, thai_date, typed_month_numbers
from bot.surveys.form import Question, pick_label
from bot.surveys.inputs import SurveyInput
from bot.surveys.messages import say

MAX_TEXT = 1000
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_GROUPED = re.compile(r"(?<=\d)[,\s](?=\d{3}\b)")
_POLITE = re.compile(r"(?:ค่ะ|คะ|ครับ|คับ|จ้า|นะ|[.!?~])+$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDED_DATE = re.compile(r"^(\d{1,2})\s*([^\d\s]+)\s*(\d{4})$")
_LAT_LON = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*[, ]\s*(-?\d{1,3}(?:\.\d+)?)$")
MONTHS = typed_month_numbers()


@dataclass(frozen=True)
class Parsed:
    """An answer read (`value`), or why not (`error`, a catalogue key, and its `values`)."""

    value: Any = None
    error: str | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def fold(text: str) -> str:
    """Text as compared with a label: case, spaces and polite endings do not count."""
    folded = "".join(text.split()).lower()
    return _POLITE.sub("", folded) or folded


def read_answer(question: Question, given: SurveyInput) -> Parsed:
    """The answer `given` makes to `question` (select_multiple taps are the runner's)."""
    kind = question.kind
    if kind in ("select_one", "select_multiple"):
        return _choices(question, given)
    if kind == "date":
        if given.kind == "command" and given.date:
            return _date_of(given.date)
        return _date_of(given.text) if given.kind == "text" else Parsed(error="bad_date")
    if kind == "geopoint":
        return _place(given)
    if kind == "image":
        if given.kind == "image" and given.message_id:
            return Parsed({"message_id": given.message_id})
        return Parsed(error="bad_image")
    if given.kind != "text" or not given.text:
        return Parsed(error="not_understood")
    if kind == "integer":
        return _number(given.text, integer=True)
    if kind == "decimal":
        return _number(given.text, integer=False)
    if len(given.text) > MAX_TEXT:
        return Parsed(error="too_long", values={"limit": MAX_TEXT})
    return Parsed(given.text)


def _number(text: str, *, integer: bool) -> Parsed:
    cleaned = _GROUPED.sub("", text.translate(_THAI_DIGITS))
    found = _NUMBER.findall(cleaned)
    error = "bad_integer" if integer else "bad_decimal"
    if len(found) != 1:
        return Parsed(error=error)
    if integer:
        return Parsed(int(found[0])) if "." not in found[0] else Parsed(error=error)
    return Parsed(float(found[0]))


def _date_of(text: str | None) -> Parsed:
    text = (text or "").strip().translate(_THAI_DIGITS).lower()
    day = month = year = None
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif (match := _WORDED_DATE.match(text)) and match.group(2) in MONTHS:
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))
    if year is None or month is None or day is None:
        return Parsed(error="bad_date")
    year = gregorian_year(year)
    try:
        return Parsed(date(year, month, day).isoformat())
    except ValueError:
        return Parsed(error="bad_date")


def _place(given: SurveyInput) -> Parsed:
    if given.kind == "location" and given.latitude is not None and given.longitude is not None:
        return Parsed({"lat": round(given.latitude, 6), "lon": round(given.longitude, 6)})
    if given.kind == "text" and (match := _LAT_LON.match(given.text.strip())):
        lat, lon = float(match.group(1)), float(match.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Parsed({"lat": lat, "lon": lon})
    return Parsed(error="bad_geopoint")


def _choices(question: Question, given: SurveyInput) -> Parsed:
    if given.kind == "command" and given.command == "answer" and given.value:
        if question.choice(given.value) is None:
            return Parsed(error="bad_choice")
        return Parsed(given.value if question.kind == "select_one" else [given.value])
    if given.kind != "text" or not given.text:
        return Parsed(error="bad_choice")
    if question.kind == "select_one":
        found = choice_named(question, given.text)
        return Parsed(found) if found else Parsed(error="bad_choice")
    parts = [p for p in re.split(r"[,\s]+", given.text.translate(_THAI_DIGITS)) if p]
    whole = choice_named(question, given.text)  # a label with spaces, typed whole
    names = [whole] if whole else [choice_named(question, p) for p in parts]
    if not names or any(n is None for n in names):
        return Parsed(error="bad_choice")
    return Parsed(ordered_names(question, [n for n in names if n]))


def choice_named(question: Question, text: str) -> str | None:
    """The choice a typed number (1 = the first) or label (any language) names."""
    cleaned = text.strip().translate(_THAI_DIGITS)
    if cleaned.isdigit():
        index = int(cleaned) - 1
        return question.choices[index].name if 0 <= index < len(question.choices) else None
    wanted = fold(cleaned)
    for choice in question.choices:
        if wanted == fold(choice.name) or any(wanted == fold(t) for t in choice.labels.values()):
            return choice.name
    return None


def ordered_names(question: Question, names: list[str]) -> list[str]:
    """Chosen names without repeats, in the order of the choices."""
    order = [c.name for c in question.choices]
    return sorted(set(names), key=order.index)


def shown(question: Question, raw: Any, language: str) -> str:
    """An answer as the summary and "คำตอบเดิม" show it."""
    if raw is None:
        return say("skipped", language)
    kind = question.kind
    if kind == "select_one":
        choice = question.choice(raw)
        return pick_label(choice.labels, language, raw) if choice else str(raw)
    if kind == "select_multiple":
        labels = [pick_label(c.labels, language, c.name) for c in question.choices if c.name in raw]
        return ", ".join(labels)
    if kind == "integer":
        return f"{raw:,}" if abs(raw) >= 10000 else str(raw)  # 2562 is a year, 15,000 money
    if kind == "decimal":
        return f"{raw:,.2f}".rstrip("0").rstrip(".")
    if kind == "date":
        day = date.fromisoformat(raw)
        return thai_date(day) if language == "th" else day.strftime("%d/%m/%Y")
    if kind == "geopoint":
        return say("location_answer", language, lat=f"{raw['lat']:.5f}", lon=f"{raw['lon']:.5f}")
    if kind == "image":
        return say("photo_answer", language)
    return str(raw)
