"""Message-object checks in the order and words LINE uses: each problem names its property."""

from __future__ import annotations

from typing import Any

from linesim.checks import Details, check_action, check_string, check_url
from linesim.errors import detail
from linesim.flex import check_flex_container

MESSAGE_TYPES = [
    "text", "textV2", "image", "video", "audio", "location",
    "sticker", "template", "imagemap", "flex", "coupon",
]  # fmt: skip
TEMPLATE_TYPES = ["buttons", "confirm", "carousel", "image_carousel"]
MAX_MESSAGES = 5
MAX_TEXT = 5000
MAX_ALT_TEXT = 1500
MAX_QUICK_REPLY_ITEMS = 13


def check_messages(messages: Any, prop: str = "messages") -> Details:
    """Every problem of a request's "messages" array."""
    out: Details = []
    if messages is None:
        return [detail(prop, "May not be empty")]
    if not isinstance(messages, list):
        return [detail(prop, "Must be an array")]
    if not 1 <= len(messages) <= MAX_MESSAGES:
        return [detail(prop, f"Size must be between 1 and {MAX_MESSAGES}")]
    for index, message in enumerate(messages):
        check_message(message, f"{prop}[{index}]", out)
    return out


def check_message(message: Any, prop: str, out: Details) -> None:
    """One message object, its quick reply and sender."""
    if not isinstance(message, dict):
        out.append(detail(prop, "Must be an object"))
        return
    kind = message.get("type")
    if kind not in MESSAGE_TYPES:
        values = ", ".join(MESSAGE_TYPES)
        out.append(detail(f"{prop}.type", f"Must be one of the following values: [{values}]"))
        return
    _BODY_CHECKS.get(kind, _no_check)(message, prop, out)
    if "quickReply" in message:
        check_quick_reply(message["quickReply"], f"{prop}.quickReply", out)
    sender = message.get("sender")
    if isinstance(sender, dict):
        check_string(sender.get("name"), f"{prop}.sender.name", 20, out, required=False)


def _no_check(message: dict[str, Any], prop: str, out: Details) -> None:
    return None


def _check_text(message: dict[str, Any], prop: str, out: Details) -> None:
    check_string(message.get("text"), f"{prop}.text", MAX_TEXT, out)


def _check_image(message: dict[str, Any], prop: str, out: Details) -> None:
    for name in ("originalContentUrl", "previewImageUrl"):
        check_url(message.get(name), f"{prop}.{name}", out)


def _check_media(message: dict[str, Any], prop: str, out: Details) -> None:
    check_url(message.get("originalContentUrl"), f"{prop}.originalContentUrl", out)
    if message["type"] == "video":
        check_url(message.get("previewImageUrl"), f"{prop}.previewImageUrl", out)
    if message["type"] == "audio" and not isinstance(message.get("duration"), int):
        out.append(detail(f"{prop}.duration", "May not be empty"))


def _check_location(message: dict[str, Any], prop: str, out: Details) -> None:
    check_string(message.get("title"), f"{prop}.title", 100, out)
    check_string(message.get("address"), f"{prop}.address", 100, out)
    for name in ("latitude", "longitude"):
        value = message.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            out.append(detail(f"{prop}.{name}", "May not be empty"))


def _check_sticker(message: dict[str, Any], prop: str, out: Details) -> None:
    check_string(message.get("packageId"), f"{prop}.packageId", 100, out)
    check_string(message.get("stickerId"), f"{prop}.stickerId", 100, out)


def _check_flex(message: dict[str, Any], prop: str, out: Details) -> None:
    check_string(message.get("altText"), f"{prop}.altText", MAX_ALT_TEXT, out)
    check_flex_container(message.get("contents"), f"{prop}.contents", out)


def _check_template(message: dict[str, Any], prop: str, out: Details) -> None:
    check_string(message.get("altText"), f"{prop}.altText", 400, out)
    template = message.get("template")
    tprop = f"{prop}.template"
    if not isinstance(template, dict):
        out.append(detail(tprop, "May not be empty"))
        return
    kind = template.get("type")
    if kind not in TEMPLATE_TYPES:
        values = ", ".join(TEMPLATE_TYPES)
        out.append(detail(f"{tprop}.type", f"Must be one of the following values: [{values}]"))
    elif kind == "buttons":
        check_string(template.get("text"), f"{tprop}.text", 160, out)
        _check_actions(template.get("actions"), f"{tprop}.actions", 1, 4, out)
    elif kind == "confirm":
        check_string(template.get("text"), f"{tprop}.text", 240, out)
        _check_actions(template.get("actions"), f"{tprop}.actions", 2, 2, out)
    else:
        columns = template.get("columns")
        if not isinstance(columns, list) or not 1 <= len(columns) <= 10:
            out.append(detail(f"{tprop}.columns", "Size must be between 1 and 10"))


def _check_actions(actions: Any, prop: str, low: int, high: int, out: Details) -> None:
    if not isinstance(actions, list) or not low <= len(actions) <= high:
        out.append(detail(prop, f"Size must be between {low} and {high}"))
        return
    for index, action in enumerate(actions):
        check_action(action, f"{prop}[{index}]", out)


def check_quick_reply(quick_reply: Any, prop: str, out: Details) -> None:
    """At most 13 items, each an "action" item whose action carries a label."""
    items = quick_reply.get("items") if isinstance(quick_reply, dict) else None
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_QUICK_REPLY_ITEMS:
        out.append(detail(f"{prop}.items", f"Size must be between 1 and {MAX_QUICK_REPLY_ITEMS}"))
        return
    for index, item in enumerate(items):
        iprop = f"{prop}.items[{index}]"
        if not isinstance(item, dict):
            out.append(detail(iprop, "Must be an object"))
            continue
        # Only camera, camera roll and location actions get a default label from LINE.
        needs_label = item.get("action", {}).get("type") not in ("camera", "cameraRoll", "location")
        check_action(item.get("action"), f"{iprop}.action", out, label_required=needs_label)


_BODY_CHECKS = {
    "text": _check_text,
    "textV2": _check_text,
    "image": _check_image,
    "video": _check_media,
    "audio": _check_media,
    "location": _check_location,
    "sticker": _check_sticker,
    "flex": _check_flex,
    "template": _check_template,
}
