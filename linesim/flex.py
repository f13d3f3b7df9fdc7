"""Structural checks of Flex Message containers: bubbles, carousels and their components."""

from __future__ import annotations

from typing import Any

from linesim.checks import Details, check_action, check_string, check_url, json_size
from linesim.errors import detail

MAX_BUBBLES = 12
MAX_BUBBLE_BYTES = 30 * 1024
MAX_CAROUSEL_BYTES = 50 * 1024
COMPONENT_TYPES = [
    "box", "button", "image", "video", "icon", "text", "span", "separator", "filler",
]  # fmt: skip
LAYOUTS = ["horizontal", "vertical", "baseline"]
MAX_DEPTH = 20


def _one_of(prop: str, values: list[str]) -> dict[str, str]:
    return detail(prop, f"Must be one of the following values: [{', '.join(values)}]")


def check_flex_container(container: Any, prop: str, out: Details) -> None:
    """A bubble or a carousel of at most 12 bubbles, within LINE's size limits."""
    if not isinstance(container, dict):
        out.append(detail(prop, "May not be empty"))
        return
    kind = container.get("type")
    if kind == "bubble":
        check_bubble(container, prop, out)
    elif kind == "carousel":
        bubbles = container.get("contents")
        if not isinstance(bubbles, list) or not 1 <= len(bubbles) <= MAX_BUBBLES:
            out.append(detail(f"{prop}.contents", f"Size must be between 1 and {MAX_BUBBLES}"))
            return
        for index, bubble in enumerate(bubbles):
            bprop = f"{prop}.contents[{index}]"
            if not isinstance(bubble, dict) or bubble.get("type") != "bubble":
                out.append(_one_of(f"{bprop}.type", ["bubble"]))
            else:
                check_bubble(bubble, bprop, out)
        if json_size(container) > MAX_CAROUSEL_BYTES:
            out.append(detail(prop, "The size of the carousel must be 50KB or less"))
    else:
        out.append(_one_of(f"{prop}.type", ["bubble", "carousel"]))


def check_bubble(bubble: dict[str, Any], prop: str, out: Details) -> None:
    """Header, hero, body and footer blocks of one bubble."""
    for block in ("header", "body", "footer"):
        if block in bubble:
            _check_block(bubble[block], f"{prop}.{block}", ["box"], out)
    if "hero" in bubble:
        _check_block(bubble["hero"], f"{prop}.hero", ["box", "image", "video"], out)
    if json_size(bubble) > MAX_BUBBLE_BYTES:
        out.append(detail(prop, "The size of the bubble must be 30KB or less"))


def _check_block(block: Any, prop: str, allowed: list[str], out: Details) -> None:
    if not isinstance(block, dict) or block.get("type") not in allowed:
        out.append(_one_of(f"{prop}.type", allowed))
        return
    check_component(block, prop, out, depth=0)


def check_component(component: Any, prop: str, out: Details, depth: int) -> None:
    """One component, recursing into boxes."""
    if depth > MAX_DEPTH:
        out.append(detail(prop, "Nesting is too deep"))
        return
    if not isinstance(component, dict):
        out.append(detail(prop, "Must be an object"))
        return
    kind = component.get("type")
    if kind not in COMPONENT_TYPES or kind == "span":
        out.append(_one_of(f"{prop}.type", [t for t in COMPONENT_TYPES if t != "span"]))
        return
    if kind == "box":
        _check_box(component, prop, out, depth)
    elif kind == "text":
        _check_text(component, prop, out)
    elif kind == "button":
        check_action(component.get("action"), f"{prop}.action", out)
    elif kind in ("image", "icon"):
        check_url(component.get("url"), f"{prop}.url", out)
    elif kind == "video":
        check_url(component.get("url"), f"{prop}.url", out)
        check_url(component.get("previewUrl"), f"{prop}.previewUrl", out)
        if not isinstance(component.get("altContent"), dict):
            out.append(detail(f"{prop}.altContent", "May not be empty"))
    if kind != "button" and "action" in component:
        check_action(component["action"], f"{prop}.action", out)


def _check_box(box: dict[str, Any], prop: str, out: Details, depth: int) -> None:
    if box.get("layout") not in LAYOUTS:
        out.append(_one_of(f"{prop}.layout", LAYOUTS))
    contents = box.get("contents")
    if not isinstance(contents, list):
        out.append(detail(f"{prop}.contents", "May not be null"))
        return
    for index, child in enumerate(contents):
        check_component(child, f"{prop}.contents[{index}]", out, depth + 1)


def _check_text(text: dict[str, Any], prop: str, out: Details) -> None:
    spans = text.get("contents")
    if isinstance(spans, list) and spans:
        for index, span in enumerate(spans):
            sprop = f"{prop}.contents[{index}]"
            if not isinstance(span, dict) or span.get("type") != "span":
                out.append(_one_of(f"{sprop}.type", ["span"]))
            else:
                check_string(span.get("text"), f"{sprop}.text", 5000, out)
    else:
        check_string(text.get("text"), f"{prop}.text", 5000, out)
