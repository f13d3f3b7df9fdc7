"""Rich menus of one channel: the menus, their images, the default, per-user links and aliases.

Kept apart from the views (linesim/api/richmenus.py) so ChannelState can own and reset it without
importing Flask blueprints. The checks follow LINE's published limits for rich menu objects.
"""

from __future__ import annotations

import secrets
import struct
import threading
from dataclasses import dataclass
from typing import Any

from linesim.checks import Details, check_action, check_string
from linesim.errors import detail

MAX_MENUS = 1000
MAX_AREAS = 20
MAX_CHAT_BAR_TEXT = 14
MAX_NAME = 300
MIN_WIDTH, MAX_WIDTH = 800, 2500
MIN_HEIGHT = 250
MIN_ASPECT_RATIO = 1.45
MAX_IMAGE_BYTES = 1024 * 1024
IMAGE_TYPES = ("image/png", "image/jpeg")


def new_rich_menu_id() -> str:
    """An id shaped like LINE's: "richmenu-" and 32 hex digits."""
    return "richmenu-" + secrets.token_hex(16)


@dataclass
class StoredMenu:
    """One created rich menu: the object as LINE echoes it, plus its image once uploaded."""

    rich_menu_id: str
    body: dict[str, Any]
    image: tuple[bytes, str] | None = None

    def to_json(self) -> dict[str, Any]:
        """The rich menu response object."""
        return {
            "richMenuId": self.rich_menu_id,
            "size": self.body["size"],
            "selected": self.body["selected"],
            "name": self.body["name"],
            "chatBarText": self.body["chatBarText"],
            "areas": self.body["areas"],
        }


class RichMenuState:
    """Menus, images, the default menu, user links and aliases, guarded by one lock."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._menus: dict[str, StoredMenu] = {}
        self._default: str | None = None
        self._links: dict[str, str] = {}
        self._aliases: dict[str, str] = {}

    # menus
    def add(self, body: dict[str, Any]) -> str | None:
        """Store a checked menu object; None when the channel already has the maximum."""
        with self._lock:
            if len(self._menus) >= MAX_MENUS:
                return None
            rich_menu_id = new_rich_menu_id()
            self._menus[rich_menu_id] = StoredMenu(rich_menu_id, body)
            return rich_menu_id

    def get(self, rich_menu_id: str) -> StoredMenu | None:
        """One menu, or None."""
        with self._lock:
            return self._menus.get(rich_menu_id)

    def menus(self) -> list[StoredMenu]:
        """Every menu, oldest first."""
        with self._lock:
            return list(self._menus.values())

    def delete(self, rich_menu_id: str) -> bool:
        """Forget a menu; users linked to it fall back to the default, as on LINE."""
        with self._lock:
            if self._menus.pop(rich_menu_id, None) is None:
                return False
            if self._default == rich_menu_id:
                self._default = None
            self._links = {u: m for u, m in self._links.items() if m != rich_menu_id}
            self._aliases = {a: m for a, m in self._aliases.items() if m != rich_menu_id}
            return True

    def set_image(self, rich_menu_id: str, data: bytes, content_type: str) -> str | None:
        """Attach an image once; the reason it was refused, or None."""
        with self._lock:
            menu = self._menus.get(rich_menu_id)
            if menu is None:
                return "missing"
            if menu.image is not None:
                return "already"
            menu.image = (data, content_type)
            return None

    # default and per-user links
    def set_default(self, rich_menu_id: str | None) -> None:
        """Show this menu to everyone without a menu of their own (None: nobody)."""
        with self._lock:
            self._default = rich_menu_id

    def default(self) -> str | None:
        """The default menu's id, or None."""
        with self._lock:
            return self._default

    def link(self, user_ids: list[str], rich_menu_id: str) -> None:
        """Give each user this menu instead of the default."""
        with self._lock:
            for user_id in user_ids:
                self._links[user_id] = rich_menu_id

    def unlink(self, user_ids: list[str]) -> None:
        """Users go back to the default menu."""
        with self._lock:
            for user_id in user_ids:
                self._links.pop(user_id, None)

    def linked(self, user_id: str) -> str | None:
        """The menu linked to this user alone, or None."""
        with self._lock:
            return self._links.get(user_id)

    def shown_to(self, user_id: str) -> tuple[StoredMenu | None, str | None]:
        """What the user's chat shows: their own menu, else the default; and which it was."""
        with self._lock:
            for source, menu_id in (("user", self._links.get(user_id)), ("default", self._default)):
                if menu_id is not None and menu_id in self._menus:
                    return self._menus[menu_id], source
            return None, None

    # aliases
    def alias(self, alias_id: str) -> str | None:
        """The menu id an alias points to, or None."""
        with self._lock:
            return self._aliases.get(alias_id)

    def aliases(self) -> dict[str, str]:
        """Every alias and its menu id."""
        with self._lock:
            return dict(self._aliases)

    def put_alias(self, alias_id: str, rich_menu_id: str) -> None:
        """Create or re-point an alias."""
        with self._lock:
            self._aliases[alias_id] = rich_menu_id

    def delete_alias(self, alias_id: str) -> bool:
        """Forget an alias; False if there was none."""
        with self._lock:
            return self._aliases.pop(alias_id, None) is not None


def check_rich_menu(body: dict[str, Any]) -> Details:
    """Every problem of a rich menu object, each naming its property."""
    out: Details = []
    size = body.get("size")
    width = height = None
    if not isinstance(size, dict):
        out.append(detail("size", "May not be empty"))
    else:
        width, height = _int(size.get("width")), _int(size.get("height"))
        if width is None or not MIN_WIDTH <= width <= MAX_WIDTH:
            out.append(detail("size.width", f"Must be between {MIN_WIDTH} and {MAX_WIDTH}"))
            width = None
        if height is None or height < MIN_HEIGHT:
            out.append(detail("size.height", f"Must be {MIN_HEIGHT} or more"))
            height = None
        if width is not None and height is not None and width / height < MIN_ASPECT_RATIO:
            out.append(
                detail(
                    "size", f"The aspect ratio (width / height) must be {MIN_ASPECT_RATIO} or more"
                )
            )
    if not isinstance(body.get("selected"), bool):
        out.append(detail("selected", "May not be empty"))
    check_string(body.get("name"), "name", MAX_NAME, out)
    check_string(body.get("chatBarText"), "chatBarText", MAX_CHAT_BAR_TEXT, out)
    areas = body.get("areas")
    if not isinstance(areas, list):
        out.append(detail("areas", "May not be empty"))
    elif len(areas) > MAX_AREAS:
        out.append(detail("areas", f"Size must be between 0 and {MAX_AREAS}"))
    else:
        for index, area in enumerate(areas):
            _check_area(area, f"areas[{index}]", width, height, out)
    return out


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_area(area: Any, prop: str, width: int | None, height: int | None, out: Details) -> None:
    if not isinstance(area, dict):
        out.append(detail(prop, "Must be an object"))
        return
    bounds = area.get("bounds")
    if not isinstance(bounds, dict):
        out.append(detail(f"{prop}.bounds", "May not be empty"))
    else:
        values = {name: _int(bounds.get(name)) for name in ("x", "y", "width", "height")}
        for name, value in values.items():
            low = 0 if name in ("x", "y") else 1
            if value is None or value < low:
                out.append(detail(f"{prop}.bounds.{name}", f"Must be {low} or more"))
        x, y, w, h = values["x"], values["y"], values["width"], values["height"]
        if width is not None and x is not None and w is not None and x + w > width:
            out.append(detail(f"{prop}.bounds", "The area must fit inside the rich menu's width"))
        if height is not None and y is not None and h is not None and y + h > height:
            out.append(detail(f"{prop}.bounds", "The area must fit inside the rich menu's height"))
    action = area.get("action")
    check_action(action, f"{prop}.action", out)
    if isinstance(action, dict) and action.get("type") == "richmenuswitch":
        check_string(action.get("richMenuAliasId"), f"{prop}.action.richMenuAliasId", 32, out)
        check_string(action.get("data"), f"{prop}.action.data", 300, out)


def image_size(data: bytes, content_type: str) -> tuple[int, int] | None:
    """Width and height read from a PNG or JPEG header; None if the bytes are not that image."""
    if content_type == "image/png":
        if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    return _jpeg_size(data)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    if data[:2] != b"\xff\xd8":
        return None
    at = 2
    # Walk the segments to the first start-of-frame marker, which carries the dimensions.
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None
