"""Thai text helpers: province names, search tokens, and LINE's length counting."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from intents.service_area import service_area

# Words the Thai National Corpus counts up to this often are treated as topic words ("คลอด"
# 2,008, "ตำรวจ" 7,894 is partly everyday); ten times as often, as everyday words ("เลย" 65,857).
_TOPIC_WORD_COUNT = 5000

_PROVINCE_PREFIX = re.compile(r"^(?:จังหวัด|จ\.\s*|changwat\s+)", re.IGNORECASE)


def text_length(text: str) -> int:
    """Characters as LINE counts them (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def normalise_province(value: str | None) -> str | None:
    """The Thai name of a service-area province, from its code, a code inside it, its name or
    an alias (or a served district's); anything else comes back cleaned, None when empty."""
    if not value:
        return None
    cleaned = _PROVINCE_PREFIX.sub("", str(value).strip()).strip().lower()
    if not cleaned:
        return None
    area = service_area()
    if cleaned.isdigit() and len(cleaned) >= 2:
        # A geothai code: a district or sub-district code starts with its province's code.
        province = area.province(cleaned[:2])
        return province.name_th if province else cleaned[:2]
    named = area.named(cleaned)
    province = area.province(named.province_code) if named else None
    return province.name_th if province else cleaned


# PyThaiNLP's stopwords include words that tell labour questions apart: "กลับ" from abroad,
# "ต่อ" after a complaint, "ออก" from work, "ส่ง" by post, "วัน" of pay. They stay searchable.
_CONTENT_WORDS = frozenset(
    {"กลับ", "ต่อ", "ส่ง", "ทาง", "เริ่ม", "ใหม่", "หลัง", "ออก", "เข้า", "ก่อน", "วัน", "ผิด"}
    # "When did it open": a passage that says when something began answers it.
    | {"เปิด", "ตั้งแต่"}
)


# Chat question particles the list lacks: they say nothing about the topic.
_QUESTION_WORDS = frozenset(
    {"ไหม", "ได้ไหม", "ได้มั้ย", "หรอ", "เหรอ", "ป่าว", "ปะ", "คับ", "ทำไง", "สอบถาม", "กี่", "เรื่อง"}
    # "โดน" marks the passive, as "ถูก" does (a stopword already): "โดนไล่ออก".
    | {"โดน"}
    # Southern speech the classifier's normaliser leaves as typed: "แล้ว", "อะไร", "บ้าง".
    | {"หลาว", "หละ", "แล้วหละ", "พรือ", "ไหร", "หิด", "มั่ง"}
)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return (frozenset(thai_stopwords()) | _QUESTION_WORDS) - _CONTENT_WORDS


def tokens(text: str) -> list[str]:
    """Search tokens: words as bot.content.words reads them (the classifier's segmenter, typed
    forms as the articles' words), without spaces, punctuation or stopwords."""
    from bot.content.words import read_tokens

    stop = _stopwords()
    return [t for t in read_tokens(text) if t not in stop and re.search(r"\w", t)]


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


# How users shorten or misspell the words articles use, rewritten to the articles' words before
# searching. Applied to articles and questions alike, so either spelling finds the other.
# (?<![ก-๙]) keeps a pattern from matching the tail of a longer Thai word.
_SEARCH_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        # ม.40, ม. 40, and without the dot ม 40, ม40 unless "ม" ends a word ("ความ 40").
        (r"ม\.\s*(\d{2})(?!\d)|(?<![ก-๙])ม\s*(\d{2})(?!\d)", r"มาตรา \1\2"),
        (r"มาตรา\s*(\d+)", r"มาตรา \1"),
        # No Thai word holds these letters in a row, so they are matched inside run-on text too.
        (r"สปส\.?", "สำนักงานประกันสังคม"),
        (r"ปกส\.?", "ประกันสังคม"),
        (r"(?<![a-z])mou(?![a-z])", "บันทึกข้อตกลง"),
        (r"(?<![ก-๙])อสร\.?", "อาสาสมัครแรงงาน"),
        (r"(?<![ก-๙])กสร\.?", "กรมสวัสดิการและคุ้มครองแรงงาน"),
        (r"(?<![ก-๙])กกจ\.?", "กรมการจัดหางาน"),
        (r"(?<![ก-๙])กพร\.?", "กรมพัฒนาฝีมือแรงงาน"),
        (r"(?<![ก-๙])ตปท\.?", "ต่างประเทศ"),
        (r"เมืองนอก", "ต่างประเทศ"),
        (r"(?<![ก-๙])ผตง\.?", "ผู้ตรวจการแผ่นดิน"),
        (r"ผู้ตรวจการ(?:ฯ|\s*แผ่นดิน)?", "ผู้ตรวจการแผ่นดิน"),
        (r"ออมบุด[สซ]?แมน|ombudsman", "ผู้ตรวจการแผ่นดิน"),
        (r"(?:ค่า\s*|(?<![ก-๙a-z]))(?:โอที|ot)(?![a-z])", "ค่าล่วงเวลา"),
        (r"มาเล(?:ย์)?(?!เซีย)", "มาเลเซีย"),
        (r"ซาอุ(?:ดี(?:อาระเบีย|อาราเบีย)?)?|ดูไบ|กาตาร์|คูเวต|โอมาน", r"\g<0> ตะวันออกกลาง"),
        # The same countries typed in Malay, read as the Malay articles' Timur Tengah.
        (
            r"(?<![a-z])(?:arab\s+saudi|saudi(?:\s+arabia)?|dubai|qatar|kuwait|oman)(?![a-z])",
            r"\g<0> timur tengah",
        ),
        (r"เบอร์(?:โทร(?:ศัพท์)?)?", "สายด่วน"),
        (r"เงินเดือน", "ค่าจ้าง"),
        (r"ค่าแรง", "ค่าจ้าง"),
        (r"อัตราค่าจ้าง", "อัตรา ค่าจ้าง"),
        (r"ต่ำสุด", "ขั้นต่ำ"),
        (r"ไล่ออก", "เลิกจ้าง"),
        (r"ตกงาน", "ว่างงาน"),
    )
)


def search_text(text: str) -> str:
    """Text rewritten to the articles' own words (abbreviations spelled out) for searching."""
    for pattern, replacement in _SEARCH_REWRITES:
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=1)
def _general_frequencies() -> dict[str, int]:
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


def everyday_word_share(word: str) -> float:
    """How much `word` is everyday Thai rather than a topic, from 0 (a topic word, or a word
    the Thai National Corpus rarely has) to 1 (as common as "เลย" or "รู้"). Latin-letter words
    count as everyday: the articles are Thai, so their absence says nothing."""
    if word.isascii():
        return 1.0 if any(ch.isalpha() for ch in word) else 0.0
    count = _general_frequencies().get(word, 0)
    if count <= _TOPIC_WORD_COUNT:
        return 0.0
    return min(1.0, math.log10(count / _TOPIC_WORD_COUNT))
