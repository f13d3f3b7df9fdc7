"""The answer's language: which words frame an article, and the line for a Thai-only answer.

An article's card, its "read more" and its sources are framed in the article's own language, so
a Malay article never shows Thai buttons. The words are marked here in Thai and translated by the
message catalogue (bot/locale/ms), like every other message. Malay readers get Gregorian dates:
the Buddhist era is a Thai convention.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from linebot.v3.messaging import Message, TextMessage

from bot.core.i18n import L_, N_, translate
from bot.core.malay_dates import malay_partial_date
from bot.core.thai_dates import thai_date, thai_partial_date

THAI = "th"
MALAY = "ms"
ANSWER_LANGS = (THAI, MALAY)
MAX_MESSAGES = 5  # LINE: messages in one reply
MAX_TEXT = 5000  # LINE: characters in one text message
# Said once, above a Thai answer given to a Malay reader because no Malay article has it yet.
ONLY_IN_THAI_NOTE = N_("ขออภัยค่ะ เรื่องนี้ยังมีเฉพาะภาษาไทยในตอนนี้ค่ะ")
ONLY_IN_THAI = {MALAY: translate(ONLY_IN_THAI_NOTE, MALAY)}


def answer_lang(lang: str | None) -> str:
    """A language answers are written in: Malay for "ms", Thai for anything else."""
    return lang if lang in ANSWER_LANGS else THAI


@functools.lru_cache(maxsize=1024)
def _thai_date(day: dt.date) -> str:
    # PyThaiNLP's strftime takes a tenth of a card's time; review dates are a few dozen.
    return thai_date(day)


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
        return _thai_date(day) if self.thai_dates else malay_partial_date(day.isoformat())

    def partial_date(self, iso: str) -> str:
        return thai_partial_date(iso) if self.thai_dates else malay_partial_date(iso)


_THAI_FRAMING = Framing(
    read_more=L_("อ่านต่อ"),
    pick=L_("ดูเรื่องนี้"),
    volunteer_tag=N_("สำหรับอาสาสมัครและบัณฑิตแรงงาน"),
    sources_heading=N_("ที่มาของข้อมูล"),
    open_source=L_("เปิดแหล่งที่มา"),
    source=N_("ที่มา: {names} · ปรับปรุง {date}"),
    more_sources=N_("{names} และอีก {count} แหล่ง"),
    published=N_("เผยแพร่ {date}"),
    accessed=N_("ข้อมูล ณ {date}"),
    reviewed=N_("ตรวจทานล่าสุด {date}"),
    did_you_mean=N_("หมายถึงเรื่องนี้ไหมคะ"),
    article_gone=N_("ขออภัยค่ะ เรื่องนี้ถูกนำออกหรือปรับปรุงแล้ว พิมพ์คำถามใหม่หรือเลือกจากเมนูได้เลยค่ะ"),
    no_information=N_("ขออภัยค่ะ เรื่องนี้อาสาบอทยังไม่มีข้อมูลที่ตรวจสอบแล้วค่ะ"),
    nearby_topics=N_("ดูเรื่องใกล้เคียงได้จากปุ่มด้านล่างค่ะ"),
    # In Malay the hotline's Thai name is left out (offices.yaml names are Thai): the number
    # is what a Malay reader needs.
    ask_hotline=N_("สอบถามได้ที่ ☎️ {number} {name}"),
    hotline_option=N_(" กด {key} {name}"),
    complaint_label=L_("แจ้งเรื่องร้องเรียน"),
    complaint_offer=N_("ถ้าต้องการให้เจ้าหน้าที่ช่วยติดตามเรื่องนี้ กด «แจ้งเรื่องร้องเรียน» ได้เลยค่ะ"),
    thai_dates=True,
)


@functools.cache
def _framing(lang: str) -> Framing:
    if lang == THAI:
        return _THAI_FRAMING
    words: dict[str, Any] = {
        field.name: translate(getattr(_THAI_FRAMING, field.name), lang)
        for field in dataclasses.fields(Framing)
        if field.type == "str"
    }
    return dataclasses.replace(_THAI_FRAMING, **words, thai_dates=False)


def framing(lang: str | None) -> Framing:
    """The framing words of `lang` (Thai for a language answers are not written in)."""
    return _framing(answer_lang(lang))


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
