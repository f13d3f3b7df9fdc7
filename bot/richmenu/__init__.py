"""The rich menu: menus.yaml, the images drawn from it, syncing with LINE, and who sees which.

- `definition.py` reads menus.yaml; `render.py` (with `icons.py`) draws the images;
- `sync.py` is `asabot richmenu sync` (cli.py); `service.py` links a user to their role's
  menu in their language;
- `handlers.py` answers the buttons no intent answers (language, reporting for someone else,
  my announcements).
"""

from __future__ import annotations

from bot.richmenu.service import link_menu_for_person, link_menu_for_role

__all__ = ["link_menu_for_person", "link_menu_for_role"]
