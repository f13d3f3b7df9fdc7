"""Other bot endpoints: user profiles, uploaded content, the loading animation, read marks."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from linesim.api.bodies import read_json
from linesim.channel import get_channel
from linesim.errors import NOT_FOUND, LineError, detail, invalid_request
from linesim.gate import install_gate
from linesim.ids import USER_ID

bp = Blueprint("bot_api", __name__, url_prefix="/v2/bot")
install_gate(bp)


@bp.get("/profile/<user_id>")
def profile(user_id: str) -> Response:
    """A follower's profile; 404 for unknown users and those who blocked the bot."""
    user = get_channel().state.user(user_id)
    if user is None or not user.following:
        raise LineError(404, NOT_FOUND)
    # LINE leaves out the optional fields a user has not set.
    body = {key: value for key, value in user.to_json().items() if value is not None}
    return jsonify(body)


@bp.get("/message/<message_id>/content")
def content(message_id: str) -> Response:
    """The bytes of an image or file a user sent."""
    stored = get_channel().state.content(message_id)
    if stored is None:
        raise LineError(404, NOT_FOUND)
    data, content_type = stored
    return Response(data, content_type=content_type)


@bp.post("/chat/loading/start")
def loading() -> Response:
    """Show the typing indicator in a 1:1 chat for 5–60 seconds (multiples of 5)."""
    body = read_json()
    chat_id = body.get("chatId")
    seconds = body.get("loadingSeconds", 20)
    details = []
    if not isinstance(chat_id, str) or not USER_ID.match(chat_id):
        details.append(detail("chatId", "Must be a valid user ID"))
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, int)
        or not 5 <= seconds <= 60
        or seconds % 5
    ):
        details.append(detail("loadingSeconds", "Must be a multiple of 5 between 5 and 60"))
    if details:
        raise invalid_request(details)
    get_channel().hub.publish(
        [str(chat_id)], {"userId": chat_id, "loadingSeconds": seconds}, event="typing"
    )
    response = jsonify({})
    response.status_code = 202
    return response


@bp.post("/chat/markAsRead")
def mark_as_read() -> Response:
    """Mark a user's message, and every one before it in that chat, as read (by its token)."""
    body = read_json()
    token = body.get("markAsReadToken")
    if not isinstance(token, str) or not token:
        raise invalid_request([detail("markAsReadToken", "must be specified")])
    channel = get_channel()
    marked = channel.state.mark_read(token)
    if marked is None:
        raise invalid_request([detail("markAsReadToken", "Invalid markAsReadToken")])
    chat_id, message_id = marked
    channel.hub.publish([chat_id], {"chatId": chat_id, "messageId": message_id}, event="read")
    return jsonify({})
