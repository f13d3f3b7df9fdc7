"""Postback data, the text a LINE button carries back: written and read in this one place.

The form is a query string, `action=<what>&<name>=<value>...`: the dispatcher routes on the
action, the handler reads the rest. LINE refuses a button whose data is over 300 characters,
so `encode` refuses it first, where the button is built, not when LINE rejects the message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from urllib.parse import parse_qs, urlencode

MAX_DATA_CHARS = 300  # LINE: postback action `data`


class PostbackTooLong(ValueError):
    """Postback data LINE would refuse; the message says which action and how long."""


class Postback(Mapping[str, str]):
    """A tapped button's data: its `action` and named values (each name read once)."""

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, str] | None = None) -> None:
        self._fields: dict[str, str] = dict(fields or {})

    @property
    def action(self) -> str:
        """What the button asks for ("intent", "complaint_rate", ...); "" when none."""
        return self._fields.get("action", "")

    @property
    def params(self) -> dict[str, str]:
        """The named values besides the action."""
        return {name: value for name, value in self._fields.items() if name != "action"}

    def __getitem__(self, name: str) -> str:
        return self._fields[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        return f"Postback({self._fields!r})"


EMPTY = Postback()


def encode(action: str, **params: str | int) -> str:
    """The data of a button asking for `action` with `params`: "action=intent&intent=x"."""
    if not action:
        raise ValueError("a postback needs an action")
    data = urlencode({"action": action, **params})
    if len(data) > MAX_DATA_CHARS:
        raise PostbackTooLong(
            f"postback {action!r} is {len(data)} characters encoded; LINE allows {MAX_DATA_CHARS}"
        )
    return data


def decode(data: str | None) -> Postback:
    """What a button's data says; a name given twice keeps its first value, blanks are absent."""
    return Postback({name: values[0] for name, values in parse_qs(data or "").items()})
