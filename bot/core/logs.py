"""Log lines a person can read: the event name, then the `extra` fields as key=value.

Code logs dotted event names with ids and counts in `extra`; never phone numbers or
complaint text.
"""

from __future__ import annotations

import logging

# Attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


def reserved_names() -> frozenset[str]:
    """Names `extra` must not use: logging refuses to overwrite them (KeyError at run time)."""
    return _STANDARD


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if extras:
            line += " " + " ".join(f"{key}={value!r}" for key, value in sorted(extras.items()))
        return line


def configure(level: str) -> None:
    """Set up the root logger once; a host that configured logging itself is left alone."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
