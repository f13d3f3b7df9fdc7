"""Text normalisation for messages typed fast on phones.

Two forms: `normalize()` for understanding (may shorten the text), and `fold()` for entities,
which keeps a map back to the characters as typed so an entity can say where it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pythainlp.util import normalize as _thai_normalize

# One translation table for the 1:1 changes: Thai digits, full-width forms, ASCII upper case.
_FOLD_TABLE: dict[int, int | str] = {
    **{ord(t): str(i) for i, t in enumerate("๐๑๒๓๔๕๖๗๘๙")},
    **{cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)},
    **{cp: chr(cp + 32) for cp in range(ord("A"), ord("Z") + 1)},
    0x3000: " ",
    0x2013: "-",  # en dash, as phones insert it for "--"
    0x2014: "-",
    0x2212: "-",
}
# Zero-width marks and byte-order marks carry no meaning; controls are never typed on purpose.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Stickers and LINE emoticons arrive as text when messages are copied or forwarded.
_STICKER = re.compile(
    r"\[(?:sticker|stickers|สติ[กก๊]เกอร์|photo|image|รูป|รูปภาพ|video|วิดีโอ|emoji)\]"
    r"|\((?:[a-z]+ )*(?:sticker|emoji|emoticon)s?\)"
)
_EMOTICON = re.compile(r"\(([a-z][a-z ]{0,20})\)")
_EMOTICON_WORDS = {
    "lol": "555",
    "laugh": "555",
    "haha": "555",
    "grin": "555",
    "ok": "โอเค",
    "thumbs up": "โอเค",
    "thanks": "ขอบคุณ",
    "thank you": "ขอบคุณ",
    "bow": "ขอบคุณ",
}
# The few emoji that carry an intent of their own keep it as a word; the rest are noise.
_EMOJI_WORDS = {
    "😂": " 555 ",
    "🤣": " 555 ",
    "😆": " 555 ",
    "😹": " 555 ",
    "👍": " โอเค ",
    "👌": " โอเค ",
    "🆗": " โอเค ",
    "🙏": " ขอบคุณ ",
    "👋": " สวัสดี ",
}
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002300-\U000023ff\U00002b00-\U00002bff"
    "\U0000fe00-\U0000fe0f\U0000200d\U000020e3\U0001f1e6-\U0001f1ff\U000e0020-\U000e007f]"
)

# Laughter: 555 (ha ha ha) or ถถถ (the same keys with a Thai keyboard) stays recognisable.
_LAUGH = re.compile(r"(?<![0-9])5{3,}\+*(?![0-9])|ถ{3,}")
_REPEATED_LETTER = re.compile(r"([ก-ฮa-z])\1{2,}")
_REPEATED_MAIYAMOK = re.compile(r"ๆ(?:\s*ๆ)+")
_REPEATED_MARK = re.compile(r"([!?.,~\-_=+*#/])\1+")
_SPACES = re.compile(r"\s+")

# Spellings people type for the same word, and southern dialect for common question words.
# Each is written so it cannot fire inside a longer, different word.
_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"มั้ย|มั๊ย|มั๋ย|ไม๊|หมั้ย", "ไหม"),
        (r"เท่า(?:ไหร่|ไหร|ไร่|ไร|หร่|หรั่ย|ไหล่)|ท่อไหร่|ท่อใด", "เท่าไหร่"),
        (r"ยังงัย|ยังงาย|ยังไง|ยังพรือ|พันพรือ|ผรื่อ|ผรือ|(?<=ทำ)พรือ", "ยังไง"),
        (r"อะไล|อาราย|อะรัย|อาไร", "อะไร"),
        (r"คร้าบ|ครัช|ค้าบ|(?<!บัง)คับ(?=\s|$|[!?.])", "ครับ"),
        (r"คร่ะ", "ค่ะ"),
        (r"สวัดดี|สวัสดิ(?=ค่ะ|ครับ|\s|$)", "สวัสดี"),
        (r"ขอบคุน|ขอบคุง", "ขอบคุณ"),
        (r"ร้องเรียง", "ร้องเรียน"),
        (r"ร้องทุก(?!ข์)", "ร้องทุกข์"),
        (r"แรงาน", "แรงงาน"),
        (r"o\.t\.|(?<![a-z])ot(?![a-z])", "โอที"),
        # "ม.40" is section 40 of the Social Security Act; "ม.3" alone is a village number.
        (r"(?<![ก-๛])ม\.?\s?(?=(?:33|39|40)(?![0-9]))", "มาตรา "),
    )
)

# Polite particles and marks people end a short answer with: "ยินยอมค่ะ", "หนองจิกครับ!",
# "ยกเลิกนะคะ". Each one alone, so a reader of names can stop while a name still reads
# ("จะนะค่ะ" is the district จะนะ, not จะ).
_POLITE_ENDING = r"(?:ค่ะ|คะ|ค่า|ครับ|คับ|ฮะ|จ้า|จ้ะ|นะ|น่ะ|เลย|[.!?…~ๆ\s])"
_ONE_POLITE_ENDING = re.compile(_POLITE_ENDING + "$")
_POLITE_ENDINGS = re.compile(_POLITE_ENDING + "+$")

_TRUNCATE_HEAD = 200
_TRUNCATE_TAIL = 500


def _emoticon(match: re.Match[str]) -> str:
    inner = match.group(1).strip()
    for word, replacement in _EMOTICON_WORDS.items():
        if word in inner:
            return f" {replacement} "
    return match.group(0)


def _emoji(match: re.Match[str]) -> str:
    return _EMOJI_WORDS.get(match.group(0), " ")


def fold(text: str) -> tuple[str, list[int]]:
    """A length-stable form for entity search, with each character's index in `text`.

    Thai digits become Arabic, full-width forms ASCII, Latin lower case, "เเ" becomes "แ" and
    invisible marks go. `offsets` has one entry per folded character plus one for the end.
    """
    folded = text.translate(_FOLD_TABLE)
    chars: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(folded)
    while i < n:
        c = folded[i]
        if c == "เ" and i + 1 < n and folded[i + 1] == "เ":
            chars.append("แ")
            offsets.append(i)
            i += 2
            continue
        if _INVISIBLE.match(c) or _CONTROLS.match(c):
            i += 1
            continue
        chars.append(c)
        offsets.append(i)
        i += 1
    offsets.append(len(text))
    return "".join(chars), offsets


# One message is normalised several times on its way (the classifier, the article search, the
# question's parts): the result of a message of chat length is kept. Longer texts are not, so a
# flood of huge messages cannot fill the memory.
_CACHED_LENGTH = 2000


def normalize(text: str) -> str:
    """One canonical form of a message for the classifier (see the module docstring)."""
    if len(text) <= _CACHED_LENGTH:
        return _normalize_cached(text)
    return _normalize(text)


@lru_cache(maxsize=4096)
def _normalize_cached(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    text = _CONTROLS.sub(" ", _INVISIBLE.sub("", text))
    text = text.translate(_FOLD_TABLE).lower()
    text = _STICKER.sub(" ", text)
    text = _EMOTICON.sub(_emoticon, text)
    text = _EMOJI.sub(_emoji, text)
    text = _thai_normalize(text)
    text = _LAUGH.sub("555", text)
    text = _REPEATED_LETTER.sub(r"\1", text)
    text = _REPEATED_MAIYAMOK.sub("ๆ", text)
    text = _REPEATED_MARK.sub(r"\1", text)
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    return _SPACES.sub(" ", text).strip()


def strip_polite_endings(text: str) -> str:
    """`text` without the polite endings it finishes with; as typed when nothing else is left."""
    return _POLITE_ENDINGS.sub("", text) or text


def shorter_without_polite_endings(text: str) -> Iterator[str]:
    """`text` with one more polite ending taken off each time: "จะนะค่ะ" -> "จะนะ" -> "จะ"."""
    while True:
        ending = _ONE_POLITE_ENDING.search(text)
        if ending is None or ending.start() == 0:
            return
        text = text[: ending.start()]
        yield text


def clip(text: str) -> str:
    """Keep the start and the end of a very long message: the question is usually at the end."""
    if len(text) <= _TRUNCATE_HEAD + _TRUNCATE_TAIL:
        return text
    return f"{text[:_TRUNCATE_HEAD]} {text[-_TRUNCATE_TAIL:]}"
