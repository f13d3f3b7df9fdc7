"""Follow, unfollow, join and leave: who the bot may talk to."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from linebot.v3.webhooks import FollowEvent, JoinEvent, LeaveEvent, UnfollowEvent

from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.jobs import refresh_profile
from bot.chat.menu import main_menu_messages
from bot.core.users import LineUser

log = logging.getLogger(__name__)


def _event_time(turn: Turn) -> datetime:
    return datetime.fromtimestamp(turn.event.timestamp / 1000, UTC)


def _user(turn: Turn) -> LineUser | None:
    """The user who (un)followed; None for an event without one (LINE sends none such)."""
    user_id = turn.user_id
    if not user_id or not turn.is_one_to_one:
        log.warning("lifecycle.follow_without_user", extra={"event_type": turn.event.type})
        return None
    user = turn.session.get(LineUser, user_id)
    if user is None:
        user = LineUser(id=user_id)
        turn.session.add(user)
    return user


def handle_follow(turn: Turn) -> list:
    user = _user(turn)
    if user is None:
        return []
    user.mark_followed(_event_time(turn))
    profile = turn.line.profile(user.id)
    if profile is not None:
        user.display_name = profile.display_name
        user.picture_url = profile.picture_url
        user.language = profile.language
    else:
        # The profile API was slow or down: answer now, fill the name in later.
        # The job looks the user up: commit the row first, or it may run before it exists.
        turn.session.commit()
        turn.services.jobs.enqueue(refresh_profile, user.id, job_id=f"profile-{user.id}")
    name = f"คุณ{user.display_name} " if user.display_name else ""
    greeting = (
        "ยินดีต้อนรับกลับมาค่ะ"
        if getattr(turn.event.follow, "is_unblocked", False)
        else ("ยินดีต้อนรับสู่อาสาบอทค่ะ")
    )
    lead = (
        f"สวัสดีค่ะ {name}{greeting}\n"
        "อาสาบอทเป็นผู้ช่วยของอาสาสมัครแรงงานและบัณฑิตแรงงาน "
        "ตอบเรื่องสิทธิแรงงาน ประกันสังคม หางาน และช่วยแจ้งเรื่องร้องเรียนค่ะ\n"
        "พิมพ์คำถามได้เลย หรือเลือกหัวข้อด้านล่างค่ะ"
    )
    return main_menu_messages(lead)


def handle_unfollow(turn: Turn) -> list:
    # Unfollowing is blocking: from now on nothing may be sent to this user.
    user = _user(turn)
    if user is not None:
        user.mark_unfollowed(_event_time(turn))
    return []


def handle_join(turn: Turn) -> list:
    return main_menu_messages(
        "สวัสดีค่ะ อาสาบอทพร้อมช่วยในกลุ่มนี้ค่ะ ถ้าต้องการถาม พิมพ์ @อาสาบอท ตามด้วยคำถามได้เลยค่ะ"
    )


def handle_leave(turn: Turn) -> list:
    log.info("lifecycle.left_chat")
    return []


def register(dispatcher: Dispatcher) -> None:
    dispatcher.on_event(FollowEvent)(handle_follow)
    dispatcher.on_event(UnfollowEvent)(handle_unfollow)
    dispatcher.on_event(JoinEvent)(handle_join)
    dispatcher.on_event(LeaveEvent)(handle_leave)
