"""The answer's language: which words frame an article, and the line for a Thai-only answer.

An article's card, its "read more" and its sources are framed in the article's own language, so
a Malay article never shows Thai buttons. These few framing words live here until the message
catalogue (issue 16, gettext `.po` files) takes them; each Malay label stays within LINE's 20
characters. Malay readers get Gregorian dates: the Buddhist era is a Thai convention.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from linebot.v3.messaging import Message, TextMessage

from bot.core.thai_dates import thai_date, thai_partial_date

THAI = "th"
MALAY = "ms"
ANSWER_LANGS = (THAI, MALAY)
MAX_MESSAGES = 5  # LINE: messages in one reply
MAX_TEXT = 5000  # LINE: characters in one text message
# Said once, above a Thai answer given to a Malay reader because no Malay article has it yet.
ONLY_IN_THAI = {MALAY: "Maaf, maklumat ini hanya ada dalam bahasa Thai buat masa ini."}
_MALAY_MONTHS = (
    "Januari", "Februari", "Mac", "April", "Mei", "Jun",
    "Julai", "Ogos", "September", "Oktober", "November", "Disember",
)  # fmt: skip


def answer_lang(lang: str | None) -> str:
    """A language answers are written in: Malay for "ms", Thai for anything else."""
    return lang if lang in ANSWER_LANGS else THAI


def malay_partial_date(iso: str) -> str:
    """ "2025" -> "2025", "2025-07" -> "Julai 2025", "2025-07-01" -> "1 Julai 2025"."""
    parts = [int(part) for part in iso.split("-")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"not a full or partial ISO date: {iso!r}")
    if len(parts) == 1:
        return str(parts[0])
    month = _MALAY_MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


@dataclass(frozen=True)
class Framing:
    """The words around an article in one language."""

    read_more: str
    pick: str
    volunteer_tag: str
    sources_heading: str
    open_source: str  # + the source's number: at most 20 characters
    source: str  # "ที่มา: {names} · ปรับปรุง {date}"
    more_sources: str  # "{names} และอีก {count} แหล่ง"
    published: str
    accessed: str
    reviewed: str
    did_you_mean: str
    article_gone: str
    no_information: str
    nearby_topics: str
    ask_hotline: str  # "{number}", then " กด {key}" when the hotline has an option
    hotline_option: str
    complaint_label: str
    complaint_offer: str
    thai_dates: bool

    def date(self, day: dt.date) -> str:
        return thai_date(day) if self.thai_dates else malay_partial_date(day.isoformat())

    def partial_date(self, iso: str) -> str:
        return thai_partial_date(iso) if self.thai_dates else malay_partial_date(iso)


_FRAMING = {
    THAI: Framing(
        read_more="อ่านต่อ",
        pick="ดูเรื่องนี้",
        volunteer_tag="สำหรับอาสาสมัครและบัณฑิตแรงงาน",
        sources_heading="ที่มาของข้อมูล",
        open_source="เปิดแหล่งที่มา",
        source="ที่มา: {names} · ปรับปรุง {date}",
        more_sources="{names} และอีก {count} แหล่ง",
        published="เผยแพร่ {date}",
        accessed="ข้อมูล ณ {date}",
        reviewed="ตรวจทานล่าสุด {date}",
        did_you_mean="หมายถึงเรื่องนี้ไหมคะ",
        article_gone=("ขออภัยค่ะ เรื่องนี้ถูกนำออกหรือปรับปรุงแล้ว พิมพ์คำถามใหม่หรือเลือกจากเมนูได้เลยค่ะ"),
        no_information="ขออภัยค่ะ เรื่องนี้อาสาบอทยังไม่มีข้อมูลที่ตรวจสอบแล้วค่ะ",
        nearby_topics="ดูเรื่องใกล้เคียงได้จากปุ่มด้านล่างค่ะ",
        ask_hotline="สอบถามได้ที่ ☎️ {number} {name}",
        hotline_option=" กด {key} {name}",
        complaint_label="แจ้งเรื่องร้องเรียน",
        complaint_offer=("ถ้าต้องการให้เจ้าหน้าที่ช่วยติดตามเรื่องนี้ กด «แจ้งเรื่องร้องเรียน» ได้เลยค่ะ"),
        thai_dates=True,
    ),
    MALAY: Framing(
        read_more="Baca lagi",
        pick="Lihat ini",
        volunteer_tag="Untuk sukarelawan dan graduan buruh",
        sources_heading="Sumber maklumat",
        open_source="Buka sumber",
        source="Sumber: {names} · dikemas kini {date}",
        more_sources="{names} dan {count} sumber lagi",
        published="diterbitkan {date}",
        accessed="dibaca pada {date}",
        reviewed="Kali terakhir disemak {date}",
        did_you_mean="Adakah ini yang dimaksudkan?",
        article_gone=(
            "Maaf, maklumat ini sudah dikeluarkan atau dikemas kini. "
            "Sila taip soalan baru atau pilih dari menu."
        ),
        no_information="Maaf, AsaBot belum ada maklumat yang disemak tentang perkara ini.",
        nearby_topics="Topik yang berkaitan ada pada butang di bawah.",
        # Hotline names in offices.yaml are Thai; the number is what a Malay reader needs.
        ask_hotline="Sila tanya di talian ☎️ {number}",
        hotline_option=", tekan {key}",
        complaint_label="Buat aduan",
        complaint_offer="Jika mahu pegawai bantu susuli perkara ini, tekan «Buat aduan».",
        thai_dates=False,
    ),
}


def framing(lang: str | None) -> Framing:
    """The framing words of `lang` (Thai for a language answers are not written in)."""
    return _FRAMING[answer_lang(lang)]


def only_in_thai(messages: list[Message], lang: str) -> list[Message]:
    """A Thai answer for a reader of `lang`, with one line in their language saying so first
    (first, so the quick replies stay on the last message, where LINE shows them)."""
    note = ONLY_IN_THAI.get(lang)
    if note is None or not messages:
        return messages
    if len(messages) < MAX_MESSAGES:
        return [TextMessage(text=note), *messages]
    first = messages[0]
    if isinstance(first, TextMessage):  # a reply already five long: the line leads its first text
        first.text = f"{note}\n\n{first.text}"[:MAX_TEXT]
    return messages
