"""Text from outside, made safe to store: no NUL or other control characters, a bounded length."""

from __future__ import annotations

import re

# LINE's own limit for a text message; nothing a person types in LINE is longer.
MAX_TEXT_CHARS = 5000

# C0 and C1 controls except tab and newline, and lone UTF-16 surrogates (a JSON "\ud800" escape):
# PostgreSQL refuses NUL in text and psycopg cannot encode a surrogate: either fails the insert.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CARRIAGE_RETURN = re.compile("\r\n?")


def clean_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """`text` without control characters or lone surrogates, at most `limit` characters.

    Cut before cleaning, so a huge text costs no more than a long one.
    """
    text = text[: limit * 2]
    return _UNSAFE.sub("", _CARRIAGE_RETURN.sub("\n", text))[:limit]


def bounded(text: str | None, limit: int) -> str | None:
    """`text` cleaned and cut to fit a column of `limit` characters (None stays None)."""
    return None if text is None else clean_text(text, limit)
