"""Field checks shared by message and Flex validation: strings, URLs, actions, sizes."""

from __future__ import annotations

import json
from typing import Any

from linesim.errors import detail

Details = list[dict[str, str]]
ACTION_TYPES = [
    "postback", "message", "uri", "datetimepicker", "camera",
    "cameraRoll", "location", "richmenuswitch", "clipboard",
]  # fmt: skip


def text_length(text: str) -> int:
    """LINE counts UTF-16 code units, so an emoji outside the BMP counts as two."""
    return len(text.encode("utf-16-le")) // 2


def check_string(
    value: Any, prop: str, max_len: int, out: Details, *, required: bool = True
) -> None:
    """A required (or optional) non-empty string of at most max_len characters."""
    if value is None:
        if required:
            out.append(detail(prop, "May not be empty"))
        return
    if not isinstance(value, str):
        out.append(detail(prop, "Must be a string"))
    elif required and value == "":
        out.append(detail(prop, "May not be empty"))
    elif text_length(value) > max_len:
        out.append(detail(prop, f"Length must be between 0 and {max_len}"))


def check_url(value: Any, prop: str, out: Details) -> None:
    """An https URL of at most 2,000 characters."""
    check_string(value, prop, 2000, out)
    if isinstance(value, str) and value and not value.startswith("https://"):
        out.append(detail(prop, "Must be a valid HTTPS URL"))


def check_action(action: Any, prop: str, out: Details, *, label_required: bool = False) -> None:
    """An action object: known type and the fields that type needs."""
    if not isinstance(action, dict):
        out.append(detail(prop, "May not be empty"))
        return
    kind = action.get("type")
    if kind not in ACTION_TYPES:
        values = ", ".join(ACTION_TYPES)
        out.append(detail(f"{prop}.type", f"Must be one of the following values: [{values}]"))
        return
    check_string(action.get("label"), f"{prop}.label", 20, out, required=label_required)
    if kind == "message":
        check_string(action.get("text"), f"{prop}.text", 300, out)
    elif kind == "postback":
        check_string(action.get("data"), f"{prop}.data", 300, out)
        check_string(action.get("displayText"), f"{prop}.displayText", 300, out, required=False)
    elif kind == "uri":
        check_string(action.get("uri"), f"{prop}.uri", 1000, out)
    elif kind == "datetimepicker":
        check_string(action.get("data"), f"{prop}.data", 300, out)
        if action.get("mode") not in ("date", "time", "datetime"):
            out.append(
                detail(
                    f"{prop}.mode", "Must be one of the following values: [date, time, datetime]"
                )
            )
    elif kind == "clipboard":
        check_string(action.get("clipboardText"), f"{prop}.clipboardText", 1000, out)


def json_size(value: Any) -> int:
    """Bytes of the compact JSON encoding, as LINE measures Flex sizes."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
