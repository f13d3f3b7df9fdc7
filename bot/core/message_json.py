"""A message's JSON as the SDK's `to_dict()` makes it, in one walk of the model.

The SDK's generated `to_dict()` asks pydantic for the whole tree (`dict(by_alias=True,
exclude_none=True)`) and then replaces each nested model's part with that model's own
`to_dict()`, which does the same again one level down: a Flex card of five levels is turned
into dictionaries five times over, a fifth of an event's glue as profiled. The generated
overrides give what pydantic gave (the nested model's fields by alias, None left out), so one
walk that does exactly that gives the same JSON; tests/bot/test_message_json.py holds it to
`to_dict()` for every kind of answer the bot sends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linebot.v3.messaging.models import Message
from pydantic.v1 import BaseModel


def message_json(message: Message) -> dict[str, Any]:
    """The message as LINE's JSON: `message.to_dict()`, made in one walk."""
    return _model(message)


def messages_json(messages: Sequence[Message]) -> list[dict[str, Any]]:
    return [_model(m) for m in messages]


def _model(model: BaseModel) -> dict[str, Any]:
    # As pydantic v1's `_iter`: what the model holds (fields set and defaults), by alias.
    fields = model.__fields__
    out: dict[str, Any] = {}
    for name, value in model.__dict__.items():
        if value is None:
            continue
        field = fields.get(name)
        out[field.alias if field is not None else name] = _value(value)
    return out


def _value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _model(value)
    if isinstance(value, list | tuple):
        return type(value)(_value(v) for v in value)  # as pydantic: the same kind of sequence
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return value
