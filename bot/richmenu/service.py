"""Which rich menu a person sees: the service the registration flow and the console call."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from linebot.v3.messaging import ApiException
from sqlalchemy import select
from sqlalchemy.orm import Session
from urllib3.exceptions import HTTPError

from bot.core.line import LineApi
from bot.core.users import LineUser
from bot.richmenu.definition import MENUS_FILE, MenuSpec, load_menus
from bot.volunteers.models import Role, Volunteer

log = logging.getLogger(__name__)

TIMEOUT = 5.0


@lru_cache(maxsize=4)
def _menus(path: Path) -> tuple[MenuSpec, ...]:
    return tuple(load_menus(path))


def menu_for_role(role: Role | str | None, path: Path = MENUS_FILE) -> MenuSpec | None:
    """The menu declared for this role; None means the default menu."""
    if role is None:
        return None
    value = role.value if isinstance(role, Role) else str(role)
    return next((m for m in _menus(path) if value in m.roles), None)


def link_menu_for_role(
    session: Session,
    line: LineApi | None,
    user_id: str,
    role: Role | str | None,
    *,
    path: Path = MENUS_FILE,
) -> bool:
    """Show the user the menu of their role (None: leaving it, back to the default menu).

    Call it after the role is saved. The menu is found through its alias, which
    `asabot richmenu sync` keeps pointing at the current version. A failure is logged and
    returns False: a rich menu must never make a registration fail. Without a LINE client
    (None, or a recording stand-in in tests) there is nothing to link.
    """
    api = getattr(line, "messaging", None)
    if api is None:
        return False
    user = session.get(LineUser, user_id)
    if user is not None and user.is_blocked:
        return False  # LINE refuses to change anything for a user who blocked the bot
    menu = menu_for_role(role, path)
    try:
        if menu is None:
            api.unlink_rich_menu_id_from_user(user_id, _request_timeout=TIMEOUT)
        else:
            alias = api.get_rich_menu_alias(menu.alias, _request_timeout=TIMEOUT)
            api.link_rich_menu_id_to_user(user_id, alias.rich_menu_id, _request_timeout=TIMEOUT)
    except ApiException as exc:
        event = "richmenu.not_synced" if exc.status == 404 else "richmenu.link_failed"
        log.warning(event, extra={"status": exc.status, "menu": menu.id if menu else None})
        return False
    except HTTPError:
        log.warning("richmenu.unreachable")
        return False
    return True


def role_members(session: Session, roles: Iterable[str]) -> list[str]:
    """LINE user ids of registered people holding one of `roles`, who have not blocked the bot."""
    wanted = [Role(r) for r in roles]
    rows = session.scalars(
        select(Volunteer.user_id)
        .join(LineUser, LineUser.id == Volunteer.user_id)
        .where(
            Volunteer.role.in_(wanted),
            Volunteer.registered_at.is_not(None),
            LineUser.blocked_at.is_(None),
        )
        .order_by(Volunteer.user_id)
    )
    return list(rows)
