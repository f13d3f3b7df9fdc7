"""`asabot richmenu sync`: make LINE's rich menus match menus.yaml, changing only what differs.

Each menu's name carries a hash of its definition and image ("asabot-public-<hash>"), so a run
can tell from the menu list alone whether a menu is current. A changed menu is created beside
the old one, then everything is switched to it (alias, default, the volunteers' links), and only
then is the old one deleted: users never see a chat without a menu. Menus whose names do not
start with "asabot-" (made by hand in the LINE console) are left alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from linebot.v3.messaging import (
    ApiException,
    CreateRichMenuAliasRequest,
    RichMenuBulkLinkRequest,
    RichMenuRequest,
    UpdateRichMenuAliasRequest,
)

from bot.core.line import LineApi
from bot.richmenu.definition import MenuSpec
from bot.richmenu.render import encode_image, render_menu

log = logging.getLogger(__name__)

NAME_PREFIX = "asabot-"
BULK_LINK_MAX = 500  # LINE's limit of user ids per bulk link request
TIMEOUT = 10.0

# Given a menu other than the default, the LINE user ids who should see it now.
RoleMembers = Callable[[MenuSpec], Iterable[str]]


@dataclass(frozen=True)
class BuiltMenu:
    """A spec with its rendered image and the name that identifies this exact version."""

    spec: MenuSpec
    name: str
    request: RichMenuRequest
    image: bytes
    content_type: str


@dataclass
class SyncReport:
    """What a sync run changed on LINE."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    default: str | None = None
    relinked_users: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.deleted or self.aliases or self.default)


def build_menus(specs: Iterable[MenuSpec], font_path: Path | None = None) -> list[BuiltMenu]:
    """Render every menu and name it by the hash of its definition and image."""
    built = []
    for spec in specs:
        image, content_type = encode_image(render_menu(spec, font_path))
        definition = json.dumps(spec.request("").to_dict(), sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(definition.encode("utf-8") + image).hexdigest()[:16]
        name = f"{NAME_PREFIX}{spec.id}-{digest}"
        built.append(BuiltMenu(spec, name, spec.request(name), image, content_type))
    return built


def sync_menus(
    line: LineApi, menus: list[BuiltMenu], role_members: RoleMembers | None = None
) -> SyncReport:
    """Create what is missing, switch aliases, default and role links, then delete old menus."""
    api, report = line.messaging, SyncReport()
    existing = {m.name: m.rich_menu_id for m in api.get_rich_menu_list().richmenus}
    aliases = {a.rich_menu_alias_id: a.rich_menu_id for a in api.get_rich_menu_alias_list().aliases}
    current: dict[str, str] = {}
    for menu in menus:
        rich_menu_id = existing.get(menu.name)
        if rich_menu_id is None:
            rich_menu_id = _create(line, menu)
            report.created.append(menu.name)
        else:
            if aliases.get(menu.spec.alias) != rich_menu_id and not _has_image(line, rich_menu_id):
                # An earlier run stopped between creating the menu and uploading its image.
                _upload(line, rich_menu_id, menu)
            report.kept.append(menu.name)
        current[menu.spec.id] = rich_menu_id

    for menu in menus:
        rich_menu_id = current[menu.spec.id]
        if aliases.get(menu.spec.alias) == rich_menu_id:
            continue
        _point_alias(line, menu.spec.alias, rich_menu_id, exists=menu.spec.alias in aliases)
        report.aliases.append(menu.spec.alias)
        # Every menu but the default is linked person by person (a role's, a language's).
        if not menu.spec.default and role_members is not None:
            report.relinked_users += _link_all(line, rich_menu_id, role_members(menu.spec))

    default_menu = next(m for m in menus if m.spec.default)
    if _default_id(line) != current[default_menu.spec.id]:
        api.set_default_rich_menu(current[default_menu.spec.id], _request_timeout=TIMEOUT)
        report.default = default_menu.name

    keep = set(current.values())
    for name, rich_menu_id in existing.items():
        if name.startswith(NAME_PREFIX) and rich_menu_id not in keep:
            api.delete_rich_menu(rich_menu_id, _request_timeout=TIMEOUT)
            report.deleted.append(name)
    log.info(
        "richmenu.synced",
        extra={"menus_created": len(report.created), "menus_deleted": len(report.deleted)},
    )
    return report


def _create(line: LineApi, menu: BuiltMenu) -> str:
    api = line.messaging
    api.validate_rich_menu_object(menu.request, _request_timeout=TIMEOUT)
    rich_menu_id = api.create_rich_menu(menu.request, _request_timeout=TIMEOUT).rich_menu_id
    _upload(line, rich_menu_id, menu)
    return str(rich_menu_id)


def _upload(line: LineApi, rich_menu_id: str, menu: BuiltMenu) -> None:
    # The SDK sends bytes as JSON unless the content type is given explicitly.
    line.blob.set_rich_menu_image(
        rich_menu_id,
        menu.image,
        _headers={"Content-Type": menu.content_type},
        _request_timeout=TIMEOUT * 3,
    )


def _has_image(line: LineApi, rich_menu_id: str) -> bool:
    try:
        line.blob.get_rich_menu_image(rich_menu_id, _request_timeout=TIMEOUT * 3)
    except ApiException as exc:
        if exc.status == 404:
            return False
        raise
    return True


def _point_alias(line: LineApi, alias_id: str, rich_menu_id: str, *, exists: bool) -> None:
    api = line.messaging
    if exists:
        api.update_rich_menu_alias(
            alias_id, UpdateRichMenuAliasRequest(rich_menu_id=rich_menu_id),
            _request_timeout=TIMEOUT,
        )  # fmt: skip
    else:
        api.create_rich_menu_alias(
            CreateRichMenuAliasRequest(rich_menu_alias_id=alias_id, rich_menu_id=rich_menu_id),
            _request_timeout=TIMEOUT,
        )


def _default_id(line: LineApi) -> str | None:
    try:
        return str(line.messaging.get_default_rich_menu_id(_request_timeout=TIMEOUT).rich_menu_id)
    except ApiException as exc:
        if exc.status == 404:
            return None
        raise


def _link_all(line: LineApi, rich_menu_id: str, user_ids: Iterable[str]) -> int:
    """Link the menu to every user id, 500 per request; how many were linked."""
    ids = list(dict.fromkeys(user_ids))
    for start in range(0, len(ids), BULK_LINK_MAX):
        chunk = ids[start : start + BULK_LINK_MAX]
        line.messaging.link_rich_menu_id_to_users(
            RichMenuBulkLinkRequest(rich_menu_id=rich_menu_id, user_ids=chunk),
            _request_timeout=TIMEOUT,
        )
    return len(ids)
