"""People who type that they want to sign up as a volunteer end up registered, with the real
classifier: straight into the registration, or one tap away from the role article."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.volunteers.models import Role, Volunteer
from tests.conftest import BotWithEmulator

REGISTER = "action=intent&intent=volunteer_register"
ROLE_QUESTION = "ลงทะเบียนในฐานะอะไรคะ"


def _texts(reply: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in reply)


def _tap(chat: Any, label: str) -> str:
    items = chat.last_reply()[-1]["quickReply"]["items"]
    (action,) = [i["action"] for i in items if i["action"]["label"] == label]
    chat.postback(action["data"])
    return chat.last_text()


def _start_registration(chat: Any, text: str) -> str:
    """Say `text`; when the answer is not the registration itself, tap its register button."""
    chat.say(text)
    reply = chat.last_reply(timeout=10.0)
    if ROLE_QUESTION in _texts(reply):
        return "asked"
    items = reply[-1].get("quickReply", {}).get("items", [])
    buttons = [i["action"] for i in items if i["action"].get("data") == REGISTER]
    assert buttons, f"{text!r}: no way to register in {reply}"
    chat.postback(buttons[0]["data"])
    assert ROLE_QUESTION in chat.last_text()
    return f"tapped «{buttons[0]['label']}»"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("user_id", "text"),
    [
        ("U" + "a7" * 16, "สมัครเป็นอาสาสมัครแรงงาน"),
        ("U" + "b8" * 16, "อยากเป็นอาสาสมัครแรงงาน"),
        ("U" + "c9" * 16, "สมัคร อสร."),
    ],
)
def test_saying_you_want_to_sign_up_as_a_volunteer_leads_to_being_registered(
    content_bot: BotWithEmulator, user_id: str, text: str
) -> None:
    chat = content_bot.sim.user(user_id, display_name="อาสาใหม่")
    chat.follow()
    chat.last_reply()

    _start_registration(chat, text)
    assert "อยู่จังหวัดหรืออำเภอไหนคะ" in _tap(chat, "อาสาสมัครแรงงาน")
    chat.say("เบตง")
    # The consent question (it names the phone only when the app has a key to encrypt it with).
    assert "เพื่อให้เจ้าหน้าที่ติดต่อได้ไหมคะ" in chat.last_text()
    assert "ลงทะเบียนเรียบร้อยค่ะ: อาสาสมัครแรงงาน อำเภอเบตง จังหวัดยะลา" in _tap(chat, "ข้าม")

    with content_bot.app.extensions["asabot.sessions"]() as session:
        saved = session.scalars(select(Volunteer).where(Volunteer.user_id == user_id)).one()
        assert (saved.role, saved.district_code) == (Role.VOLUNTEER, "9502")


def test_the_role_article_offers_registration_first_among_its_quick_replies(
    content_bot: BotWithEmulator,
) -> None:
    chat = content_bot.sim.user("U" + "6f" * 16, display_name="บัณฑิต")
    chat.follow()
    chat.last_reply()
    chat.postback("action=intent&intent=volunteer_role")
    items = chat.last_reply(timeout=10.0)[-1]["quickReply"]["items"]
    assert items[0]["action"]["data"] == REGISTER
    assert items[0]["action"]["label"] == "ลงทะเบียนอาสาสมัคร"
    assert [i["action"].get("data") for i in items].count(REGISTER) == 1
