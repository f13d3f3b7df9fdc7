"""`asabot richmenu sync` on linesim: create once, change nothing twice, replace what changed."""

from __future__ import annotations

from typing import Any

import requests
from linebot.v3.messaging import (
    CreateRichMenuAliasRequest,
    RichMenuBulkLinkRequest,
)

from bot.core.line import LineApi
from bot.richmenu.cli import richmenu
from bot.richmenu.sync import BuiltMenu, sync_menus
from linesim.client import SimClient
from linesim.server import RunningSim
from tests.conftest import make_bot_app

VOLUNTEER_A = "U" + "1" * 32
VOLUNTEER_B = "U" + "2" * 32
MEMBER = "U" + "3" * 32


def channel(line: LineApi) -> dict[str, Any]:
    """What LINE holds: menus by name, aliases, the default."""
    api = line.messaging
    menus = {m.name: m.rich_menu_id for m in api.get_rich_menu_list().richmenus}
    aliases = {a.rich_menu_alias_id: a.rich_menu_id for a in api.get_rich_menu_alias_list().aliases}
    return {
        "menus": menus,
        "aliases": aliases,
        "default": api.get_default_rich_menu_id().rich_menu_id,
    }


def requests_made(sim: SimClient, before: dict[str, int]) -> dict[str, int]:
    after: dict[str, int] = sim.stats()["requests"]
    return {name: n - before.get(name, 0) for name, n in after.items() if n != before.get(name, 0)}


def shown(emulator: RunningSim, user_id: str) -> str | None:
    menu = requests.get(f"{emulator.url}/_sim/richmenu", params={"userId": user_id}, timeout=5)
    body = menu.json()["richMenu"]
    return None if body is None else str(body["richMenuId"])


def test_the_first_sync_creates_every_menu_with_images_aliases_and_the_public_default(
    line: LineApi, built_menus: list[BuiltMenu], emulator: RunningSim
) -> None:
    report = sync_menus(line, built_menus)

    public, volunteer, public_ms, volunteer_ms = built_menus
    assert report.created == [m.name for m in built_menus]
    state = channel(line)
    assert set(state["menus"]) == {m.name for m in built_menus}
    assert state["aliases"] == {
        "asabot-public": state["menus"][public.name],
        "asabot-volunteer": state["menus"][volunteer.name],
        "asabot-public-ms": state["menus"][public_ms.name],
        "asabot-volunteer-ms": state["menus"][volunteer_ms.name],
    }
    assert state["default"] == state["menus"][public.name]
    image = bytes(line.blob.get_rich_menu_image(state["menus"][volunteer.name]))
    assert image == volunteer.image
    assert shown(emulator, MEMBER) == state["menus"][public.name]


def test_a_second_sync_reads_three_lists_and_changes_nothing(
    line: LineApi, built_menus: list[BuiltMenu], sim_client: SimClient
) -> None:
    sync_menus(line, built_menus)
    state = channel(line)
    before = sim_client.stats()["requests"]

    report = sync_menus(line, built_menus, role_members=lambda spec: [VOLUNTEER_A])

    assert not report.changed
    assert report.kept == [m.name for m in built_menus]
    assert requests_made(sim_client, before) == {
        "get_rich_menu_list": 1,
        "get_rich_menu_alias_list": 1,
        "get_default_rich_menu_id": 1,
    }
    assert channel(line) == state


def test_a_changed_file_replaces_only_the_changed_menu_and_deletes_the_old_one_after_the_switch(
    line: LineApi,
    built_menus: list[BuiltMenu],
    changed_built_menus: list[BuiltMenu],
    emulator: RunningSim,
) -> None:
    sync_menus(line, built_menus)
    old = channel(line)

    report = sync_menus(line, changed_built_menus)

    new_public, *unchanged = changed_built_menus
    assert new_public.name != built_menus[0].name
    assert [m.name for m in unchanged] == [m.name for m in built_menus[1:]]
    assert report.created == [new_public.name]
    assert report.deleted == [built_menus[0].name]
    assert report.aliases == ["asabot-public"]
    state = channel(line)
    assert set(state["menus"]) == {new_public.name, *(m.name for m in unchanged)}
    assert state["default"] == state["aliases"]["asabot-public"] == state["menus"][new_public.name]
    assert state["aliases"]["asabot-volunteer"] == old["aliases"]["asabot-volunteer"]
    assert shown(emulator, MEMBER) == state["menus"][new_public.name]
    labels = [a.action.label for a in line.messaging.get_rich_menu(state["default"]).areas]
    assert labels[0] == "ถามอาสาบอท"


def test_a_replaced_role_menu_moves_its_users_before_the_old_one_goes(
    line: LineApi,
    built_menus: list[BuiltMenu],
    changed_built_menus: list[BuiltMenu],
    emulator: RunningSim,
) -> None:
    # A volunteer already linked to the first version must end up on the second.
    sync_menus(line, built_menus)
    first_volunteer = channel(line)["aliases"]["asabot-volunteer"]
    line.messaging.link_rich_menu_id_to_users(
        RichMenuBulkLinkRequest(rich_menu_id=first_volunteer, user_ids=[VOLUNTEER_A])
    )
    reworded = [built_menus[0], _renamed(built_menus[1], "v2")]

    asked: list[tuple[str, ...]] = []

    def members(spec: Any) -> list[str]:
        asked.append(spec.roles)
        return [VOLUNTEER_A, VOLUNTEER_B]

    report = sync_menus(line, reworded, role_members=members)

    second_volunteer = channel(line)["aliases"]["asabot-volunteer"]
    assert second_volunteer != first_volunteer
    assert asked == [("volunteer", "graduate")]
    assert report.relinked_users == 2
    assert shown(emulator, VOLUNTEER_A) == shown(emulator, VOLUNTEER_B) == second_volunteer
    assert shown(emulator, MEMBER) == channel(line)["default"]
    assert first_volunteer not in channel(line)["menus"].values()


def _renamed(menu: BuiltMenu, suffix: str) -> BuiltMenu:
    """The same menu under another version name: what a changed definition looks like to sync."""
    name = f"{menu.name}{suffix}"
    return BuiltMenu(menu.spec, name, menu.spec.request(name), menu.image, menu.content_type)


def test_a_menu_left_without_its_image_by_a_broken_run_gets_the_image_not_a_twin(
    line: LineApi, built_menus: list[BuiltMenu]
) -> None:
    public = built_menus[0]
    half_done = line.messaging.create_rich_menu(public.request).rich_menu_id

    report = sync_menus(line, built_menus)

    assert report.kept == [public.name]
    assert channel(line)["menus"][public.name] == half_done
    assert bytes(line.blob.get_rich_menu_image(half_done)) == public.image


def test_menus_made_by_hand_in_the_console_are_left_alone(
    line: LineApi, built_menus: list[BuiltMenu]
) -> None:
    by_hand = line.messaging.create_rich_menu(
        built_menus[0].spec.request("campaign menu by staff")
    ).rich_menu_id
    line.blob.set_rich_menu_image(
        by_hand, built_menus[0].image, _headers={"Content-Type": "image/png"}
    )
    line.messaging.create_rich_menu_alias(
        CreateRichMenuAliasRequest(rich_menu_alias_id="campaign", rich_menu_id=by_hand)
    )

    sync_menus(line, built_menus)

    assert channel(line)["menus"]["campaign menu by staff"] == by_hand
    assert channel(line)["aliases"]["campaign"] == by_hand


def test_the_cli_command_syncs_and_says_so_then_reports_up_to_date(
    db_url: str, emulator: RunningSim
) -> None:
    app = make_bot_app(db_url, LINE_API_BASE_URL=emulator.url)
    runner = app.test_cli_runner()

    first = runner.invoke(richmenu, ["sync"])
    assert first.exit_code == 0, first.output
    assert "created asabot-public-" in first.output
    assert "default menu: asabot-public-" in first.output

    second = runner.invoke(richmenu, ["sync"])
    assert second.exit_code == 0, second.output
    assert second.output.startswith("rich menus up to date")
