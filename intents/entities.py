"""Entities in a message: places, complaint references, phone numbers, amounts, dates.

Thai and Malay alike: place names in Malay spellings (Patani, Jala, Menara, Tabal...),
amounts in baht or ringgit ("RM 50", "50 ringgit", "5 ribu baht"), Thai and Malaysian phones.

Everything is searched in the folded text (Thai digits as Arabic, lower case) and reported with
the span of the text as typed. Spans never overlap: earlier kinds win (a reference number is
not also a phone number, a date's year is not an amount).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pythainlp.util import thaiword_to_num

from .normalize import fold
from .places import describe, find_places


@dataclass(slots=True)
class Entity:
    """One thing found in a message; `value` is canonical, `text` as typed."""

    kind: str  # province | district | subdistrict | reference | phone | amount | date
    value: Any
    text: str
    start: int
    end: int
    # geothai codes for places; {"currency": "THB" | "MYR"} for amounts
    codes: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.codes:
            out["codes"] = dict(self.codes)
        return out


_REFERENCE = re.compile(r"(?<![a-z0-9])as\s*[-_/ ]?\s*(25\d\d)\s*[-_/ ]?\s*(\d{6})(?![0-9])")
_PHONE = re.compile(r"(?<![0-9+])(\+?[0-9][0-9 \-]{7,14}[0-9])(?![0-9])")
_HOTLINE = re.compile(
    r"(?:โทร|เบอร์|สายด่วน|call|tel|hotline|talian|nombor|telefon)[^0-9\n]{0,12}(1[0-9]{3})(?![0-9])"
)
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_MULTIPLIERS = {
    "k": 1_000,
    "พัน": 1_000,
    "หมื่น": 10_000,
    "แสน": 100_000,
    "ล้าน": 1_000_000,
    "ribu": 1_000,
    "juta": 1_000_000,
}
_LATIN_MULTIPLIERS = ("ribu", "juta")
_AMOUNT = re.compile(
    rf"(?P<cur>฿|thb|rm|myr)\s*(?P<pre>{_NUMBER})(?![0-9])"
    rf"|(?P<num>{_NUMBER})\s*(?P<mult>k|พัน|หมื่น|แสน|ล้าน|ribu|juta)?\s*"
    r"(?P<unit>บาท|บ\.|฿|baht|bath|thb|ringgit|rm|myr|\.-)?(?![a-z])"
)
_MALAYSIAN = ("rm", "myr", "ringgit")
_THAI_NUMBER_WORDS = "ศูนย์|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน"
_AMOUNT_WORDS = re.compile(rf"((?:{_THAI_NUMBER_WORDS})+)\s*บาท")

_MONTHS = {
    1: ("มกราคม", "ม.ค.", "มค", "jan", "january"),
    2: ("กุมภาพันธ์", "ก.พ.", "กพ", "feb", "february"),
    3: ("มีนาคม", "มี.ค.", "มีค", "mar", "march"),
    4: ("เมษายน", "เม.ย.", "เมย", "apr", "april"),
    5: ("พฤษภาคม", "พ.ค.", "พค", "may"),
    6: ("มิถุนายน", "มิ.ย.", "มิย", "jun", "june"),
    7: ("กรกฎาคม", "ก.ค.", "กค", "jul", "july"),
    8: ("สิงหาคม", "ส.ค.", "สค", "aug", "august"),
    9: ("กันยายน", "ก.ย.", "กย", "sep", "sept", "september"),
    10: ("ตุลาคม", "ต.ค.", "ตค", "oct", "october"),
    11: ("พฤศจิกายน", "พ.ย.", "พย", "nov", "november"),
    12: ("ธันวาคม", "ธ.ค.", "ธค", "dec", "december"),
}
_MONTH_BY_NAME = {name: month for month, names in _MONTHS.items() for name in names}
_MONTH_NAMES = "|".join(re.escape(n) for n in sorted(_MONTH_BY_NAME, key=len, reverse=True))
_DATE_WORDS = re.compile(
    rf"(?<![0-9])(?P<day>[0-9]{{1,2}})\s*(?P<month>{_MONTH_NAMES})(?![a-z])\.?\s*"
    r"(?:(?P<era>พ\.ศ\.|พ\.ศ|พศ\.?|ค\.ศ\.|ค\.ศ|คศ\.?|be|ad)\s*)?"
    r"(?P<year>[0-9]{4}|[0-9]{2})?(?![0-9])"
)
_DATE_NUMERIC = re.compile(
    r"(?<![0-9/.\-])(?P<day>[0-9]{1,2})[/.\-](?P<month>[0-9]{1,2})[/.\-]"
    r"(?P<year>[0-9]{4}|[0-9]{2})(?![0-9/.\-])"
)


def _year(raw: str | None, era: str | None, today: dt.date) -> int | None:
    """A Gregorian year from what was typed; Thai writers use the Buddhist era (CE + 543)."""
    if raw is None:
        return today.year
    year = int(raw)
    christian_era = (era or "").replace(".", "").strip() in ("คศ", "ad")
    if len(raw) == 2:
        # "5 มี.ค. 68" is B.E. 2568; two digits below 50 are read as C.E. 20xx.
        if christian_era or year < 50:
            return 2000 + year
        return 2500 + year - 543
    if year >= 2400:
        return year - 543
    if 1900 <= year < 2200:
        return year
    return None


def _date(day: str, month: int, year: int | None) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, int(day))
    except ValueError:
        return None


def _number(raw: str) -> float:
    return float(raw.replace(",", ""))


def _plain(value: float) -> int | float:
    return int(value) if value == int(value) else value


class _Spans:
    """Collects entities in the folded text and keeps them from overlapping."""

    def __init__(self, text: str, folded: str, offsets: list[int]) -> None:
        self.text, self.folded, self.offsets = text, folded, offsets
        self.taken: list[tuple[int, int]] = []
        self.found: list[Entity] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def add(self, kind: str, value: Any, start: int, end: int, **codes: str) -> None:
        while end > start and self.folded[end - 1].isspace():
            end -= 1  # optional parts of a pattern may have taken the space after it
        if not self.free(start, end):
            return
        self.taken.append((start, end))
        a, b = self.offsets[start], self.offsets[end]
        self.found.append(Entity(kind, value, self.text[a:b], a, b, dict(codes)))


def _references(s: _Spans) -> None:
    for m in _REFERENCE.finditer(s.folded):
        s.add("reference", f"AS-{m.group(1)}-{m.group(2)}", m.start(), m.end())


def _phones(s: _Spans) -> None:
    for m in _PHONE.finditer(s.folded):
        raw = m.group(1)
        digits = re.sub(r"[ \-]", "", raw)
        malaysian = _malaysian_mobile(digits)
        if malaysian:
            s.add("phone", malaysian, m.start(1), m.end(1))
            continue
        if digits.startswith("+66"):
            digits = "0" + digits[3:]
        elif digits.startswith("66") and len(digits) in (10, 11):
            digits = "0" + digits[2:]
        mobile = len(digits) == 10 and digits[:2] in ("06", "08", "09")
        landline = len(digits) == 9 and digits[:2] in ("02", "03", "04", "05", "07")
        if mobile or landline:
            s.add("phone", digits, m.start(1), m.end(1))
    for m in _HOTLINE.finditer(s.folded):
        s.add("phone", m.group(1), m.start(1), m.end(1))


def _malaysian_mobile(digits: str) -> str | None:
    """+60 1x... as E.164: Patani families work across the border and give those numbers."""
    if digits.startswith("+60"):
        rest = digits[3:]
    elif digits.startswith("60") and len(digits) in (11, 12):
        rest = digits[2:]
    elif digits.startswith("01") and len(digits) in (10, 11):
        rest = digits[1:]  # a Thai number never starts with 01
    else:
        return None
    return f"+60{rest}" if rest.startswith("1") and len(rest) in (9, 10) else None


def _dates(s: _Spans, today: dt.date) -> None:
    for m in _DATE_WORDS.finditer(s.folded):
        month = _MONTH_BY_NAME[m.group("month")]
        when = _date(m.group("day"), month, _year(m.group("year"), m.group("era"), today))
        if when:
            s.add("date", when.isoformat(), m.start(), m.end())
    for m in _DATE_NUMERIC.finditer(s.folded):
        when = _date(m.group("day"), int(m.group("month")), _year(m.group("year"), None, today))
        if when:
            s.add("date", when.isoformat(), m.start(), m.end())


def _amounts(s: _Spans) -> None:
    folded = s.folded
    for m in _AMOUNT.finditer(folded):
        if m.group("pre"):
            if m.group("cur") in ("rm", "myr") and _inside_word(folded, m.start()):
                continue
            currency = "MYR" if m.group("cur") in _MALAYSIAN else "THB"
            s.add("amount", _plain(_number(m.group("pre"))), m.start(), m.end(), currency=currency)
            continue
        mult, unit = m.group("mult"), m.group("unit")
        after = folded[m.end("mult") : m.end("mult") + 1] if mult else ""
        if mult in _LATIN_MULTIPLIERS:
            # "gaji 15 ribu" is money; "5 ribu orang" is not: a Malay word after it says so.
            after = folded[m.end("mult") :].lstrip()[:1]
        # "2 หมื่น" is money in a chat about wages; "2 พันคน" is not.
        bare_multiplier = mult and not unit and not ("ก" <= after <= "๛" or after.isalpha())
        if not (unit or bare_multiplier):
            continue
        value = _number(m.group("num")) * _MULTIPLIERS.get(mult or "", 1)
        end = m.end() if unit else m.end("mult")
        currency = "MYR" if unit in _MALAYSIAN else "THB"
        s.add("amount", _plain(value), m.start(), end, currency=currency)
    for m in _AMOUNT_WORDS.finditer(folded):
        try:
            value = thaiword_to_num(m.group(1))
        except ValueError:
            continue
        s.add("amount", value, m.start(), m.end(), currency="THB")


def _inside_word(text: str, start: int) -> bool:
    return start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()


def _places(s: _Spans) -> None:
    for place in find_places(s.folded):
        value, codes = describe(place.level, place.code)
        s.add(place.level, value, place.start, place.end, **codes)


def extract_entities(text: str, *, today: dt.date | None = None) -> list[Entity]:
    """Every entity in `text`, in reading order; a date without a year takes `today`'s."""
    folded, offsets = fold(text)
    spans = _Spans(text, folded, offsets)
    _references(spans)
    _dates(spans, today or dt.date.today())
    _phones(spans)
    _amounts(spans)
    _places(spans)
    return sorted(spans.found, key=lambda e: e.start)
