"""Request bodies as LINE reads them: a JSON object, or LINE's own 400."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from linesim.errors import LineError


def read_json() -> dict[str, Any]:
    """The request body as a JSON object, or LINE's 400 when it does not parse."""
    raw = request.get_data(as_text=True)
    try:
        body = json.loads(raw)
    except json.JSONDecodeError as exc:
        where = f"(line: {exc.lineno}, column: {exc.colno})"
        raise LineError(400, f"The request body could not be parsed as JSON {where}") from exc
    if not isinstance(body, dict):
        raise LineError(400, "The request body could not be parsed as JSON (line: 1, column: 1)")
    return body
