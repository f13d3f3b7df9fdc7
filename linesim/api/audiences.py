"""Audience endpoints for uploaded user-id lists: create, add users, read one.

Only the JSON upload (`/v2/bot/audienceGroup/upload`) is emulated: it is what a bot needs to
narrowcast to a list of its own users. Click, impression and file-upload audiences are not.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from linesim.api.bodies import read_json
from linesim.audiences import MAX_DESCRIPTION, MAX_UPLOAD, AudienceGroup
from linesim.channel import get_channel
from linesim.checks import Details, check_string
from linesim.errors import NOT_FOUND, LineError, detail, invalid_request
from linesim.gate import install_gate
from linesim.ids import USER_ID

bp = Blueprint("audience", __name__, url_prefix="/v2/bot/audienceGroup")
install_gate(bp)


def _user_ids(body: dict[str, Any], out: Details) -> list[str]:
    audiences = body.get("audiences")
    if audiences is None:
        return []
    if not isinstance(audiences, list) or len(audiences) > MAX_UPLOAD:
        out.append(detail("audiences", f"Size must be between 0 and {MAX_UPLOAD}"))
        return []
    ids = []
    for index, entry in enumerate(audiences):
        user_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(user_id, str) or not USER_ID.match(user_id):
            out.append(detail(f"audiences[{index}].id", "Must be a user ID"))
        else:
            ids.append(user_id)
    return ids


@bp.post("/upload")
def create_audience() -> Response:
    """Create an audience from user ids (JSON), as ManageAudience.create_audience_group does."""
    body = read_json()
    details: Details = []
    check_string(body.get("description"), "description", MAX_DESCRIPTION, details)
    if body.get("isIfaAudience"):
        details.append(detail("isIfaAudience", "IFA audiences are not supported by linesim"))
    user_ids = _user_ids(body, details)
    if details:
        raise invalid_request(details)
    channel = get_channel()
    group = channel.state.audiences.create(
        str(body["description"]), user_ids, int(channel.state.clock())
    )
    response = jsonify(_created(group))
    response.status_code = 202  # LINE accepts uploads asynchronously; the SDK expects 202
    return response


@bp.put("/upload")
def add_to_audience() -> Response:
    """Add user ids to an existing audience."""
    body = read_json()
    details: Details = []
    group_id = body.get("audienceGroupId")
    if not isinstance(group_id, int) or isinstance(group_id, bool):
        details.append(detail("audienceGroupId", "Must be an integer"))
        group_id = 0
    user_ids = _user_ids(body, details)
    if details:
        raise invalid_request(details)
    if not get_channel().state.audiences.add(group_id, user_ids):
        raise LineError(404, NOT_FOUND)
    response = jsonify({})
    response.status_code = 202
    return response


@bp.get("/<int:audience_group_id>")
def get_audience(audience_group_id: int) -> Response:
    """One audience and its size."""
    group = get_channel().state.audiences.get(audience_group_id)
    if group is None:
        raise LineError(404, NOT_FOUND)
    return jsonify({"audienceGroup": group.to_json(), "jobs": []})


def _created(group: AudienceGroup) -> dict[str, Any]:
    full = group.to_json()
    keep = (
        "audienceGroupId", "type", "description", "created", "permission", "expireTimestamp",
        "isIfaAudience", "createRoute",
    )  # fmt: skip
    return {name: full[name] for name in keep}
