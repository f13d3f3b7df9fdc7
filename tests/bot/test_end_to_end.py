"""The bot and the LINE emulator over real HTTP, through the real line-bot-sdk client."""

from __future__ import annotations

from linebot.v3.messaging import TextMessage
from sqlalchemy import select

from bot.chat.models import Direction, MessageLog
from bot.core.db import get_session
from bot.core.notify import push_to_user
from bot.core.users import LineUser


def test_a_new_friend_is_greeted_by_name_with_the_main_menu(bot_with_emulator, sim) -> None:
    chat = sim.user("U" + "a" * 32, display_name="สมศรี")

    chat.follow()
    welcome = chat.last_reply(timeout=5.0)

    assert "คุณสมศรี" in welcome[0]["text"]
    labels = [item["action"]["label"] for item in welcome[0]["quickReply"]["items"]]
    assert "แจ้งเรื่องร้องเรียน" in labels
    with bot_with_emulator.app.app_context():
        user = get_session().get(LineUser, "U" + "a" * 32)
        assert user is not None and user.display_name == "สมศรี"


def test_a_text_is_answered_and_logged_with_its_handling_time(bot_with_emulator, sim) -> None:
    chat = sim.user("U" + "b" * 32, display_name="อาลี")

    chat.say("สวัสดีครับ")

    assert chat.last_reply(timeout=5.0)[0]["type"] == "text"
    with bot_with_emulator.app.app_context():
        rows = list(get_session().scalars(select(MessageLog).order_by(MessageLog.id)))
    assert [(r.direction, r.event_type) for r in rows] == [
        (Direction.IN, "message.text"),
        (Direction.OUT, "reply"),
    ]
    assert rows[0].handling_ms is not None


def test_a_blocked_user_is_never_pushed_to(bot_with_emulator, sim) -> None:
    friend, blocker = sim.user("U" + "c" * 32), sim.user("U" + "d" * 32)
    for chat in (friend, blocker):
        chat.follow()
    blocker.unfollow()

    app = bot_with_emulator.app
    with app.app_context():
        line, session = app.extensions["asabot.line"], get_session()
        news = [TextMessage(text="ข่าวจากกระทรวงแรงงานค่ะ")]
        assert push_to_user(session, line, friend.user_id, news) is True
        assert push_to_user(session, line, blocker.user_id, news) is False

    pushed_to = [m["to"] for m in sim.messages(endpoint="push")]
    assert pushed_to == [[friend.user_id]]
