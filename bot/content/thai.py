"""Thai text helpers: Buddhist-era dates, province names, tokens, and LINE's length counting."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

THAI_MONTHS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
BE_OFFSET = 543

# The provinces the network serves, by the spellings users and the NLU may give: Thai name,
# English name, and the province code of the Thai administrative code list.
_PROVINCE_ALIASES = {
    "ปัตตานี": ("ปัตตานี", "pattani", "94"),
    "ยะลา": ("ยะลา", "yala", "95"),
    "นราธิวาส": ("นราธิวาส", "narathiwat", "96"),
    "สงขลา": ("สงขลา", "songkhla", "90", "หาดใหญ่", "hat yai"),
}
_PROVINCE_LOOKUP = {alias: name for name, aliases in _PROVINCE_ALIASES.items() for alias in aliases}
_PROVINCE_PREFIX = re.compile(r"^(?:จังหวัด|จ\.\s*|changwat\s+)", re.IGNORECASE)


def text_length(text: str) -> int:
    """Characters as LINE counts them (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def buddhist_date(value: dt.date) -> str:
    """'1 ม.ค. 2568' for 2025-01-01."""
    return f"{value.day} {THAI_MONTHS[value.month - 1]} {value.year + BE_OFFSET}"


def buddhist_partial_date(value: str) -> str:
    """A full or partial ISO date ('2025', '2025-07', '2025-07-01') in the Buddhist era."""
    parts = value.split("-")
    year = int(parts[0]) + BE_OFFSET
    if len(parts) == 1:
        return f"พ.ศ. {year}"
    month = THAI_MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {year}"
    return f"{int(parts[2])} {month} {year}"


def normalise_province(value: str | None) -> str | None:
    """The Thai name of a province the content knows, from any spelling; None otherwise."""
    if not value:
        return None
    cleaned = _PROVINCE_PREFIX.sub("", str(value).strip()).strip().lower()
    if cleaned.isdigit() and len(cleaned) >= 2:
        # A geothai code: a district or sub-district code starts with its province's code.
        cleaned = cleaned[:2]
    return _PROVINCE_LOOKUP.get(cleaned, cleaned) if cleaned else None


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def tokens(text: str) -> list[str]:
    """Search tokens: PyThaiNLP words, lower-cased, without spaces, punctuation or stopwords."""
    from pythainlp.tokenize import word_tokenize

    stop = _stopwords()
    out = []
    for token in word_tokenize(text.lower(), engine="newmm", keep_whitespace=False):
        token = token.strip()
        if not token or token in stop or not re.search(r"\w", token):
            continue
        out.append(token)
    return out


def short_label(text: str, limit: int = 20) -> str:
    """A label of at most `limit` characters, cut between words, for buttons and quick replies."""
    if text_length(text) <= limit:
        return text
    from pythainlp.tokenize import word_tokenize

    label = ""
    for word in word_tokenize(text, engine="newmm"):
        if text_length(label + word) > limit - 1:
            break
        label += word
    label = label.rstrip() or text[: limit - 1]
    return label + "…"
