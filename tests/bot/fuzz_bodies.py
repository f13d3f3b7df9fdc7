"""Malformed webhook bodies and chat texts, made deterministically from a seed.

What LINE could send, and what a buggy or hostile sender with the channel secret could: events of
unknown or wrong shape, values of the wrong type, numbers past 64 bits, ids too long for their
columns, deep nesting, text with NUL and other control characters, lone surrogates, bad UTF-8.
Every body is signed by the tests, so each one reaches the parser.
"""

from __future__ import annotations

import copy
import json
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

USER = "U4af4980629aabbccddeeff0011223344"
GROUP = "Ca56f94637cc4347f90a25382909b24b9"
ROOM = "Ra8dbf4ccc5aef6fd11ad2d7e5c08d7b6"

_NASTY_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\x9f\u200b\u200e\u202e\u2028\ufeff\ufffe"
)
_THAI = "กขคงจฉชซญดตถทนบปผพฟภมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋์๐๑๒๓๔๕๖๗๘๙"
_JUNK_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**64,
    -(2**63) - 1,
    10**30,
    1.5,
    1e308,
    "",
    "x" * 300,
    "U" * 5000,
    [],
    [1, 2],
    {},
    {"type": "x"},
    "\x00",
    "\ud800",
]


def _event_id(rng: random.Random) -> str:
    return "01" + "".join(rng.choices(string.ascii_uppercase + string.digits, k=24))


def _token(rng: random.Random) -> str:
    return "".join(rng.choices("0123456789abcdef", k=32))


def _base(rng: random.Random, kind: str, source: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": kind,
        "mode": "active",
        "timestamp": 1763700000000 + rng.randrange(10**6),
        "source": source or {"type": "user", "userId": USER},
        "webhookEventId": _event_id(rng),
        "deliveryContext": {"isRedelivery": False},
        "replyToken": _token(rng),
    }


def valid_event(rng: random.Random) -> dict[str, Any]:
    """One well-formed event of a kind the SDK knows, with fresh ids."""
    kind = rng.choice(
        ["text", "text", "group_text", "follow", "unfollow", "postback", "join", "leave",
         "sticker", "image", "location", "unsend", "member_joined"]
    )  # fmt: skip
    group = {"type": "group", "groupId": GROUP, "userId": USER}
    if kind == "text":
        event = _base(rng, "message")
        event["message"] = {"type": "text", "id": str(rng.randrange(10**18)), "quoteToken": "q",
                            "text": rng.choice(["สวัสดีค่ะ", "ค่าแรงขั้นต่ำเท่าไหร่", "เมนู"])}  # fmt: skip
    elif kind == "group_text":
        event = _base(rng, "message", group)
        event["message"] = {
            "type": "text", "id": "2", "quoteToken": "q", "text": "@อาสาบอท ประกันสังคม",
            "mention": {"mentionees": [
                {"index": 0, "length": 9, "type": "user", "userId": "Uf0", "isSelf": True}]},
        }  # fmt: skip
    elif kind == "follow":
        event = _base(rng, "follow")
        event["follow"] = {"isUnblocked": rng.random() < 0.5}
    elif kind == "unfollow":
        event = _base(rng, "unfollow")
        del event["replyToken"]
    elif kind == "postback":
        event = _base(rng, "postback")
        event["postback"] = {"data": rng.choice(
            ["action=intent&intent=help_menu", "action=intent&intent=greeting", "action=zzz",
             "action=flow&f=complaint&d=0&v=yes", "", "%%%&&&=="])}  # fmt: skip
    elif kind == "join":
        event = _base(rng, "join", group)
    elif kind == "leave":
        event = _base(rng, "leave", group)
        del event["replyToken"]
    elif kind == "sticker":
        event = _base(rng, "message")
        event["message"] = {"type": "sticker", "id": "9", "quoteToken": "q", "packageId": "446",
                            "stickerId": "1988", "stickerResourceType": "STATIC"}  # fmt: skip
    elif kind == "image":
        event = _base(rng, "message")
        event["message"] = {"type": "image", "id": "10", "quoteToken": "q",
                            "contentProvider": {"type": "line"}}  # fmt: skip
    elif kind == "location":
        event = _base(rng, "message")
        event["message"] = {"type": "location", "id": "11", "latitude": 6.86,
                            "longitude": 101.25, "address": "ปัตตานี"}  # fmt: skip
    elif kind == "unsend":
        event = _base(rng, "unsend")
        del event["replyToken"]
        event["unsend"] = {"messageId": "325708"}
    else:
        event = _base(rng, "memberJoined", group)
        event["joined"] = {"members": [{"type": "user", "userId": USER}]}
    return event


def nasty_text(rng: random.Random, max_length: int = 400) -> str:
    """A text a phone, a bot or an attacker might send: Thai, emoji, controls, digits, formulas."""
    parts = []
    for _ in range(rng.randrange(1, 12)):
        pick = rng.random()
        if pick < 0.3:
            parts.append("".join(rng.choices(_THAI, k=rng.randrange(1, 20))))
        elif pick < 0.45:
            parts.append("".join(rng.choices(_NASTY_CHARS, k=rng.randrange(1, 4))))
        elif pick < 0.55:
            parts.append(
                rng.choice(["081-234-5678", "(081) 234 5678", "๐๘๑๒๓๔๕๖๗๘", "+66812345678"])
            )
        elif pick < 0.62:
            parts.append(rng.choice(["=1+1", "+cmd", "-2", "@SUM(A1)", "\t=x", "\r=y"]))
        elif pick < 0.7:
            parts.append(rng.choice(["😀", "👍🏽", "🇹🇭", "\U0010ffff", "\ud83d"]))
        elif pick < 0.75:
            parts.append(chr(rng.randrange(0x20, 0x30000)))
        else:
            parts.append(" ".join(rng.choices(["ค่าแรง", "ยกเลิก", "ใช่", "เมนู", "%", "&", "="], k=3)))
    return "".join(parts)[:max_length]


def _mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """The same structure with one thing wrong somewhere inside it."""
    if isinstance(value, dict) and value and depth < 4:
        key = rng.choice(sorted(value))
        mutated = dict(value)
        pick = rng.random()
        if pick < 0.25:
            del mutated[key]
        elif pick < 0.6:
            mutated[key] = _mutate(rng, value[key], depth + 1)
        else:
            mutated[key] = rng.choice(_JUNK_VALUES)
        return mutated
    if isinstance(value, list) and value and depth < 4:
        index = rng.randrange(len(value))
        mutated_list = list(value)
        mutated_list[index] = _mutate(rng, value[index], depth + 1)
        return mutated_list
    if isinstance(value, str) and rng.random() < 0.5:
        return nasty_text(rng, rng.choice([10, 100, 1000]))
    return rng.choice(_JUNK_VALUES)


def malformed_event(rng: random.Random) -> dict[str, Any] | Any:
    """An event a parser or handler could trip over."""
    event = valid_event(rng)
    pick = rng.random()
    if pick < 0.12:
        event["type"] = rng.choice(["x", "somethingNew", "", "MESSAGE", "message ", "follow\x00"])
    elif pick < 0.22:
        source = rng.choice([{"type": "group", "groupId": GROUP}, {"type": "room", "roomId": ROOM},
                             {"type": "user"}, {"type": "alien"}, None])  # fmt: skip
        event["source"] = source
    elif pick < 0.32:
        field = rng.choice(["timestamp", "webhookEventId", "replyToken"])
        event[field] = rng.choice([2**64, -1, 10**20, "U" * 300, 1.5e300, None, ""])
    elif pick < 0.42:
        event["source"] = {
            "type": "user",
            "userId": rng.choice(["U" * 65, "U" * 10_000, "", "\x00"]),
        }
    elif pick < 0.55 and event.get("type") == "message" and "text" in event.get("message", {}):
        event["message"]["text"] = nasty_text(rng, rng.choice([50, 2000, 20_000]))
    elif pick < 0.62:
        event = _base(rng, "postback")
        event["postback"] = {"data": "action=intent&intent=" + rng.choice(
            ["x" * 500, "\x00", "greeting\x00", "%00", "%ff%fe", "😀" * 100])}  # fmt: skip
    elif pick < 0.7:
        event = _base(rng, "message")
        event["message"] = {"type": rng.choice(["text", "weird", "image", "file"]), "id": "1"}
    elif pick < 0.75:
        return rng.choice([None, 1, "event", [], [event]])
    else:
        event = _mutate(rng, event)
    return event


@dataclass
class FuzzBody:
    raw: bytes
    kind: str
    # Reply tokens of the well-formed events inside: each must get its answer.
    expected_replies: tuple[str, ...] = ()


def _encode(body: Any, rng: random.Random, utf8: bool = False) -> bytes:
    """JSON, as ASCII escapes or raw UTF-8; a raw lone surrogate makes it invalid UTF-8 unless
    `utf8` asks for a body that must decode (then the surrogate is escaped instead)."""
    text = json.dumps(body, ensure_ascii=rng.random() < 0.5)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        if utf8:
            return json.dumps(body).encode("utf-8")
        return text.encode("utf-8", "surrogatepass")


def _structural(rng: random.Random) -> bytes:
    depth = rng.choice([100, 1000, 5000, 50_000])
    pick = rng.randrange(12)
    if pick == 0:
        return b"[" * depth + b"]" * depth
    if pick == 1:
        return b'{"events": ' + b"[" * depth + b"]" * depth + b"}"
    if pick == 2:
        return (
            b'{"events": [{"type": "message", "message": '
            + b'{"a":' * depth
            + b"1"
            + b"}" * depth
            + b"}]}"
        )
    if pick == 3:
        return b'{"events": [{"timestamp": ' + b"9" * rng.choice([4300, 5000, 20_000]) + b"}]}"
    if pick == 4:
        return rng.choice([b"[]", b'"events"', b"null", b"1", b"true", b"", b" ", b"{}"])
    if pick == 5:
        return json.dumps({"events": rng.choice([None, "x", 1, {}, {"0": {}}])}).encode()
    if pick == 6:
        return b'{"events": [], "destination": NaN, "x": Infinity}'
    if pick == 7:
        return b'\xef\xbb\xbf{"events": []}'  # a byte-order mark
    if pick == 8:
        return '{"events": []}'.encode("utf-16")
    if pick == 9:
        return b'{"events": [{"type": "message", "text": "\xff\xfe\xc3\x28"}]}'
    if pick == 10:
        return b'{"events": [{"type": "message"}], "events": 5}'
    surrogates = b'{"type": "text", "text": "\\ud800\\udfff\\udc00"}'
    return b'{"events": [{"type": "message", "message": ' + surrogates + b"}]}"


def fuzz_bodies(count: int, seed: int = 17) -> Iterator[FuzzBody]:
    """`count` bodies, the same ones every run for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        pick = rng.random()
        if pick < 0.2:
            yield FuzzBody(_structural(rng), "structural")
        elif pick < 0.85:
            events = [malformed_event(rng) for _ in range(rng.randrange(1, 4))]
            yield FuzzBody(_encode({"destination": "Uf0", "events": events}, rng), "malformed")
        else:
            good = _base(rng, "message")
            good["message"] = {"type": "text", "id": "1", "quoteToken": "q", "text": "สวัสดีค่ะ"}
            events = [malformed_event(rng) for _ in range(rng.randrange(1, 4))]
            events.insert(rng.randrange(len(events) + 1), copy.deepcopy(good))
            yield FuzzBody(
                _encode({"destination": "Uf0", "events": events}, rng, utf8=True),
                "mixed",
                (good["replyToken"],),
            )
