"""Every rich-menu button does something the bot understands; the menu's own buttons answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.broadcasts.models import Broadcast, BroadcastRecipient, BroadcastStatus
from bot.chat.dispatch import Dispatcher
from bot.chat.registry import build_dispatcher, build_flows
from bot.core.orm import utcnow
from bot.core.users import LineUser
from bot.richmenu import handlers as menu_handlers
from bot.richmenu.definition import load_menus
from bot.richmenu.handlers import FOR_OTHER_LEAD, NO_ANNOUNCEMENTS
from bot.surveys import handlers as survey_handlers
from intents.taxonomy import load_taxonomy
from tests.conftest import BotWithEmulator

USER = "U" + "7" * 32


def quick_labels(messages: list[dict[str, Any]]) -> list[str]:
    items = messages[-1].get("quickReply", {}).get("items", [])
    return [item["action"]["label"] for item in items]


def test_every_button_is_an_intent_the_taxonomy_knows_or_a_postback_with_a_handler() -> None:
    known_intents = {intent.id for intent in load_taxonomy().intents}
    dispatcher = Dispatcher()
    menu_handlers.register(dispatcher)
    survey_handlers.register(dispatcher)  # the volunteer menu's survey tile
    for menu in load_menus():
        for button in menu.buttons:
            action = button.action()
            if button.kind == "intent":
                assert button.value in known_intents, button
                assert action.data == f"action=intent&intent={button.value}"
            else:
                assert button.kind == "postback", "message buttons would need a text handler"
                name = dict(p.split("=", 1) for p in button.value.split("&"))["action"]
                assert name in dispatcher.postback_actions(), f"no handler for postback {name!r}"
            assert action.display_text == button.text  # the tap shows as the user's message
            assert len(action.label) <= 20


def test_the_answered_intents_have_handlers_of_their_own_not_the_placeholder() -> None:
    dispatcher = build_dispatcher(build_flows())
    intents = {b.value for m in load_menus() for b in m.buttons if b.kind == "intent"}
    assert {i for i in intents if not dispatcher.handles_intent(i)} == set()


def test_the_language_button_asks_in_both_languages_and_answers_in_the_chosen_one(
    menu_bot: BotWithEmulator,
) -> None:
    chat = menu_bot.sim.user(USER, display_name="อามีนะห์")
    chat.follow()
    chat.postback("action=language")
    asked = chat.last_reply()
    assert asked[-1]["text"] == "เลือกภาษาที่ต้องการได้เลยค่ะ\nSila pilih bahasa yang anda mahu."
    assert quick_labels(asked) == ["ภาษาไทย", "Bahasa Melayu"]

    chat.postback("action=language&lang=ms")
    assert chat.last_text() == "Baik. Mulai sekarang AsaBot akan menjawab dalam bahasa Melayu."
    assert "Cari kerja" in quick_labels(chat.last_reply())  # the menu comes in Malay too
    with menu_bot.app.extensions["asabot.sessions"]() as session:
        user = session.get(LineUser, USER)
        assert (user.reply_language, user.language_stated_at is not None) == ("ms", True)

    chat.postback("action=language&lang=th")
    assert chat.last_text() == "ได้เลยค่ะ จากนี้อาสาบอทจะตอบเป็นภาษาไทยค่ะ"
    with menu_bot.app.extensions["asabot.sessions"]() as session:
        assert session.get(LineUser, USER).reply_language == "th"


def test_reporting_for_someone_else_starts_the_complaint_flow_with_a_word_on_consent(
    menu_bot: BotWithEmulator,
) -> None:
    chat = menu_bot.sim.user(USER, display_name="สมชาย")
    chat.follow()
    chat.postback("action=intent&intent=complaint_file")
    on_own = chat.last_reply()

    other = menu_bot.sim.user("U" + "8" * 32, display_name="อาสา")
    other.follow()
    other.postback("action=report_for_other")
    for_someone = other.last_reply()

    assert for_someone[0]["text"] == FOR_OTHER_LEAD
    assert [m.get("text") for m in for_someone[1:]] == [m.get("text") for m in on_own]


def test_my_announcements_lists_what_was_sent_to_me_newest_first(
    menu_bot: BotWithEmulator,
) -> None:
    chat = menu_bot.sim.user(USER, display_name="สมชาย")
    chat.follow()
    chat.postback("action=my_announcements")
    assert chat.last_text() == NO_ANNOUNCEMENTS

    now = utcnow()
    with menu_bot.app.extensions["asabot.sessions"]() as session:
        for days, text, status in (
            (3, "อบรมอาสาสมัครแรงงาน ปัตตานี", BroadcastStatus.SENT),
            (1, "ประชุมเครือข่าย ยะลา", BroadcastStatus.SENT),
            (0, "ร่างที่ยังไม่ส่ง", BroadcastStatus.DRAFT),
        ):
            broadcast = Broadcast(
                messages=[{"type": "text", "text": text}],
                status=status,
                finished_at=now - timedelta(days=days),
            )
            session.add(broadcast)
            session.flush()
            session.add(BroadcastRecipient(broadcast_id=broadcast.id, user_id=USER, seq=1))
        session.commit()

    chat.postback("action=my_announcements")
    text = chat.last_text()
    assert text.startswith("ประกาศล่าสุดที่ส่งถึงคุณ 2 เรื่องค่ะ")
    assert text.index("ประชุมเครือข่าย ยะลา") < text.index("อบรมอาสาสมัครแรงงาน ปัตตานี")
    assert "ร่างที่ยังไม่ส่ง" not in text
    assert f"/{(now - timedelta(days=1)).year + 543}" in text
