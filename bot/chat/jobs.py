"""Jobs of the chat itself: filling in a profile the follow could not fetch."""

from __future__ import annotations

from bot.core.db import get_session
from bot.core.jobs import in_app_context
from bot.core.line import get_line
from bot.core.users import LineUser


@in_app_context
def refresh_profile(user_id: str) -> bool:
    """Fill in a user's display name when the profile API failed during the follow."""
    profile = get_line().profile(user_id)
    if profile is None:
        return False
    session = get_session()
    user = session.get(LineUser, user_id)
    if user is None:
        return False
    user.display_name = profile.display_name
    user.picture_url = profile.picture_url
    user.language = profile.language
    session.commit()
    return True
