"""linesim's rich-menu endpoints: what LINE accepts, what it refuses and how it says so.

Driven with raw HTTP (to see LINE's error bodies) and through the official SDK (to prove the
shapes agree with what line-bot-sdk sends and parses).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    CreateRichMenuAliasRequest,
    MessagingApi,
    MessagingApiBlob,
    PostbackAction,
    RichMenuArea,
    RichMenuBounds,
    RichMenuBulkLinkRequest,
    RichMenuBulkUnlinkRequest,
    RichMenuRequest,
    RichMenuSize,
    UpdateRichMenuAliasRequest,
)
from PIL import Image

from linesim import RunningSim
from tests.linesim.support import TOKEN, Api

USER_A = "U" + "a" * 32
USER_B = "U" + "b" * 32


def png(width: int, height: int) -> bytes:
    """A valid, tiny-on-disk PNG of the given size (one grey, compressed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = (b"\x00" + b"\x80" * width) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def menu_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "size": {"width": 2500, "height": 843},
        "selected": True,
        "name": "test menu",
        "chatBarText": "เมนู",
        "areas": [
            {
                "bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
                "action": {"type": "postback", "data": "action=left", "displayText": "ซ้าย"},
            },
            {
                "bounds": {"x": 1250, "y": 0, "width": 1250, "height": 843},
                "action": {"type": "message", "text": "ขวา"},
            },
        ],
    }
    body.update(overrides)
    return body


def create(api: Api, body: dict[str, Any] | None = None, image: bool = True) -> str:
    answer = api.post("/v2/bot/richmenu", body or menu_body())
    assert answer.status_code == 200, answer.text
    rich_menu_id: str = answer.json()["richMenuId"]
    if image:
        size = (body or menu_body())["size"]
        uploaded = api.call(
            "POST",
            f"/v2/bot/richmenu/{rich_menu_id}/content",
            data=png(size["width"], size["height"]),
            headers={"Content-Type": "image/png"},
        )
        assert uploaded.status_code == 200, uploaded.text
    return rich_menu_id


def shown(sim: RunningSim, user_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = requests.get(
        f"{sim.url}/_sim/richmenu", params={"userId": user_id}, timeout=5
    ).json()
    return answer


@pytest.fixture
def sdk(linesim_server: RunningSim) -> Iterator[tuple[MessagingApi, MessagingApiBlob]]:
    with ApiClient(Configuration(host=linesim_server.url, access_token=TOKEN)) as client:
        yield MessagingApi(client), MessagingApiBlob(client)


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("change", "prop", "message"),
    [
        ({"size": {"width": 700, "height": 400}}, "size.width", "Must be between 800 and 2500"),
        ({"size": {"width": 2600, "height": 1686}}, "size.width", "Must be between 800 and 2500"),
        ({"size": {"width": 1000, "height": 200}}, "size.height", "Must be 250 or more"),
        ({"size": {"width": 1200, "height": 1000}}, "size", "aspect ratio"),
        ({"chatBarText": "เมนูอาสาบอทสำหรับทุกคน"}, "chatBarText", "Length must be between 0 and 14"),
        ({"chatBarText": ""}, "chatBarText", "May not be empty"),
        ({"name": "x" * 301}, "name", "Length must be between 0 and 300"),
        ({"selected": "yes"}, "selected", "May not be empty"),
    ],
)
def test_a_menu_object_outside_line_limits_is_refused_naming_the_property(
    linesim_api: Api, change: dict[str, Any], prop: str, message: str
) -> None:
    for path in ("/v2/bot/richmenu", "/v2/bot/richmenu/validate"):
        answer = linesim_api.post(path, menu_body(**change))
        assert answer.status_code == 400
        body = answer.json()
        assert body["message"].startswith("The request body has")
        assert any(d["property"] == prop and message in d["message"] for d in body["details"]), body
    listed = linesim_api.call("GET", "/v2/bot/richmenu/list").json()
    assert listed == {"richmenus": []}


def test_areas_must_lie_inside_the_menu_and_be_at_most_twenty(linesim_api: Api) -> None:
    outside = menu_body()
    outside["areas"][1]["bounds"] = {"x": 1300, "y": 100, "width": 1250, "height": 800}
    answer = linesim_api.post("/v2/bot/richmenu", outside)
    assert answer.status_code == 400
    props = {d["property"] for d in answer.json()["details"]}
    assert props == {"areas[1].bounds"}
    assert len(answer.json()["details"]) == 2  # too wide and too tall

    area = {
        "bounds": {"x": 0, "y": 0, "width": 10, "height": 10},
        "action": {"type": "message", "text": "a"},
    }
    too_many = menu_body(areas=[area] * 21)
    answer = linesim_api.post("/v2/bot/richmenu/validate", too_many)
    assert answer.status_code == 400
    assert answer.json()["details"] == [
        {"message": "Size must be between 0 and 20", "property": "areas"}
    ]

    bad_action = menu_body()
    bad_action["areas"][0]["action"] = {"type": "postback"}
    details = linesim_api.post("/v2/bot/richmenu", bad_action).json()["details"]
    assert details == [{"message": "May not be empty", "property": "areas[0].action.data"}]


def test_a_valid_object_validates_without_creating_a_menu(linesim_api: Api) -> None:
    assert linesim_api.post("/v2/bot/richmenu/validate", menu_body()).status_code == 200
    assert linesim_api.call("GET", "/v2/bot/richmenu/list").json() == {"richmenus": []}


def test_the_channel_holds_at_most_a_thousand_menus(
    linesim_server: RunningSim, linesim_api: Api
) -> None:
    menus = linesim_server.channel.state.richmenus
    for _ in range(999):
        menus.add(menu_body())
    assert linesim_api.post("/v2/bot/richmenu", menu_body()).status_code == 200
    refused = linesim_api.post("/v2/bot/richmenu", menu_body())
    assert refused.status_code == 400
    assert "1000" in refused.json()["message"]


# ---------------------------------------------------------------- images


def test_the_image_must_be_png_or_jpeg_of_the_menu_size_under_one_megabyte_and_set_once(
    linesim_api: Api,
) -> None:
    rich_menu_id = create(linesim_api, image=False)
    path = f"/v2/bot/richmenu/{rich_menu_id}/content"

    def upload(data: bytes, content_type: str) -> requests.Response:
        return linesim_api.call("POST", path, data=data, headers={"Content-Type": content_type})

    assert upload(png(2500, 843), "image/gif").status_code == 415
    wrong_size = upload(png(2500, 1686), "image/png")
    assert wrong_size.status_code == 400
    assert "2500x1686" in wrong_size.json()["message"]
    assert "2500x843" in wrong_size.json()["message"]
    assert upload(b"\x89PNG not really", "image/png").status_code == 400
    assert upload(b"\xff\xd8" + b"\x00" * (1024 * 1024), "image/jpeg").status_code == 413
    # Nothing was attached by the refusals: the menu still cannot be shown to anyone.
    assert linesim_api.call("GET", path).status_code == 404

    good = png(2500, 843)
    assert upload(good, "image/png").status_code == 200
    again = upload(good, "image/png")
    assert again.status_code == 400
    assert again.json() == {"message": "An image has already been uploaded to the richmenu"}
    downloaded = linesim_api.call("GET", path)
    assert downloaded.content == good
    assert downloaded.headers["Content-Type"] == "image/png"


def test_a_jpeg_image_is_measured_from_its_frame_header(linesim_api: Api) -> None:
    rich_menu_id = create(linesim_api, image=False)
    buffer = io.BytesIO()
    Image.new("RGB", (2500, 843), (0, 100, 50)).save(buffer, format="JPEG", quality=80)
    answer = linesim_api.call(
        "POST",
        f"/v2/bot/richmenu/{rich_menu_id}/content",
        data=buffer.getvalue(),
        headers={"Content-Type": "image/jpeg"},
    )
    assert answer.status_code == 200, answer.text


# ---------------------------------------------------------------- default, links, aliases


def test_users_see_their_own_menu_else_the_default(
    linesim_server: RunningSim, linesim_api: Api
) -> None:
    assert shown(linesim_server, USER_A) == {"richMenu": None, "source": None}
    public, volunteer = create(linesim_api), create(linesim_api)
    no_image = create(linesim_api, image=False)

    refused = linesim_api.post(f"/v2/bot/user/all/richmenu/{no_image}", None)
    assert refused.status_code == 400
    assert refused.json()["message"] == "must upload richmenu image before applying it to user"
    assert linesim_api.call("GET", "/v2/bot/user/all/richmenu").status_code == 404

    assert linesim_api.post(f"/v2/bot/user/all/richmenu/{public}", None).status_code == 200
    assert linesim_api.call("GET", "/v2/bot/user/all/richmenu").json() == {"richMenuId": public}
    seen = shown(linesim_server, USER_A)
    assert (seen["source"], seen["richMenu"]["richMenuId"]) == ("default", public)
    image = requests.get(linesim_server.url + seen["richMenu"]["imageUrl"], timeout=5)
    assert image.headers["Content-Type"] == "image/png"
    assert seen["richMenu"]["areas"][1]["action"] == {"type": "message", "text": "ขวา"}

    assert linesim_api.post(f"/v2/bot/user/{USER_A}/richmenu/{volunteer}", None).status_code == 200
    assert linesim_api.call("GET", f"/v2/bot/user/{USER_A}/richmenu").json() == {
        "richMenuId": volunteer
    }
    assert shown(linesim_server, USER_A)["richMenu"]["richMenuId"] == volunteer
    assert shown(linesim_server, USER_B)["richMenu"]["richMenuId"] == public
    assert linesim_api.call("GET", f"/v2/bot/user/{USER_B}/richmenu").status_code == 404

    assert linesim_api.call("DELETE", f"/v2/bot/user/{USER_A}/richmenu").status_code == 200
    assert shown(linesim_server, USER_A)["richMenu"]["richMenuId"] == public

    # Deleting the default leaves everyone without a menu.
    assert linesim_api.call("DELETE", f"/v2/bot/richmenu/{public}").status_code == 200
    assert shown(linesim_server, USER_B) == {"richMenu": None, "source": None}
    assert linesim_api.call("GET", f"/v2/bot/richmenu/{public}").status_code == 404


def test_bulk_link_and_unlink_through_the_sdk(
    linesim_server: RunningSim, sdk: tuple[MessagingApi, MessagingApiBlob]
) -> None:
    api, blob = sdk
    request = RichMenuRequest(
        size=RichMenuSize(width=2500, height=843),
        selected=False,
        name="sdk menu",
        chat_bar_text="แตะที่นี่",
        areas=[
            RichMenuArea(
                bounds=RichMenuBounds(x=0, y=0, width=2500, height=843),
                action=PostbackAction(label="ทั้งหมด", data="action=all"),
            )
        ],
    )
    api.validate_rich_menu_object(request)
    rich_menu_id = api.create_rich_menu(request).rich_menu_id
    with pytest.raises(ApiException) as refused:
        api.link_rich_menu_id_to_users(
            RichMenuBulkLinkRequest(rich_menu_id=rich_menu_id, user_ids=[USER_A])
        )
    assert refused.value.status == 400
    blob.set_rich_menu_image(rich_menu_id, png(2500, 843), _headers={"Content-Type": "image/png"})
    assert bytes(blob.get_rich_menu_image(rich_menu_id)) == png(2500, 843)

    api.link_rich_menu_id_to_users(
        RichMenuBulkLinkRequest(rich_menu_id=rich_menu_id, user_ids=[USER_A, USER_B])
    )
    assert api.get_rich_menu_id_of_user(USER_B).rich_menu_id == rich_menu_id
    api.unlink_rich_menu_id_from_users(RichMenuBulkUnlinkRequest(user_ids=[USER_A, USER_B]))
    with pytest.raises(ApiException) as none:
        api.get_rich_menu_id_of_user(USER_A)
    assert none.value.status == 404
    fetched = api.get_rich_menu(rich_menu_id)
    assert (fetched.chat_bar_text, fetched.areas[0].action.data) == ("แตะที่นี่", "action=all")
    assert [m.rich_menu_id for m in api.get_rich_menu_list().richmenus] == [rich_menu_id]


def test_aliases_are_created_once_repointed_listed_and_deleted(
    linesim_api: Api, sdk: tuple[MessagingApi, MessagingApiBlob]
) -> None:
    api, _ = sdk
    first, second = create(linesim_api), create(linesim_api)
    api.create_rich_menu_alias(
        CreateRichMenuAliasRequest(rich_menu_alias_id="menu-a", rich_menu_id=first)
    )
    again = linesim_api.post(
        "/v2/bot/richmenu/alias", {"richMenuAliasId": "menu-a", "richMenuId": second}
    )
    assert again.status_code == 400
    assert again.json() == {"message": "conflict richmenu alias id"}
    bad = linesim_api.post(
        "/v2/bot/richmenu/alias", {"richMenuAliasId": "Menu A", "richMenuId": second}
    )
    assert bad.json()["details"][0]["property"] == "richMenuAliasId"

    api.update_rich_menu_alias("menu-a", UpdateRichMenuAliasRequest(rich_menu_id=second))
    assert api.get_rich_menu_alias("menu-a").rich_menu_id == second
    listed = api.get_rich_menu_alias_list().aliases
    assert [(a.rich_menu_alias_id, a.rich_menu_id) for a in listed] == [("menu-a", second)]
    api.delete_rich_menu_alias("menu-a")
    with pytest.raises(ApiException) as gone:
        api.get_rich_menu_alias("menu-a")
    assert gone.value.status == 404


def test_rich_menu_endpoints_need_the_channel_token(linesim_server: RunningSim) -> None:
    answer = requests.get(f"{linesim_server.url}/v2/bot/richmenu/list", timeout=5)
    assert answer.status_code == 401
    assert answer.headers["x-line-request-id"]


def test_reset_forgets_rich_menus(linesim_server: RunningSim, linesim_api: Api) -> None:
    linesim_api.post(f"/v2/bot/user/all/richmenu/{create(linesim_api)}", None)
    requests.post(f"{linesim_server.url}/_sim/reset", timeout=5)
    assert linesim_api.call("GET", "/v2/bot/richmenu/list").json() == {"richmenus": []}
    assert shown(linesim_server, USER_A)["richMenu"] is None
