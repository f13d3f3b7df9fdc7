"""A turn's event as the survey chat reads it, and the postback data of the survey's buttons.

Every survey button carries `action=survey`, a command, the first characters of the
interview's uuid (so a button of an earlier interview cannot answer this one) and a value.
"""

from __future__ import annotations

from dataclasses import dataclass

from linebot.v3.webhooks import (
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
)

from bot.chat.dispatch import Turn
from bot.core import postback

POSTBACK_ACTION = "survey"
REF_LENGTH = 8


@dataclass(frozen=True)
class SurveyInput:
    kind: str  # text | command | location | image | other
    text: str = ""
    command: str | None = None  # a button's command (answer, back, pause, start, ...)
    value: str | None = None
    ref: str | None = None  # the interview a button belongs to
    date: str | None = None  # a date picker's choice, YYYY-MM-DD
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    message_id: str | None = None


def button_data(command: str, ref: str | None = None, value: str | None = None) -> str:
    """The postback data of a survey button."""
    fields = {"c": command}
    if ref:
        fields["r"] = ref[:REF_LENGTH]
    if value is not None:
        fields["v"] = value
    return postback.encode(POSTBACK_ACTION, **fields)


def read(turn: Turn) -> SurveyInput:
    """What the volunteer did: typed, tapped one of our buttons, shared a place or a photo."""
    event = turn.event
    if isinstance(event, PostbackEvent):
        tapped = turn.postback
        if tapped.action != POSTBACK_ACTION:
            return SurveyInput("other")
        params = event.postback.params or {}
        return SurveyInput(
            "command",
            command=tapped.get("c"),
            value=tapped.get("v"),
            ref=tapped.get("r"),
            date=params.get("date"),
        )
    if not isinstance(event, MessageEvent):
        return SurveyInput("other")
    message = event.message
    if isinstance(message, TextMessageContent):
        return SurveyInput("text", text=message.text.strip())
    if isinstance(message, LocationMessageContent):
        return SurveyInput(
            "location",
            latitude=message.latitude,
            longitude=message.longitude,
            address=" ".join(p for p in (message.title, message.address) if p) or None,
        )
    if isinstance(message, ImageMessageContent):
        return SurveyInput("image", message_id=message.id)
    return SurveyInput("other")
