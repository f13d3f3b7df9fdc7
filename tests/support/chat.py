"""Talking to the bot as a person would: tap a quick reply, say something, read the answer.

`chat` is a `linesim.client.SimChat` (the emulator's side of one user's chat); the bot's
answer is the list of message objects it sent back, as LINE's API received them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from linesim.client import SimChat

Messages = list[dict[str, Any]]


def quick_replies(messages: Messages) -> dict[str, dict[str, Any]]:
    """The last message's quick-reply actions by label."""
    items = messages[-1].get("quickReply", {}).get("items", [])
    return {item["action"]["label"]: item["action"] for item in items}


def postback_data(messages: Messages, label: str) -> str:
    """The data of the one postback quick reply labelled `label` on the last message."""
    items = messages[-1].get("quickReply", {}).get("items", [])
    actions = [item["action"] for item in items if item["action"]["label"] == label]
    assert len(actions) == 1, f"{len(actions)} quick replies labelled {label!r}: {items}"
    (action,) = actions
    assert action["type"] == "postback", action
    return str(action["data"])


def tap(chat: SimChat, label: str, timeout: float = 5.0) -> Messages:
    """Tap the quick reply `label` of the bot's newest message; the bot's answer."""
    chat.postback(postback_data(chat.last_reply(timeout), label))
    return chat.last_reply(timeout)


def say(chat: SimChat, text: str, timeout: float = 5.0) -> Messages:
    """Send a text; the bot's answer."""
    chat.say(text)
    return chat.last_reply(timeout)


def texts(messages: Messages) -> str:
    """The text of every message, one per line (a card or image adds an empty line)."""
    return "\n".join(m.get("text", "") for m in messages)


def wait_for(predicate: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait until `predicate()` is true (work the bot finishes after answering, like a job)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)
