"""One realistic returnee interview as a volunteer conducts it in chat, step by step.

A woman back from six years in a Malaysian restaurant, recruited through a broker, with a loan
from her family; her husband still works there. Used by the walkthrough test and by
bench/survey_returnee.py, which times it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

# (kind, value): tap a quick reply by label, type a text, pick a date, share a place.
STEPS: list[tuple[str, Any]] = [
    ("say", "ทำแบบสำรวจ"),
    ("tap", "3. แรงงานที่กลับจาก…"),
    ("tap", "ยินยอม"),
    ("tap", "หญิง"),
    ("say", "38"),
    ("tap", "ประถม"),
    ("tap", "มาเลเซีย"),
    ("say", "2561"),
    ("date", "2024-11-20"),
    ("say", "5.5"),
    ("tap", "ร้านอาหาร/โรงแรม"),
    ("tap", "นายหน้า/สาย"),
    ("tap", "หนังสือเดินทาง"),
    ("tap", "บัตรผ่านแดน"),
    ("tap", "เสร็จแล้ว"),
    ("say", "8000"),
    ("say", "4,500"),
    ("say", "1200"),
    ("tap", "ญาติหรือเพื่อน"),
    ("say", "10"),
    ("say", "12000"),
    ("say", "9500"),
    ("say", "3 4 5"),
    ("tap", "ไม่ใช่"),
    ("tap", "เรื่องครอบครัว"),
    ("tap", "ค้าขาย/ทำสวน/ธุรกิจ…"),
    ("say", "1 4"),
    ("tap", "เพิ่ม"),
    ("tap", "คู่สมรส"),
    ("tap", "มาเลเซีย"),
    ("tap", "ใช่"),
    ("tap", "ไม่มีแล้ว"),
    ("tap", "ยังไม่แน่ใจ"),
    ("tap", "มาเลเซีย"),
    ("say", "1 3"),
    ("tap", "ใช่"),
    ("say", "0891234567"),
    ("location", (6.5427, 101.2818)),
    ("tap", "ส่งแบบสำรวจ"),
]


@dataclass
class Walk:
    """What driving the steps took: the bot's answer time of each turn, in seconds."""

    seconds: list[float] = field(default_factory=list)
    taps: int = 0
    typed: int = 0
    typed_characters: int = 0
    other: int = 0
    last: list[dict[str, Any]] = field(default_factory=list)


def run(chat: Any) -> Walk:
    """Drive every step through the emulator, waiting for each answer as a phone would."""
    walk = Walk()
    for kind, value in STEPS:
        started = time.perf_counter()
        if kind == "say":
            chat.say(value)
            walk.typed += 1
            walk.typed_characters += len(value)
        elif kind == "tap":
            items = chat.last_reply()[-1]["quickReply"]["items"]
            (action,) = [i["action"] for i in items if i["action"]["label"] == value]
            chat.postback(action["data"])
            walk.taps += 1
        elif kind == "date":
            items = chat.last_reply()[-1]["quickReply"]["items"]
            (picker,) = [i["action"] for i in items if i["action"]["type"] == "datetimepicker"]
            chat.postback(picker["data"], {"date": value})
            walk.taps += 1
        else:
            chat.send_location(*value, "บ้านผู้ให้ข้อมูล")
            walk.other += 1
        walk.last = chat.last_reply()
        walk.seconds.append(time.perf_counter() - started)
    return walk
