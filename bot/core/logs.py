"""Log lines a person can read: the event name, then the `extra` fields as key=value.

Code logs dotted event names with ids and counts in `extra`; never phone numbers or
complaint text. The formatter is the safety net for what slips through: phone numbers are
masked, and an exception's text loses the values a library quoted (SQLAlchemy's bound
parameters, the SDK's rejected input).
"""

from __future__ import annotations

import logging
import re
from types import TracebackType

from bot.core.phones import mask_phone_numbers

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]
# Attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}
# SQLAlchemy appends "[parameters: (...)]" to a statement's error (the engine hides them too;
# this covers an engine made elsewhere); PostgreSQL's DETAIL quotes the failing row or key;
# pydantic quotes the value it refused.
_QUOTED_VALUES = (
    (re.compile(r"^DETAIL:.*$", re.MULTILINE), "DETAIL:  (values hidden)"),
    (re.compile(r"\[parameters: .*?\]\n(?=\(Background|\Z)", re.DOTALL), "[parameters hidden]\n"),
    (re.compile(r"\[parameters: .*\Z", re.DOTALL), "[parameters hidden]"),
    (re.compile(r"input_value=.*?, input_type="), "input_value=<hidden>, input_type="),
)


def reserved_names() -> frozenset[str]:
    """Names `extra` must not use: logging refuses to overwrite them (KeyError at run time)."""
    return _STANDARD


def redact(text: str) -> str:
    """`text` without quoted parameter values or phone numbers."""
    for pattern, replacement in _QUOTED_VALUES:
        text = pattern.sub(replacement, text)
    return mask_phone_numbers(text)


class KeyValueFormatter(logging.Formatter):
    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        line = super().formatMessage(record)
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if extras:
            line += " " + " ".join(f"{key}={value!r}" for key, value in sorted(extras.items()))
        return redact(line)

    def formatException(self, ei: _ExcInfo) -> str:  # noqa: N802 - logging's name
        return redact(super().formatException(ei))


def configure(level: str) -> None:
    """Set up the root logger once; a host that configured logging itself is left alone."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
