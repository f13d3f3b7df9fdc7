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

from bot.core.i18n import THAI
from bot.core.line import LineApi
from bot.core.users import LineUser, speaks_clause
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


def menu_for(
    role: Role | str | None, language: str = THAI, path: Path = MENUS_FILE
) -> MenuSpec | None:
    """The menu a person of this role and language sees; None means LINE's default menu.

    A Malay speaker gets the Malay twin of their role's menu (of the default one when their
    role has none); a menu with no Malay twin is shown in Thai.
    """
    thai = menu_for_role(role, path)
    if language == THAI:
        return thai
    menus = _menus(path)
    base = thai.id if thai is not None else next(m.id for m in menus if m.default)
    return next((m for m in menus if m.language == language and m.base == base), thai)


def registered_role(session: Session, user_id: str) -> Role | None:
    """The role the person registered with; None when they never finished registering."""
    return session.scalar(
        select(Volunteer.role).where(
            Volunteer.user_id == user_id, Volunteer.registered_at.is_not(None)
        )
    )


def link_menu_for_person(
    session: Session, line: LineApi | None, user_id: str, *, path: Path = MENUS_FILE
) -> bool:
    """Show the person the menu of their registered role in their language (a language change)."""
    return link_menu_for_role(session, line, user_id, registered_role(session, user_id), path=path)


def link_menu_for_role(
    session: Session,
    line: LineApi | None,
    user_id: str,
    role: Role | str | None,
    *,
    path: Path = MENUS_FILE,
) -> bool:
    """Show the user the menu of their role in their language (None: leaving the role).

    A Thai speaker without a role menu goes back to LINE's default menu (unlinked); a Malay
    speaker is linked to the Malay public menu.

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
    menu = menu_for(role, user.speaks if user is not None else THAI, path)
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


def role_members(session: Session, roles: Iterable[str], language: str = THAI) -> list[str]:
    """LINE user ids of registered people holding one of `roles`, speaking `language`, who have
    not blocked the bot."""
    wanted = [Role(r) for r in roles]
    rows = session.scalars(
        select(Volunteer.user_id)
        .join(LineUser, LineUser.id == Volunteer.user_id)
        .where(
            Volunteer.role.in_(wanted),
            Volunteer.registered_at.is_not(None),
            LineUser.blocked_at.is_(None),
            speaks_clause(language),
        )
        .order_by(Volunteer.user_id)
    )
    return list(rows)


def menu_members(session: Session, menu: MenuSpec, path: Path = MENUS_FILE) -> list[str]:
    """Who is linked to `menu` one by one (what sync relinks when the menu is replaced).

    A role menu: its role holders in its language. A menu without roles (the Malay public
    menu): the unblocked speakers of its language whose registered role has no menu of its own.
    """
    if menu.roles:
        return role_members(session, menu.roles, menu.language)
    with_menus = [Role(r) for m in _menus(path) for r in m.roles]
    has_role_menu = select(Volunteer.user_id).where(
        Volunteer.role.in_(with_menus), Volunteer.registered_at.is_not(None)
    )
    rows = session.scalars(
        select(LineUser.id)
        .where(
            LineUser.blocked_at.is_(None),
            speaks_clause(menu.language),
            LineUser.id.not_in(has_role_menu),
        )
        .order_by(LineUser.id)
    )
    return list(rows)
