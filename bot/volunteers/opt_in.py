"""Whether a message about announcements asks to turn them on, off, or neither.

Words are matched with what follows them, not as bare substrings: "ปิด" is inside "เปิด",
"หยุด" inside "วันหยุด", "รับ" inside "รับสมัคร", and "ไม่ได้รับข่าว" reports a missing message
rather than asking to stop. Anything unclear is None: the caller then shows the news and the
current setting with a button to change it, so a wrong guess never flips the setting.
"""

from __future__ import annotations

import re

# The things one subscribes to, and the verbs of receiving and sending them.
_OBJECT = r"(?:ข่าว|ประกาศ(?!ผล)|แจ้งเตือน|ข้อความ|berita|news|pengumuman)"
_RECEIVE = r"(?:รับ(?!สมัคร)|ส่ง|terima|hantar|langganan|send|receive)"
# Words that may stand between a verb and what it is about ("ขอหยุด|การ|รับข่าว|ไปก่อน").
_FILLER = r"(?:ขอ|การ|ให้|ช่วย|ด้วย|ทุกเรื่อง|ทั้งหมด|ไป|ก่อน|ใหม่|อีก|กลับมา|ต่อ|มา|แล้ว|นะ|เลย)*"
# What may close a request: polite particles, "please", "may I", a question mark.
_END = r"(?:ค่ะ|คะ|ครับ|คับ|จ้า|จ้ะ|เจ้า|นะ|หน่อย|ที|ได้ไหม|ได้มั้ย|ได้ป่าว|ได้เปล่า|please|\?|!|\.)*$"
_TAIL = rf"{_FILLER}(?:{_RECEIVE}|{_OBJECT}|{_END})"

_OFF_VERB = r"(?:ยกเลิก|เลิก|(?<!วัน)หยุด|(?<!เ)ปิด|งด|ระงับ|unsubscribe|stop|turnoff|berhenti|henti)"
_ON_VERB = r"(?:เปิด|สมัคร|ติดตาม|(?<!ได้)(?<!ไม่)รับ(?!สมัคร)|subscribe|turnon|langgan(?:an)?|terima)"
# "don't want / no need / don't": a wish, unlike "ไม่ได้" (did not), which only reports.
_NEGATION = (
    r"(?:ไม่(?:อยาก|เอา|ต้องการ|ต้อง|ขอ|สนใจ|ประสงค์|รับ)|อย่า|ห้าม"
    r"|tak(?:nak|mahu|mau)|tidak(?:mahu|mau)|jangan|don'?t)"
)

_ASKS_STATE = re.compile(r"อยู่(?:ไหม|มั้ย|หรือเปล่า|รึเปล่า|หรือไม่|ป่าว|\?)")
_KEEP_GOING = re.compile(rf"{_NEGATION}{_FILLER}{_OFF_VERB}")  # "อย่าหยุดส่ง": keep them
_STOP = re.compile(rf"{_OFF_VERB}{_TAIL}")
_REFUSE = re.compile(rf"{_NEGATION}{_FILLER}(?:{_RECEIVE}|{_OBJECT}|{_END}|อีก)")
_START = re.compile(rf"{_ON_VERB}{_TAIL}")


def _folded(text: str) -> str:
    """Lower case with no spaces: Thai is written without them, and phones add stray ones."""
    return "".join(text.lower().split())


def wants_announcements(text: str) -> bool | None:
    """True to opt in, False to opt out, None when the text does not ask to change anything."""
    folded = _folded(text)
    if not folded or _ASKS_STATE.search(folded):
        return None
    if _KEEP_GOING.search(folded):
        return True
    if _STOP.search(folded) or _REFUSE.search(folded):
        return False
    if _START.search(folded):
        return True
    return None
