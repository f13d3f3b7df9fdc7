"""Rich-menu endpoints: create, validate, images, default, per-user and bulk links, aliases.

Plus `/_sim/richmenu`, which tells the chat page which menu a user sees (their own, else the
default) with its areas and an image URL it can load without a channel token.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for

from linesim.api.bodies import read_json
from linesim.channel import get_channel
from linesim.errors import NOT_FOUND, LineError, detail, invalid_request
from linesim.gate import install_gate
from linesim.ids import USER_ID
from linesim.richmenus import (
    IMAGE_TYPES,
    MAX_IMAGE_BYTES,
    RichMenuState,
    StoredMenu,
    check_rich_menu,
    image_size,
)

bp = Blueprint("richmenu", __name__, url_prefix="/v2/bot")
install_gate(bp)
inspect_bp = Blueprint("richmenu_inspection", __name__, url_prefix="/_sim/richmenu")

MAX_BULK_USERS = 500
ALIAS_ID = re.compile(r"^[a-z0-9_-]{1,32}$")
# LINE's wording for these refusals.
NO_IMAGE = "must upload richmenu image before applying it to user"
IMAGE_ALREADY = "An image has already been uploaded to the richmenu"
TOO_MANY_MENUS = "The maximum number of rich menus (1000) has been reached"
ALIAS_CONFLICT = "conflict richmenu alias id"
NO_USER_MENU = "the user has no richmenu"
NO_DEFAULT = "no default richmenu"


def _menus() -> RichMenuState:
    return get_channel().state.richmenus


def _menu(rich_menu_id: str) -> StoredMenu:
    menu = _menus().get(rich_menu_id)
    if menu is None:
        raise LineError(404, NOT_FOUND)
    return menu


def _menu_with_image(rich_menu_id: str) -> StoredMenu:
    menu = _menu(rich_menu_id)
    if menu.image is None:
        raise LineError(400, NO_IMAGE)
    return menu


def _checked_menu() -> dict[str, Any]:
    body = read_json()
    details = check_rich_menu(body)
    if details:
        raise invalid_request(details)
    keep = ("size", "selected", "name", "chatBarText", "areas")
    return {key: body[key] for key in keep}


def _user_ids(body: dict[str, Any]) -> list[str]:
    ids = body.get("userIds")
    if (
        not isinstance(ids, list)
        or not 1 <= len(ids) <= MAX_BULK_USERS
        or not all(isinstance(i, str) for i in ids)
    ):
        raise invalid_request([detail("userIds", f"Size must be between 1 and {MAX_BULK_USERS}")])
    bad = [i for i in ids if not USER_ID.match(i)]
    if bad:
        raise invalid_request([detail("userIds", f"Invalid user ID: {bad[0]}")])
    return list(ids)


def _empty(status: int = 200) -> Response:
    response = jsonify({})
    response.status_code = status
    return response


# menus
@bp.post("/richmenu")
def create_rich_menu() -> Response:
    """Create a menu from a valid object; its id comes back."""
    body = _checked_menu()
    rich_menu_id = _menus().add(body)
    if rich_menu_id is None:
        raise LineError(400, TOO_MANY_MENUS)
    return jsonify({"richMenuId": rich_menu_id})


@bp.post("/richmenu/validate")
def validate_rich_menu_object() -> Response:
    """Check an object as create would, without creating anything."""
    _checked_menu()
    return _empty()


@bp.get("/richmenu/list")
def get_rich_menu_list() -> Response:
    """Every menu of the channel."""
    return jsonify({"richmenus": [m.to_json() for m in _menus().menus()]})


@bp.get("/richmenu/<rich_menu_id>")
def get_rich_menu(rich_menu_id: str) -> Response:
    """One menu."""
    return jsonify(_menu(rich_menu_id).to_json())


@bp.delete("/richmenu/<rich_menu_id>")
def delete_rich_menu(rich_menu_id: str) -> Response:
    """Delete a menu; its users fall back to the default."""
    if not _menus().delete(rich_menu_id):
        raise LineError(404, NOT_FOUND)
    return _empty()


@bp.post("/richmenu/<rich_menu_id>/content")
def set_rich_menu_image(rich_menu_id: str) -> Response:
    """Attach the image, once: PNG or JPEG, at most 1 MB, exactly the menu's size."""
    menu = _menu(rich_menu_id)
    content_type = (request.mimetype or "").lower()
    if content_type not in IMAGE_TYPES:
        raise LineError(415, f"Unsupported Media Type: use {' or '.join(IMAGE_TYPES)}")
    data = request.get_data()
    if len(data) > MAX_IMAGE_BYTES:
        raise LineError(413, "The image is larger than 1 MB")
    dimensions = image_size(data, content_type)
    if dimensions is None:
        raise LineError(400, f"The request body is not a valid {content_type} image")
    want = (menu.body["size"]["width"], menu.body["size"]["height"])
    if dimensions != want:
        raise LineError(
            400,
            f"The image size {dimensions[0]}x{dimensions[1]} does not match the rich menu size "
            f"{want[0]}x{want[1]}",
        )
    refused = _menus().set_image(rich_menu_id, data, content_type)
    if refused == "already":
        raise LineError(400, IMAGE_ALREADY)
    if refused == "missing":
        raise LineError(404, NOT_FOUND)
    return _empty()


@bp.get("/richmenu/<rich_menu_id>/content")
def get_rich_menu_image(rich_menu_id: str) -> Response:
    """The uploaded image's bytes."""
    menu = _menu(rich_menu_id)
    if menu.image is None:
        raise LineError(404, NOT_FOUND)
    data, content_type = menu.image
    return Response(data, content_type=content_type)


# the default menu
@bp.post("/user/all/richmenu/<rich_menu_id>")
def set_default_rich_menu(rich_menu_id: str) -> Response:
    """Show this menu to every user without a menu of their own."""
    _menu_with_image(rich_menu_id)
    _menus().set_default(rich_menu_id)
    return _empty()


@bp.get("/user/all/richmenu")
def get_default_rich_menu_id() -> Response:
    """The default menu's id; 404 when there is none."""
    default = _menus().default()
    if default is None:
        raise LineError(404, NO_DEFAULT)
    return jsonify({"richMenuId": default})


@bp.delete("/user/all/richmenu")
def cancel_default_rich_menu() -> Response:
    """No default menu any more."""
    _menus().set_default(None)
    return _empty()


# per-user links
def _checked_user(user_id: str) -> str:
    if not USER_ID.match(user_id):
        raise LineError(400, "The value for the 'userId' parameter is invalid")
    return user_id


@bp.post("/user/<user_id>/richmenu/<rich_menu_id>")
def link_rich_menu_id_to_user(user_id: str, rich_menu_id: str) -> Response:
    """Give one user this menu instead of the default."""
    _checked_user(user_id)
    _menu_with_image(rich_menu_id)
    _menus().link([user_id], rich_menu_id)
    return _empty()


@bp.get("/user/<user_id>/richmenu")
def get_rich_menu_id_of_user(user_id: str) -> Response:
    """The menu linked to this user (not the default); 404 when none."""
    linked = _menus().linked(_checked_user(user_id))
    if linked is None:
        raise LineError(404, NO_USER_MENU)
    return jsonify({"richMenuId": linked})


@bp.delete("/user/<user_id>/richmenu")
def unlink_rich_menu_id_from_user(user_id: str) -> Response:
    """The user goes back to the default menu."""
    _menus().unlink([_checked_user(user_id)])
    return _empty()


@bp.post("/richmenu/bulk/link")
def link_rich_menu_id_to_users() -> Response:
    """Link one menu to up to 500 users; 202, as LINE does it asynchronously."""
    body = read_json()
    rich_menu_id = body.get("richMenuId")
    if not isinstance(rich_menu_id, str) or not rich_menu_id:
        raise invalid_request([detail("richMenuId", "May not be empty")])
    user_ids = _user_ids(body)
    _menu_with_image(rich_menu_id)
    _menus().link(user_ids, rich_menu_id)
    return _empty(202)


@bp.post("/richmenu/bulk/unlink")
def unlink_rich_menu_id_from_users() -> Response:
    """Unlink up to 500 users; 202."""
    _menus().unlink(_user_ids(read_json()))
    return _empty(202)


# aliases
def _alias_json(alias_id: str, rich_menu_id: str) -> dict[str, str]:
    return {"richMenuAliasId": alias_id, "richMenuId": rich_menu_id}


@bp.post("/richmenu/alias")
def create_rich_menu_alias() -> Response:
    """Name a menu (with an image) so richmenuswitch actions can reach it."""
    body = read_json()
    alias_id, rich_menu_id = body.get("richMenuAliasId"), body.get("richMenuId")
    details = []
    if not isinstance(alias_id, str) or not ALIAS_ID.match(alias_id):
        details.append(detail("richMenuAliasId", "Must match ^[a-z0-9_-]{1,32}$"))
    if not isinstance(rich_menu_id, str) or not rich_menu_id:
        details.append(detail("richMenuId", "May not be empty"))
    if details:
        raise invalid_request(details)
    menus = _menus()
    if menus.alias(str(alias_id)) is not None:
        raise LineError(400, ALIAS_CONFLICT)
    _menu_with_image(str(rich_menu_id))
    menus.put_alias(str(alias_id), str(rich_menu_id))
    return _empty()


@bp.post("/richmenu/alias/<alias_id>")
def update_rich_menu_alias(alias_id: str) -> Response:
    """Point an existing alias at another menu."""
    rich_menu_id = read_json().get("richMenuId")
    if not isinstance(rich_menu_id, str) or not rich_menu_id:
        raise invalid_request([detail("richMenuId", "May not be empty")])
    menus = _menus()
    if menus.alias(alias_id) is None:
        raise LineError(404, NOT_FOUND)
    _menu_with_image(rich_menu_id)
    menus.put_alias(alias_id, rich_menu_id)
    return _empty()


@bp.delete("/richmenu/alias/<alias_id>")
def delete_rich_menu_alias(alias_id: str) -> Response:
    """Forget an alias (the menu stays)."""
    if not _menus().delete_alias(alias_id):
        raise LineError(404, NOT_FOUND)
    return _empty()


@bp.get("/richmenu/alias/list")
def get_rich_menu_alias_list() -> Response:
    """Every alias."""
    aliases = [_alias_json(a, m) for a, m in _menus().aliases().items()]
    return jsonify({"aliases": aliases})


@bp.get("/richmenu/alias/<alias_id>")
def get_rich_menu_alias(alias_id: str) -> Response:
    """One alias."""
    rich_menu_id = _menus().alias(alias_id)
    if rich_menu_id is None:
        raise LineError(404, NOT_FOUND)
    return jsonify(_alias_json(alias_id, rich_menu_id))


# what the chat page needs
@inspect_bp.get("")
def shown_menu() -> Response | tuple[Response, int]:
    """The menu a user sees (`userId`), or the one an alias names (`aliasId`), with an image URL."""
    menus = _menus()
    user_id, alias_id = request.args.get("userId"), request.args.get("aliasId")
    if user_id:
        menu, source = menus.shown_to(user_id)
    elif alias_id:
        target = menus.alias(alias_id)
        menu, source = (menus.get(target) if target else None), "alias"
    else:
        return jsonify({"error": "userId or aliasId is required"}), 400
    # A menu without an image is never shown in LINE's chat screen.
    if menu is None or menu.image is None:
        return jsonify({"richMenu": None, "source": None})
    shown = menu.to_json()
    shown["imageUrl"] = url_for("richmenu_inspection.menu_image", rich_menu_id=menu.rich_menu_id)
    return jsonify({"richMenu": shown, "source": source})


@inspect_bp.get("/<rich_menu_id>/image")
def menu_image(rich_menu_id: str) -> Response | tuple[Response, int]:
    """A menu's image for the chat page (no channel token needed)."""
    menu = _menus().get(rich_menu_id)
    if menu is None or menu.image is None:
        return jsonify({"error": "not found"}), 404
    data, content_type = menu.image
    response = Response(data, content_type=content_type)
    # Images never change once uploaded, so the browser may keep them.
    response.headers["Cache-Control"] = "public, max-age=86400, immutable"
    return response
