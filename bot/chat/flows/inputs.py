"""What the user did this turn, reduced to what flows care about, and the flow buttons' postback.

Every flow button carries its flow and draft id in the postback, so the engine can tell a tap on
the open draft from a tap on an old one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from linebot.v3.webhooks import (
    FileMessageContent,
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
)

from bot.chat.dispatch import Turn
from bot.core import postback
from intents.normalize import strip_polite_endings

POSTBACK_ACTION = "flow"


@dataclass(frozen=True)
class Input:
    """What the user did this turn, reduced to what flows care about."""

    kind: str  # text | choice | location | image | file | sticker | other
    text: str = ""
    value: str | None = None  # a tapped button's value
    message_id: str | None = None
    file_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None  # a location's title and address, as one text
    place_name: str | None = None  # a location's title alone ("โรงงาน"), when it has one


def flow_postback(flow: str, draft_id: str, value: str) -> str:
    """The postback data of a flow button: which flow, which draft, which answer."""
    return postback.encode(POSTBACK_ACTION, f=flow, d=draft_id, v=value)


def postback_params(turn: Turn) -> dict[str, str]:
    """The turn's postback data, "action" included; empty when the turn is not a postback."""
    return dict(turn.postback)


def fold(text: str) -> str:
    """Text as compared with an answer: spaces, capitals and polite endings come at random."""
    return strip_polite_endings("".join(text.split()).lower())


def typed_button(inp: Input, offered: dict[str, str]) -> Input:
    """A text that is the label (or a synonym) of a button just offered, as that button."""
    if inp.kind != "text":
        return inp
    value = offered.get(fold(inp.text))
    return inp if value is None else replace(inp, kind="choice", value=value)


# A question to the bot is one short line; a longer text that ends "...ทำยังไงดีคะ" is nearly
# always the story itself ending in "what should I do?", and belongs in the complaint.
MAX_QUESTION_CHARS = 50
_QUESTION_END = re.compile(
    r"(?:\?|ไหม|มั้ย|มั๊ย|หรือเปล่า|หรือยัง|รึเปล่า|อะไร|อย่างไร|ยังไง|เท่าไร|เท่าไหร่|ที่ไหน|ตรงไหน"
    r"|เมื่อไร|เมื่อไหร่|ใคร|ทำไม|บ้าง|กี่\w{0,6})(?:ดี)?$"
)
# "ไม่รู้ว่าจะได้เงินเมื่อไหร่" ends like a question but tells what happened.
_REPORTED = re.compile(r"(?:ไม่รู้|ไม่ทราบ|บอก)ว่า")


def looks_like_question(text: str) -> bool:
    """Whether a text is plainly a short question (to tell it from a line of a story)."""
    text = text.strip()
    if not text or len(text) > MAX_QUESTION_CHARS or "\n" in text or _REPORTED.search(text):
        return False
    return bool(text.endswith("?") or _QUESTION_END.search(fold(text)))


def read_input(turn: Turn) -> Input:
    """The turn's event as an `Input`; anything a flow cannot use is kind "other"."""
    event = turn.event
    if isinstance(event, PostbackEvent):
        params = postback_params(turn)
        if params.get("action") == POSTBACK_ACTION:
            return Input(kind="choice", value=params.get("v"))
        return Input(kind="other")
    if not isinstance(event, MessageEvent):
        return Input(kind="other")
    message = event.message
    if isinstance(message, TextMessageContent):
        return Input(kind="text", text=message.text.strip())
    if isinstance(message, LocationMessageContent):
        return Input(
            kind="location",
            latitude=message.latitude,
            longitude=message.longitude,
            address=" ".join(p for p in (message.title, message.address) if p) or None,
            place_name=message.title or None,
        )
    if isinstance(message, ImageMessageContent):
        return Input(kind="image", message_id=message.id)
    if isinstance(message, FileMessageContent):
        return Input(kind="file", message_id=message.id, file_name=message.file_name)
    if isinstance(message, StickerMessageContent):
        return Input(kind="sticker")
    return Input(kind="other", message_id=getattr(message, "id", None))
