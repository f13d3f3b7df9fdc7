"""The declarative menu file (menus.yaml), read into checked specs and LINE rich menu objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from linebot.v3.messaging import (
    Action,
    MessageAction,
    PostbackAction,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
)

from bot.core import postback
from bot.core.i18n import MALAY, THAI

MENUS_FILE = Path(__file__).with_name("menus.yaml")
LINE_SIZES = ((2500, 1686), (2500, 843))
MAX_CHAT_BAR_TEXT = 14
MAX_ACTION_LABEL = 20
ALIAS_ID = re.compile(r"^[a-z0-9_-]{1,32}$")
ACTION_KINDS = ("intent", "postback", "message")
COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class MenuFileError(ValueError):
    """menus.yaml says something LINE or the renderer cannot use; the text says where."""


@dataclass(frozen=True)
class Button:
    """One tappable cell: where, what it says, how it looks, what it does."""

    column: int
    row: int
    label: str  # "|" breaks the line on the image
    icon: str
    color: str
    kind: str  # intent | postback | message
    value: str

    @property
    def text(self) -> str:
        """The label on one line, as LINE shows it in the action and the chat."""
        return " ".join(part.strip() for part in self.label.split("|"))

    def action(self) -> Action:
        """The LINE action object this cell triggers."""
        label = self.text
        if self.kind == "message":
            return MessageAction(label=label, text=self.value)
        if self.kind == "intent":
            data = postback.encode("intent", intent=self.value)
        else:
            tapped = postback.decode(self.value)
            data = postback.encode(tapped.action, **tapped.params)
        return PostbackAction(label=label, data=data, display_text=self.text)


@dataclass(frozen=True)
class MenuSpec:
    """One rich menu as the file declares it."""

    id: str
    alias: str
    chat_bar_text: str
    width: int
    height: int
    columns: int
    rows: int
    buttons: tuple[Button, ...]
    default: bool = False
    roles: tuple[str, ...] = ()
    language: str = THAI
    # The Thai menu this one translates (its own id for a Thai menu): the Malay public menu is
    # what a Malay speaker sees instead of the default, the Malay volunteer one instead of theirs.
    base: str = ""

    def bounds(self, button: Button) -> tuple[int, int, int, int]:
        """x, y, width, height of a cell; the last column and row take the rounding rest."""
        cell_w, cell_h = self.width // self.columns, self.height // self.rows
        x, y = button.column * cell_w, button.row * cell_h
        w = self.width - x if button.column == self.columns - 1 else cell_w
        h = self.height - y if button.row == self.rows - 1 else cell_h
        return x, y, w, h

    def request(self, name: str) -> RichMenuRequest:
        """The rich menu object to create, under `name` (which carries the content hash)."""
        areas = []
        for button in self.buttons:
            x, y, w, h = self.bounds(button)
            areas.append(
                RichMenuArea(
                    bounds=RichMenuBounds(x=x, y=y, width=w, height=h), action=button.action()
                )
            )
        return RichMenuRequest(
            size=RichMenuSize(width=self.width, height=self.height),
            selected=True,
            name=name,
            chat_bar_text=self.chat_bar_text,
            areas=areas,
        )


def load_menus(path: Path = MENUS_FILE) -> list[MenuSpec]:
    """Read and check the menu file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = raw.get("menus")
    if not isinstance(entries, list) or not entries:
        raise MenuFileError(f"{path}: needs a non-empty `menus` list")
    menus = [_menu(entry, f"{path.name}: menus[{i}]") for i, entry in enumerate(entries)]
    ids = [m.id for m in menus]
    if len(set(ids)) != len(ids):
        raise MenuFileError(f"{path.name}: menu ids must be unique, got {ids}")
    if sum(m.default for m in menus) != 1:
        raise MenuFileError(f"{path.name}: exactly one menu must be `default: true`")
    # The Malay menus come after the Thai ones, drawn from the same entries (`label_ms`).
    malay = [
        _malay(menu, entry, f"{path.name}: menus[{i}]")
        for i, (menu, entry) in enumerate(zip(menus, entries, strict=True))
        if isinstance(entry, dict) and entry.get("chat_bar_text_ms")
    ]
    return menus + malay


def _malay(thai: MenuSpec, entry: dict[str, Any], where: str) -> MenuSpec:
    """The Malay twin of a Thai menu: same cells, icons, colours and actions, Malay labels.

    It is never LINE's default menu: a Malay speaker gets it linked to them (bot/richmenu/service).
    """
    chat_bar_text = str(entry["chat_bar_text_ms"])
    if len(chat_bar_text) > MAX_CHAT_BAR_TEXT:
        raise MenuFileError(f"{where}: `chat_bar_text_ms` must be 1-{MAX_CHAT_BAR_TEXT} characters")
    raw_buttons = entry.get("buttons") or []
    buttons = []
    for i, (button, raw) in enumerate(zip(thai.buttons, raw_buttons, strict=True)):
        label = str(raw.get("label_ms", "")).strip()
        if not label:
            raise MenuFileError(f"{where}.buttons[{i}]: a menu with Malay needs `label_ms`")
        _check_label(label, f"{where}.buttons[{i}].label_ms")
        buttons.append(replace(button, label=label))
    return replace(
        thai,
        id=f"{thai.id}_{MALAY}",
        alias=f"{thai.alias}-{MALAY}",
        chat_bar_text=chat_bar_text,
        buttons=tuple(buttons),
        default=False,
        language=MALAY,
    )


def _menu(entry: Any, where: str) -> MenuSpec:
    if not isinstance(entry, dict):
        raise MenuFileError(f"{where}: must be a mapping")
    menu_id, alias = str(entry.get("id", "")), str(entry.get("alias", ""))
    if not re.fullmatch(r"[a-z0-9_]{1,20}", menu_id):
        raise MenuFileError(f"{where}: `id` must be 1-20 of a-z, 0-9, _")
    if not ALIAS_ID.match(alias):
        raise MenuFileError(f"{where}: `alias` must match {ALIAS_ID.pattern}")
    chat_bar_text = str(entry.get("chat_bar_text", ""))
    if not 1 <= len(chat_bar_text) <= MAX_CHAT_BAR_TEXT:
        raise MenuFileError(f"{where}: `chat_bar_text` must be 1-{MAX_CHAT_BAR_TEXT} characters")
    width, height = (int(v) for v in entry.get("size", (0, 0)))
    if (width, height) not in LINE_SIZES:
        raise MenuFileError(f"{where}: `size` must be one of {LINE_SIZES}")
    columns, rows = (int(v) for v in entry.get("grid", (0, 0)))
    if not (1 <= columns <= 5 and 1 <= rows <= 4):
        raise MenuFileError(f"{where}: `grid` must be [columns 1-5, rows 1-4]")
    buttons = tuple(
        _button(b, f"{where}.buttons[{i}]", columns, rows)
        for i, b in enumerate(entry.get("buttons") or [])
    )
    cells = [(b.column, b.row) for b in buttons]
    if not buttons or len(set(cells)) != len(cells):
        raise MenuFileError(f"{where}: needs buttons, each in its own cell")
    return MenuSpec(
        id=menu_id,
        alias=alias,
        chat_bar_text=chat_bar_text,
        width=width,
        height=height,
        columns=columns,
        rows=rows,
        buttons=buttons,
        default=bool(entry.get("default", False)),
        roles=tuple(str(r) for r in entry.get("roles") or ()),
        base=menu_id,
    )


def _button(entry: Any, where: str, columns: int, rows: int) -> Button:
    if not isinstance(entry, dict):
        raise MenuFileError(f"{where}: must be a mapping")
    column, row = (int(v) for v in entry.get("cell", (-1, -1)))
    if not (0 <= column < columns and 0 <= row < rows):
        raise MenuFileError(f"{where}: `cell` is outside the grid")
    kinds = [k for k in ACTION_KINDS if entry.get(k)]
    if len(kinds) != 1:
        raise MenuFileError(f"{where}: needs exactly one of {', '.join(ACTION_KINDS)}")
    label, color = str(entry.get("label", "")).strip(), str(entry.get("color", ""))
    if not label:
        raise MenuFileError(f"{where}: `label` may not be empty")
    _check_label(label, where)
    if not COLOR.match(color):
        raise MenuFileError(f"{where}: `color` must be #RRGGBB")
    if kinds[0] == "postback":
        _check_postback(str(entry["postback"]), where)
    return Button(
        column=column,
        row=row,
        label=label,
        icon=str(entry.get("icon", "")),
        color=color,
        kind=kinds[0],
        value=str(entry[kinds[0]]),
    )


def _check_label(label: str, where: str) -> None:
    one_line = " ".join(part.strip() for part in label.split("|"))
    # LINE cuts an action label at 20 characters: screen readers would read half a word.
    if len(one_line) > MAX_ACTION_LABEL:
        raise MenuFileError(
            f"{where}: `label` {one_line!r} is {len(one_line)} characters; "
            f"LINE allows {MAX_ACTION_LABEL}"
        )


def _check_postback(data: str, where: str) -> None:
    """A `postback:` value must name its action and fit LINE's limit (the codec's rules)."""
    tapped = postback.decode(data)
    if not tapped.action:
        raise MenuFileError(f"{where}: `postback` must start action=<name>, got {data!r}")
    try:
        postback.encode(tapped.action, **tapped.params)
    except postback.PostbackTooLong as error:
        raise MenuFileError(f"{where}: {error}") from error
